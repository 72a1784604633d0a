import Synchronization
import Testing
@testable import SwitchboardGraphQL

/// `TypeInfo` during a walk: a rule that records what it sees at each node.
@Suite struct TypeInfoTests {
    /// Records, at each field, argument and value, the types TypeInfo reports.
    final class Recorder: ValidationRule {
        override class var hooks: ValidationHooks { [.enterField, .enterArgument, .enterValue] }
        static let log = Mutex<[String]>([])
        static var seen: [String] { log.withLock { $0 } }
        private func record(_ line: String) { Self.log.withLock { $0.append(line) } }
        private let typeInfo: TypeInfo

        required init(context: ASTValidationContext) {
            typeInfo = (context as! ValidationContext).typeInfo
            super.init(context: context)
        }

        override func enterField(_ node: FieldNode) {
            record("field \(node.name.value): \(typeInfo.parentType?.name ?? "-") -> \(typeInfo.type.map { "\($0)" } ?? "-")")
        }

        override func enterArgument(_ node: ArgumentNode, ownerName: String) {
            record("argument \(ownerName).\(node.name.value): \(typeInfo.inputType.map { "\($0)" } ?? "-") default \(typeInfo.hasDefaultValue)")
        }

        override func enterValue(_ node: ValueNode) {
            let parent = typeInfo.parentInputType.map { "\($0)" } ?? "-"
            record("value: \(typeInfo.inputType.map { "\($0)" } ?? "-") in \(parent)\(typeInfo.enumValue.map { " enum \($0.name)" } ?? "")")
        }
    }

    @Test func tracksOutputAndInputTypes() throws {
        Recorder.log.withLock { $0 = [] }
        _ = try validationErrors([Recorder.self], """
            {
              dog { isHouseTrained(atOtherHomes: true) doesKnowCommand(dogCommand: SIT) nope }
              catOrDog { __typename ... on Cat { furColor } }
              complicatedArgs { complexArgField(complexArg: { stringListField: ["a"], nope: 1 }) }
              __type(name: "Dog") { name }
            }
            """)
        #expect(Recorder.seen == [
            "field dog: QueryRoot -> Dog",
            "field isHouseTrained: Dog -> Boolean",
            "argument isHouseTrained.atOtherHomes: Boolean default true",
            "value: Boolean in -",
            "field doesKnowCommand: Dog -> Boolean",
            "argument doesKnowCommand.dogCommand: DogCommand default false",
            "value: DogCommand in - enum SIT",
            "field nope: Dog -> -",
            "field catOrDog: QueryRoot -> CatOrDog",
            "field __typename: CatOrDog -> String!",
            "field furColor: Cat -> FurColor",
            "field complicatedArgs: QueryRoot -> ComplicatedArgs",
            "field complexArgField: ComplicatedArgs -> String",
            "argument complexArgField.complexArg: ComplexInput default false",
            "value: ComplexInput in -",
            // Entering a list enters its item type already: the list's own type is the parent.
            "value: String in [String]",
            "value: String in [String]",
            "value: - in ComplexInput",
            "field __type: QueryRoot -> __Type",
            "argument __type.name: String! default false",
            "value: String! in -",
            "field name: __Type -> String",
        ])
    }

    @Test func metaFieldsOnlyWhereAllowed() {
        let schema = harnessSchema
        let dog = schema.type(named: "Dog")!
        #expect(TypeInfo.fieldDefinition(schema, dog, "__typename") === typeNameMetaFieldDefinition)
        #expect(TypeInfo.fieldDefinition(schema, dog, "__schema") == nil)
        #expect(TypeInfo.fieldDefinition(schema, schema.queryType!, "__schema") === schemaMetaFieldDefinition)
        #expect(TypeInfo.fieldDefinition(schema, schema.type(named: "CatOrDog")!, "name") == nil)
    }

    @Test func typeFromASTResolvesWrappers() throws {
        let type = try #require(typeFromAST(harnessSchema, try parseType(Source("[Dog!]!"))))
        #expect("\(type)" == "[Dog!]!")
        #expect(typeFromAST(harnessSchema, try parseType(Source("[Unknown]"))) == nil)
    }
}
