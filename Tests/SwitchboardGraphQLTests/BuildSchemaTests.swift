import Testing
@testable import SwitchboardGraphQL

/// The shared fixtures: `<repo root>/../shared/fixtures`, the repo root three levels above this file.
func fixtureText(_ name: String, filePath: String = #filePath) throws -> String {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let path = parts.joined(separator: "/") + "/../shared/fixtures/" + name
    return try readTextFile(path)
}

/// A file of the oracle corpus (`Tests/oracle/corpus/<folder>/<name>`).
func corpusText(_ folder: String, _ name: String, filePath: String = #filePath) throws -> String {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(2)
    return try readTextFile(parts.joined(separator: "/") + "/oracle/corpus/\(folder)/\(name)")
}

struct UnreadableFile: Error {
    let path: String
}

private func readTextFile(_ path: String) throws -> String {
    #if canImport(Glibc)
    guard let file = fopen(path, "rb") else { throw UnreadableFile(path: path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
    #else
    throw UnreadableFile(path: path)
    #endif
}

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BuildSchemaTests {
    // MARK: - Root types

    @Test func rootTypesByConventionalNames() throws {
        let schema = try buildSchema("type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }")
        #expect(schema.queryType?.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.subscriptionType?.name == "Subscription")
        #expect(schema.astNode == nil)
    }

    @Test func rootTypesFromSchemaDefinition() throws {
        let schema = try buildSchema("""
            "The schema" schema { query: Q mutation: M }
            type Q { a: Int } type M { b: Int } type Query { c: Int }
            """)
        #expect(schema.queryType?.name == "Q")
        #expect(schema.mutationType?.name == "M")
        #expect(schema.subscriptionType == nil)
        #expect(schema.description == "The schema")
        #expect(schema.astNode != nil)
    }

    @Test func schemaExtensionsAddRootTypes() throws {
        let schema = try buildSchema("schema { query: Q } extend schema { mutation: M } type Q { a: Int } type M { b: Int }")
        #expect(schema.mutationType?.name == "M")
        #expect(schema.extensionASTNodes.count == 1)
    }

    @Test func conventionalNamesWinOverSchemaExtensionsWithoutDefinition() throws {
        // graphql-js looks for `Query` whenever there is no schema definition, even after `extend schema`.
        let schema = try buildSchema("extend schema { query: Other } type Other { a: Int } type Query { b: Int }")
        #expect(schema.queryType?.name == "Query")
    }

    // MARK: - Types

    @Test func typesInDefinitionOrder() throws {
        let schema = try buildSchema("type Query { z: Z a: A } type A { b: B } type Z { a: A } type B { id: ID }")
        let own = schema.typeMap.keys.filter { standardTypesByName[$0] == nil }
        #expect(own == ["Query", "A", "Z", "B"])
        #expect(Array(schema.typeMap.keys.prefix(7)) == ["Query", "A", "Z", "B", "ID", "Boolean", "String"])
    }

    @Test func builtInScalarDefinitionsStandForTheBuiltIns() throws {
        let schema = try buildSchema("scalar String scalar ID type Query { s: String i: ID }")
        #expect(schema.type(named: "String") === GraphQLString)
        #expect(schema.type(named: "ID") === GraphQLID)
        #expect(schema.queryType?.fields["s"]?.type.namedType === GraphQLString)
    }

    @Test func everyKindOfType() throws {
        let schema = try buildSchema("""
            "Described" scalar Date @specifiedBy(url: "https://example.com/date")
            interface Node { id: ID! }
            interface Named implements Node { id: ID! name: String }
            type User implements Named & Node { id: ID! name: String friends(first: Int = 10): [User!]! }
            union Result = User
            enum Role { ADMIN @deprecated(reason: "no") USER }
            input Filter @oneOf { role: Role name: String }
            type Query { node(id: ID!): Node search(filter: Filter): [Result] date: Date }
            """)
        let date = try #require(schema.type(named: "Date") as? GraphQLScalarType)
        #expect(date.description == "Described")
        #expect(date.specifiedByURL == "https://example.com/date")
        let user = try #require(schema.type(named: "User") as? GraphQLObjectType)
        #expect(user.interfaces.map(\.name) == ["Named", "Node"])
        #expect(user.fields.keys == ["id", "name", "friends"])
        #expect(user.fields["friends"]?.type.description == "[User!]!")
        let first = try #require(user.fields["friends"]?.argument(named: "first"))
        #expect(first.defaultValue == nil)
        #expect(first.defaultValueLiteral.map(printAST) == "10")
        let named = try #require(schema.type(named: "Named") as? GraphQLInterfaceType)
        #expect(named.interfaces.map(\.name) == ["Node"])
        #expect((schema.type(named: "Result") as? GraphQLUnionType)?.types.map(\.name) == ["User"])
        let role = try #require(schema.type(named: "Role") as? GraphQLEnumType)
        #expect(role.values.map(\.name) == ["ADMIN", "USER"])
        #expect(role.values[0].deprecationReason == "no")
        #expect(role.values[0].value == .string("ADMIN"))
        let filter = try #require(schema.type(named: "Filter") as? GraphQLInputObjectType)
        #expect(filter.isOneOf)
        #expect(filter.fields.keys == ["role", "name"])
        #expect(schema.possibleTypes(of: try #require(schema.type(named: "Node"))).map(\.name) == ["User"])
        #expect(validateSchema(schema).isEmpty)
    }

    @Test func extensionsMergeInOrder() throws {
        let schema = try buildSchema("""
            type Query { a: Int }
            extend type Query { b: Int }
            interface I { x: Int }
            extend type Query implements I { x: Int }
            enum E { A } extend enum E { B }
            input In { a: Int } extend input In { b: Int }
            union U = Query extend union U = Other type Other { o: Int }
            scalar S extend scalar S @specifiedBy(url: "u")
            """)
        let query = try #require(schema.queryType)
        #expect(query.fields.keys == ["a", "b", "x"])
        #expect(query.interfaces.map(\.name) == ["I"])
        #expect(query.extensionASTNodes.count == 2)
        #expect((schema.type(named: "E") as? GraphQLEnumType)?.values.map(\.name) == ["A", "B"])
        #expect((schema.type(named: "In") as? GraphQLInputObjectType)?.fields.keys == ["a", "b"])
        #expect((schema.type(named: "U") as? GraphQLUnionType)?.types.map(\.name) == ["Query", "Other"])
        #expect((schema.type(named: "S") as? GraphQLScalarType)?.specifiedByURL == "u")
    }

    // MARK: - Deprecation and descriptions

    @Test func deprecationReasons() throws {
        let schema = try buildSchema("""
            directive @old(a: Int @deprecated) @deprecated(reason: "gone") on FIELD
            directive @older on FIELD
            extend directive @older @deprecated
            type Query {
              a: Int @deprecated
              b(x: Int @deprecated(reason: "x")): Int @deprecated(reason: "")
              c(in: In): Int
            }
            input In { f: Int @deprecated(reason: "f") }
            """)
        let query = try #require(schema.queryType)
        #expect(query.fields["a"]?.deprecationReason == defaultDeprecationReason)
        #expect(query.fields["b"]?.deprecationReason == "")
        #expect(query.fields["b"]?.argument(named: "x")?.deprecationReason == "x")
        #expect((schema.type(named: "In") as? GraphQLInputObjectType)?.fields["f"]?.deprecationReason == "f")
        #expect(schema.directive(named: "old")?.deprecationReason == "gone")
        #expect(schema.directive(named: "old")?.argument(named: "a")?.deprecationReason == defaultDeprecationReason)
        #expect(schema.directive(named: "older")?.deprecationReason == defaultDeprecationReason)
    }

    @Test func descriptions() throws {
        let schema = try buildSchema(#"""
            """
            Block
              description
            """
            type Query {
              "plain" a("arg" x: Int): Int
            }
            """#)
        #expect(schema.queryType?.description == "Block\n  description")
        #expect(schema.queryType?.fields["a"]?.description == "plain")
        #expect(schema.queryType?.fields["a"]?.argument(named: "x")?.description == "arg")
    }

    // MARK: - Directives

    @Test func specifiedDirectivesAreAdded() throws {
        let schema = try buildSchema("directive @custom(a: Int) repeatable on FIELD | QUERY type Query { a: Int }")
        #expect(schema.directives.map(\.name) == ["custom", "include", "skip", "deprecated", "specifiedBy", "oneOf"])
        let custom = try #require(schema.directive(named: "custom"))
        #expect(custom.isRepeatable)
        #expect(custom.locations == [.field, .query])
        #expect(custom.astNode != nil)
    }

    @Test func definedDirectivesReplaceSpecifiedOnes() throws {
        let schema = try buildSchema("directive @skip(if: Boolean!, why: String) on FIELD type Query { a: Int }")
        #expect(schema.directives.map(\.name) == ["skip", "include", "deprecated", "specifiedBy", "oneOf"])
        #expect(schema.directive(named: "skip")?.args.count == 2)
    }

    // MARK: - Errors

    @Test func syntaxErrorsAreSchemaErrors() {
        #expect {
            try buildSchema("type Query {", options: .init())
        } throws: { error in
            let errors = (error as? GraphQLSchemaError)?.errors ?? []
            return errors.map(\.message) == ["Syntax Error: Expected Name, found <EOF>."]
                && errors.first?.locations.map(\.description) == ["1:13"]
        }
    }

    @Test func unknownTypesWhenSDLIsAssumedValid() {
        #expect {
            try buildSchema("type Query { a: Missing }", options: .init(assumeValidSDL: true))
        } throws: { error in
            let errors = (error as? GraphQLSchemaError)?.errors ?? []
            return errors.map(\.message) == ["Unknown type: 'Missing'."] && errors.first?.locations.map(\.description) == ["1:17"]
        }
    }

    @Test(arguments: [
        ("type Query { a: Int @deprecated(reason: 123) }", "Argument 'reason' has invalid value: String cannot represent a non string value: 123", "1:41"),
        ("type Query { a: Int @deprecated(reason: null) }",
         "Argument 'reason' has invalid value: Expected value of non-null type 'String!' not to be None.", "1:41"),
        ("scalar S @specifiedBy(url: null) type Query { a: S }",
         "Argument 'url' has invalid value: Expected value of non-null type 'String!' not to be None.", "1:28"),
        ("scalar S @specifiedBy type Query { a: S }", "Argument 'url' of required type 'String!' was not provided.", "1:10"),
    ])
    func invalidBuiltInDirectiveArguments(sdl: String, message: String, location: String) {
        #expect {
            try buildSchema(sdl, options: .init(assumeValidSDL: true))
        } throws: { error in
            let errors = (error as? GraphQLSchemaError)?.errors ?? []
            return errors.map(\.message) == [message] && errors.first?.locations.map(\.description) == [location]
        }
    }

    @Test func sdlErrorsAreReported() {
        // UniqueFieldDefinitionNamesRule, from the validation rules.
        #expect {
            try buildSchema("type Query { a: Int a: String }")
        } throws: { error in
            (error as? GraphQLSchemaError)?.errors.map(\.message) == ["Field 'Query.a' can only be defined once."]
        }
    }

    // MARK: - Fixtures

    @Test func githubSchemaBuildsAndValidates() throws {
        let schema = try buildSchema(Source(try fixtureText("github_schema.graphql"), name: "github_schema.graphql"))
        #expect(validateSchema(schema).isEmpty)
        #expect(schema.queryType?.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.typeMap.count > 500)
    }

    @Test func kitchenSinkDerivedSchemaBuildsAndValidates() throws {
        let schema = try buildSchema(try corpusText("schema", "kitchen_sink_valid.graphql"))
        #expect(validateSchema(schema).isEmpty)
        #expect(schema.queryType?.name == "QueryType")
        #expect(schema.subscriptionType?.name == "SubscriptionType")
        #expect((schema.type(named: "Site") as? GraphQLEnumType)?.values.map(\.name) == ["DESKTOP", "MOBILE", "WEB", "VR"])
        #expect((schema.type(named: "Feed") as? GraphQLUnionType)?.types.map(\.name) == ["Story", "Article", "Advert", "Photo", "Video"])
    }

    @Test func github2026SchemaReportsItsDuplicatedField() throws {
        let text = try fixtureText("github_schema_2026.graphql")
        #expect {
            try buildSchema(Source(text, name: "github_schema_2026.graphql"))
        } throws: { error in
            let errors = (error as? GraphQLSchemaError)?.errors ?? []
            return errors.first?.message == "Field 'EnterpriseOwnerInfo.repositoryDeployKeySetting' can only be defined once."
                && errors.first?.locations.map(\.description) == ["15003:3", "15153:3"]
        }
    }
}
