import Testing
@testable import SwitchboardGraphQL

/// Descriptions stay in the source until read (`StringValueText`): their values must be those of a string made
/// when parsed, outlive the document, and follow assignments.
@Suite struct LazyDescriptionTests {
    private func descriptions(_ sdl: String) throws -> [StringValueNode] {
        try parse(sdl).definitions.compactMap { definition -> StringValueNode? in
            if case .objectType(let object) = definition { return object.description }
            return nil
        }
    }

    @Test func valuesAreThoseOfTheLiterals() throws {
        let nodes = try descriptions(#"""
            "plain \"quoted\" \u00E9 \n" type A
            """
              block
                indented \""" quote
            """ type B
            """one line""" type C
            "" type D
            """""" type E
            """
            é 😀
            """ type F
            """#)
        #expect(nodes.map(\.value) == ["plain \"quoted\" é \n", "block\n  indented \"\"\" quote", "one line", "", "", "é 😀"])
        #expect(nodes.map(\.block) == [false, true, true, false, true, true])
        for node in nodes {
            #expect(node.text.token != nil)
        }
    }

    @Test func aDescriptionOutlivesItsDocument() throws {
        func description() throws -> StringValueNode? {
            try descriptions(#""""kept""" type A"#).first
        }
        let node = try #require(try description())
        #expect(node.value == "kept")
    }

    @Test func assigningAValueReplacesTheToken() throws {
        var node = try #require(try descriptions(#""""old""" type A"#).first)
        node.value = "new"
        #expect(node.value == "new")
        #expect(node.text.token == nil)
    }

    @Test func aBuiltSchemaSharesRepeatedDescriptionsAndKeepsDistinctOnes() throws {
        let schema = try buildSchema(#"""
            type Query {
              """
              The same.
              """
              a: Int
              """
              The same.
              """
              b: Int
              "Other."
              c: Int
            }
            """#)
        let fields = try #require(schema.queryType).fields
        #expect(fields.values.map(\.description) == ["The same.", "The same.", "Other."])
    }
}
