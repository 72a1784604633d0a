import Testing
@testable import SwitchboardGraphQL

/// graphql-js's validation test schema (`src/validation/__tests__/harness.ts`), built in code, with the root
/// mutation and subscription types and the `@defer`/`@stream`/`@repeatableOnField` directives that
/// Tests/oracle/corpus/validate/schemas/harness.graphql adds. The expected errors of the rule tests were
/// computed by graphql-core 3.3.2 against that SDL.
let harnessSchema: GraphQLSchema = {
    func field(_ name: String, _ type: GraphQLType, _ args: [GraphQLArgument] = []) -> (String, GraphQLField) {
        (name, GraphQLField(name: name, type: type, args: args))
    }
    func fields(_ list: [(String, GraphQLField)]) -> OrderedDictionary<String, GraphQLField> {
        var map = OrderedDictionary<String, GraphQLField>()
        for (name, f) in list { map[name] = f }
        return map
    }
    func arg(_ name: String, _ type: GraphQLType, _ defaultValue: ValueNode? = nil) -> GraphQLArgument {
        GraphQLArgument(name: name, type: type, defaultValue: defaultValue.map { try! valueFromASTUntyped($0) },
                        defaultValueLiteral: defaultValue)
    }
    let string = GraphQLType.named(GraphQLString), int = GraphQLType.named(GraphQLInt)
    let boolean = GraphQLType.named(GraphQLBoolean)
    let surname = [arg("surname", boolean)]

    let mammal = GraphQLInterfaceType(name: "Mammal")
    mammal.fields = fields([field("mother", .named(mammal)), field("father", .named(mammal))])
    let pet = GraphQLInterfaceType(name: "Pet")
    pet.fields = fields([field("name", string, surname)])
    let canine = GraphQLInterfaceType(name: "Canine", interfaces: [mammal])
    canine.fields = fields([field("name", string, surname), field("mother", .named(canine)), field("father", .named(canine))])
    let dogCommand = GraphQLEnumType(name: "DogCommand", values: ["SIT", "HEEL", "DOWN"].map { GraphQLEnumValue(name: $0) })
    let dog = GraphQLObjectType(name: "Dog", interfaces: [pet, mammal, canine])
    dog.fields = fields([
        field("name", string, surname), field("nickname", string), field("barkVolume", int), field("barks", boolean),
        field("doesKnowCommand", boolean, [arg("dogCommand", .named(dogCommand))]),
        field("isHouseTrained", boolean, [arg("atOtherHomes", boolean, .boolean(BooleanValueNode(loc: nil, value: true)))]),
        field("isAtLocation", boolean, [arg("x", int), arg("y", int)]),
        field("mother", .named(dog)), field("father", .named(dog)),
    ])
    let furColor = GraphQLEnumType(name: "FurColor", values: ["BROWN", "BLACK", "TAN", "SPOTTED", "NO_FUR", "UNKNOWN"].map { GraphQLEnumValue(name: $0) })
    let cat = GraphQLObjectType(name: "Cat", interfaces: [pet])
    cat.fields = fields([
        field("name", string, surname), field("nickname", string), field("meows", boolean), field("meowsVolume", int),
        field("furColor", .named(furColor)),
    ])
    let catOrDog = GraphQLUnionType(name: "CatOrDog", types: [cat, dog])
    let human = GraphQLObjectType(name: "Human")
    human.fields = fields([field("name", string, surname), field("pets", .list(.named(pet))), field("relatives", .nonNull(.list(.named(human))))])

    let complexInput = GraphQLInputObjectType(name: "ComplexInput")
    var complexFields = OrderedDictionary<String, GraphQLInputField>()
    for field in [
        arg("requiredField", .nonNull(boolean)), arg("nonNullField", .nonNull(boolean), .boolean(BooleanValueNode(loc: nil, value: false))),
        arg("intField", int), arg("stringField", string), arg("booleanField", boolean), arg("stringListField", .list(string)),
    ] { complexFields[field.name] = field }
    complexInput.fields = complexFields
    let oneOfInput = GraphQLInputObjectType(name: "OneOfInput", isOneOf: true)
    oneOfInput.fields = ["stringField": arg("stringField", string), "intField": arg("intField", int)]

    let zero = ValueNode.int(IntValueNode(loc: nil, value: "0"))
    let complicatedArgs = GraphQLObjectType(name: "ComplicatedArgs")
    complicatedArgs.fields = fields([
        field("intArgField", string, [arg("intArg", int)]),
        field("nonNullIntArgField", string, [arg("nonNullIntArg", .nonNull(int))]),
        field("stringArgField", string, [arg("stringArg", string)]),
        field("booleanArgField", string, [arg("booleanArg", boolean)]),
        field("enumArgField", string, [arg("enumArg", .named(furColor))]),
        field("floatArgField", string, [arg("floatArg", .named(GraphQLFloat))]),
        field("idArgField", string, [arg("idArg", .named(GraphQLID))]),
        field("stringListArgField", string, [arg("stringListArg", .list(string))]),
        field("stringListNonNullArgField", string, [arg("stringListNonNullArg", .list(.nonNull(string)))]),
        field("complexArgField", string, [arg("complexArg", .named(complexInput))]),
        field("oneOfArgField", string, [arg("oneOfArg", .named(oneOfInput))]),
        field("multipleReqs", string, [arg("req1", .nonNull(int)), arg("req2", .nonNull(int))]),
        field("nonNullFieldWithDefault", string, [arg("arg", .nonNull(int), zero)]),
        field("multipleOpts", string, [arg("opt1", int, zero), arg("opt2", int, zero)]),
        field("multipleOptAndReq", string, [arg("req1", .nonNull(int)), arg("req2", .nonNull(int)), arg("opt1", int, zero), arg("opt2", int, zero)]),
    ])
    let queryRoot = GraphQLObjectType(name: "QueryRoot")
    queryRoot.fields = fields([
        field("human", .named(human), [arg("id", .named(GraphQLID))]), field("dog", .named(dog)), field("cat", .named(cat)),
        field("pet", .named(pet)), field("catOrDog", .named(catOrDog)), field("complicatedArgs", .named(complicatedArgs)),
    ])
    let mutationRoot = GraphQLObjectType(name: "MutationRoot")
    mutationRoot.fields = fields([field("createDog", .named(dog), [arg("name", string)]), field("dogs", .list(.named(dog)))])
    let subscriptionRoot = GraphQLObjectType(name: "SubscriptionRoot")
    subscriptionRoot.fields = fields([field("newDog", .named(dog)), field("newCat", .named(cat)), field("dogs", .list(.named(dog)))])

    let trueDefault = ValueNode.boolean(BooleanValueNode(loc: nil, value: true))
    let directives = specifiedDirectives + [
        GraphQLDirective(name: "onField", locations: [.field]),
        GraphQLDirective(name: "repeatableOnField", locations: [.field], isRepeatable: true),
        GraphQLDirective(name: "defer", locations: [.fragmentSpread, .inlineFragment],
                         args: [arg("if", .nonNull(boolean), trueDefault), arg("label", string)]),
        GraphQLDirective(name: "stream", locations: [.field],
                         args: [arg("if", .nonNull(boolean), trueDefault), arg("label", string), arg("initialCount", int, zero)]),
    ]
    return try! GraphQLSchema(query: queryRoot, mutation: mutationRoot, subscription: subscriptionRoot,
                              types: [mammal, pet, canine, dogCommand, dog, cat, catOrDog, human, furColor, complexInput, oneOfInput],
                              directives: directives)
}()

