import Testing
@testable import SwitchboardGraphQL

// Expected prints were computed with graphql-core 3.3.2 (`print_schema(extend_schema(build_schema(…), parse(…)))`).

@Suite struct ExtendSchemaTests {
    private let baseSDL = """
        directive @tag(name: String) on FIELD_DEFINITION
        type Query { user(id: ID!): User status: Status }
        type User { id: ID! name: String }
        enum Status { ACTIVE }
        scalar Date
        input Filter { a: Int }
        union Result = User
        interface Node { id: ID! }
        type Unrelated { x: Int }
        """

    @Test func extendsEveryKindOfType() throws {
        let base = try buildSchema(baseSDL)
        let extended = try extendSchema(base, try parse("""
            extend type User implements Node { email: String }
            extend enum Status { DISABLED @deprecated }
            extend scalar Date @specifiedBy(url: "https://example.com")
            extend input Filter { b: String = "b" }
            type Post { title: String }
            extend union Result = Post
            extend schema { mutation: Mutation }
            type Mutation { post(title: String!): Post }
            directive @new on FIELD
            extend directive @tag @deprecated(reason: "old")
            """))
        #expect(printSchema(extended) == #"""
            directive @tag(name: String) @deprecated(reason: "old") on FIELD_DEFINITION

            directive @new on FIELD

            type Query {
              user(id: ID!): User
              status: Status
            }

            type User implements Node {
              id: ID!
              name: String
              email: String
            }

            enum Status {
              ACTIVE
              DISABLED @deprecated
            }

            scalar Date @specifiedBy(url: "https://example.com")

            input Filter {
              a: Int
              b: String = "b"
            }

            union Result = User | Post

            interface Node {
              id: ID!
            }

            type Unrelated {
              x: Int
            }

            type Post {
              title: String
            }

            type Mutation {
              post(title: String!): Post
            }
            """#)
        #expect(Array(extended.typeMap.keys) == [
            "Query", "ID", "User", "String", "Status", "Date", "Filter", "Int", "Result", "Node", "Unrelated", "Boolean",
            "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
            "Post", "Mutation",
        ])
        #expect(validateSchema(extended).isEmpty)
        #expect(extended.mutationType?.name == "Mutation")
        #expect(extended.extensionASTNodes.count == 1)
    }

    @Test func leavesTheExtendedSchemaAlone() throws {
        let base = try buildSchema(baseSDL)
        let printed = printSchema(base)
        _ = try extendSchema(base, try parse("extend type User { email: String } extend enum Status { OTHER } type New { a: Int }"))
        #expect(printSchema(base) == printed)
        #expect((base.type(named: "User") as? GraphQLObjectType)?.fields.keys == ["id", "name"])
        #expect(base.type(named: "New") == nil)
    }

    @Test func sameSchemaWhenNothingIsDefined() throws {
        let base = try buildSchema(baseSDL)
        #expect(try extendSchema(base, try parse("query { user(id: 1) { id } }")) === base)
    }

    @Test func keepsTypesThatDoNotChange() throws {
        let base = try buildSchema(baseSDL)
        let extended = try extendSchema(base, try parse("extend type User { email: String }"))
        // Unrelated types are the very same objects; User and the types that refer to it are copies.
        #expect(extended.type(named: "Unrelated") === base.type(named: "Unrelated"))
        #expect(extended.type(named: "Status") === base.type(named: "Status"))
        #expect(extended.type(named: "Node") === base.type(named: "Node"))
        #expect(extended.type(named: "User") !== base.type(named: "User"))
        #expect(extended.type(named: "Query") !== base.type(named: "Query"))
        #expect(extended.type(named: "Result") !== base.type(named: "Result"))
        let query = try #require(extended.queryType), baseQuery = try #require(base.queryType)
        // A field whose type changes is copied; one whose types do not is shared.
        #expect(query.fields["user"] !== baseQuery.fields["user"])
        #expect(query.fields["user"]?.type.namedType === extended.type(named: "User"))
        #expect(query.fields["status"] === baseQuery.fields["status"])
        #expect((extended.type(named: "Result") as? GraphQLUnionType)?.types.first === extended.type(named: "User"))
    }

    @Test func keepsResolversOfSchemasBuiltInCode() async throws {
        let user = GraphQLObjectType(name: "User", isTypeOf: { _ in true })
        user.fields = ["id": GraphQLField(name: "id", type: .named(GraphQLID), resolve: { _, _, _, _ in "id-1" })]
        let node = GraphQLInterfaceType(name: "Node", resolveType: { _, _, _ in "User" })
        node.fields = ["id": GraphQLField(name: "id", type: .named(GraphQLID))]
        let query = GraphQLObjectType(name: "Query")
        query.fields = [
            "me": GraphQLField(name: "me", type: .named(user), resolve: { _, _, _, _ in "me" }),
            "version": GraphQLField(name: "version", type: .named(GraphQLString), resolve: { _, _, _, _ in "1.0" }),
            "node": GraphQLField(name: "node", type: .named(node)),
        ]
        let base = try GraphQLSchema(query: query)
        let extended = try extendSchema(base, try parse("extend type User { name: String } extend type Query { extra: Int }"))

        let newQuery = try #require(extended.queryType)
        #expect(newQuery !== query)
        #expect(newQuery.fields.keys == ["me", "version", "node", "extra"])
        #expect(newQuery.fields["version"] === query.fields["version"])
        let me = try #require(newQuery.fields["me"])
        #expect(me !== query.fields["me"])
        #expect(me.resolve != nil)
        let newUser = try #require(extended.type(named: "User") as? GraphQLObjectType)
        #expect(newUser.isTypeOf != nil)
        #expect(newUser.fields["id"] === user.fields["id"])
        #expect(newUser.fields.keys == ["id", "name"])
        #expect(extended.type(named: "Node") === node)
        #expect(validateSchema(extended).isEmpty)
    }

    @Test func extendingSchemaWithNewRootsAndDirectives() throws {
        let base = try buildSchema("type Query { a: Int }")
        let extended = try extendSchema(base, try parse("""
            extend schema { mutation: Change }
            type Change { b: Int }
            directive @auth(role: String = "admin") on FIELD_DEFINITION
            """))
        #expect(extended.mutationType?.name == "Change")
        #expect(extended.astNode == nil)
        #expect(extended.extensionASTNodes.count == 1)
        #expect(extended.directive(named: "auth")?.args.map(\.name) == ["role"])
        #expect(printSchema(extended) == """
            schema {
              query: Query
              mutation: Change
            }

            directive @auth(role: String = "admin") on FIELD_DEFINITION

            type Query {
              a: Int
            }

            type Change {
              b: Int
            }
            """)
    }

    @Test func directiveArgumentsFollowChangedTypes() throws {
        let base = try buildSchema("input Opts { a: Int } directive @d(o: Opts) on FIELD type Query { a: Int }")
        let extended = try extendSchema(base, try parse("extend input Opts { b: Int }"))
        let directive = try #require(extended.directive(named: "d"))
        #expect(directive !== base.directive(named: "d"))
        #expect(directive.args.first?.type.namedType === extended.type(named: "Opts"))
        #expect(validateSchema(extended).isEmpty)
    }

    @Test func extensionsOfSDLValidation() {
        // From the SDL validation rules (PossibleTypeExtensionsRule).
        #expect {
            try extendSchema(try buildSchema("type Query { a: Int }"), try parse("extend type Missing { a: Int }"))
        } throws: { error in
            (error as? GraphQLSchemaError)?.errors.map(\.message) == ["Cannot extend type 'Missing' because it is not defined."]
        }
    }
}
