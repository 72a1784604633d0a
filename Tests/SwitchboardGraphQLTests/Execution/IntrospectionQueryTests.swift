#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SwitchboardGraphQL

@Suite struct IntrospectionQueryTests {
    private static let fixtures = URLlessPath.fixtures

    @Test func fullQueryIsGraphQLJSText() throws {
        // The shared fixture is graphql-js's full introspection query (every option on), plus a final newline.
        let fixture = try readFixture("introspection_query.graphql")
        #expect(getIntrospectionQuery(.all) + "\n" == fixture)
    }

    @Test func optionsLeaveOutTheirFields() throws {
        let minimal = getIntrospectionQuery(IntrospectionOptions(descriptions: false, typeDepth: 1))
        #expect(!minimal.contains("description"))
        #expect(!minimal.contains("specifiedByURL"))
        #expect(!minimal.contains("isRepeatable"))
        #expect(!minimal.contains("isOneOf"))
        #expect(!minimal.contains("(includeDeprecated: true) {\n        ...InputValue"))
        #expect(minimal.split(separator: "\n").filter { $0.contains("ofType") }.count == 1)
        #expect(minimal.contains("    directives {\n      name\n\n\n\n\n      locations\n"))
        let deprecation = getIntrospectionQuery(IntrospectionOptions(experimentalDirectiveDeprecation: true))
        #expect(deprecation.contains("directives(includeDeprecated: true) {"))
        _ = try parse(Source(minimal), options: .trusted)
        _ = try parse(Source(deprecation), options: .trusted)
    }

    @Test func executesAgainstASchema() async throws {
        let schema = try buildSchema("type Query { a(x: Int = 1): String }")
        let result = await execute(schema: schema, document: try parse(Source(getIntrospectionQuery(.all)), options: .trusted))
        #expect(result.errors.isEmpty)
        #expect(result.jsonString().hasPrefix(#"{"data":{"__schema":{"description":null,"queryType":{"name":"Query","kind":"OBJECT"}"#))
    }
}

/// The shared fixtures folder: `<repo>/../shared/fixtures`, the repository root being three levels above this file's folder.
enum URLlessPath {
    static let fixtures: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(4)
        return parts.joined(separator: "/") + "/../shared/fixtures"
    }()
}

func readFixture(_ name: String) throws -> String {
    let path = URLlessPath.fixtures + "/" + name
    guard let file = fopen(path, "rb") else { throw GraphQLError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