/// An expected error: its message and its locations as (line, column).
struct ExpectedError: Equatable, CustomStringConvertible {
    let message: String
    let locations: [SwitchboardGraphQL.SourceLocation]

    init(_ message: String, _ locations: [(Int, Int)] = []) {
        self.message = message
        self.locations = locations.map { SwitchboardGraphQL.SourceLocation(line: $0.0, column: $0.1) }
    }

    init(_ error: GraphQLError) {
        message = error.message
        locations = error.locations
    }

    var description: String { "\(message) at \(locations)" }
}

/// The errors of validating `document` against `schema` with the given rules.
func validationErrors(_ rules: [ValidationRule.Type], _ document: String, schema: GraphQLSchema = harnessSchema,
                      maxErrors: Int = 100, hideSuggestions: Bool = false) throws -> [ExpectedError] {
    let parsed = try parse(document)
    return validate(schema, parsed, rules: rules, maxErrors: maxErrors, hideSuggestions: hideSuggestions).map(ExpectedError.init)
}

/// The errors of validating an SDL document with the given rules, alone or as an extension of `schema`.
func sdlValidationErrors(_ rules: [ValidationRule.Type], _ sdl: String, schema: GraphQLSchema? = nil) throws -> [ExpectedError] {
    validateSDL(try parse(sdl), schemaToExtend: schema, rules: rules).map(ExpectedError.init)
}

@Suite struct HarnessSchemaTests {
    @Test func buildsTheHarnessTypes() {
        for name in ["Mammal", "Pet", "Canine", "DogCommand", "Dog", "Cat", "CatOrDog", "Human", "FurColor", "ComplexInput",
                     "OneOfInput", "ComplicatedArgs", "QueryRoot", "MutationRoot", "SubscriptionRoot"] {
            #expect(harnessSchema.type(named: name) != nil, "\(name)")
        }
        #expect(harnessSchema.possibleTypes(of: harnessSchema.type(named: "Pet")!).map(\.name) == ["Dog", "Cat"])
    }

    @Test func aValidDocumentHasNoErrors() throws {
        let errors = try validationErrors(specifiedRules, """
            query Q($id: ID, $atOtherHomes: Boolean = true) {
              human(id: $id) { name pets { name ... on Dog { barkVolume isHouseTrained(atOtherHomes: $atOtherHomes) } } }
              dog { ...DogFields }
              catOrDog { __typename ... on Cat { meows } ... on Dog { barks } }
            }
            fragment DogFields on Dog { name nickname doesKnowCommand(dogCommand: SIT) mother { name } }
            """)
        #expect(errors == [])
    }
}
