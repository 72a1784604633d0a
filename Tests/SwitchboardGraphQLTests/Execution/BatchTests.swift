import Synchronization
import Testing
@testable import SwitchboardGraphQL

/// The batching design: a field with `resolveBatch` is resolved once per level, for all parents at once.
@Suite struct BatchTests {
    typealias T = ExecutionTestSupport

    /// Authors have books, books have reviews; each level is loaded by a batch resolver that counts its calls.
    private func makeSchema(calls: Recorder<[String: Int]>) throws -> GraphQLSchema {
        let count: @Sendable (String, Int) -> Void = { name, sources in
            calls.update { $0[name, default: 0] += 1; $0[name + ".sources", default: 0] += sources }
        }
        let review = GraphQLObjectType(name: "Review", fields: fieldMap([field("stars", intType)]))
        let book = GraphQLObjectType(name: "Book")
        book.fields = fieldMap([
            field("title", stringType),
            field("reviews", .list(.named(review)), resolveBatch: { sources, _, _, _ in
                try await Task.sleep(nanoseconds: 100_000)
                count("reviews", sources.count)
                return sources.map { source -> (any Sendable)? in
                    guard case .object(let b)? = source as? GraphQLValue, case .int(let n)? = b["n"] else { return nil }
                    return (0..<n).map { GraphQLValue.object(["stars": .int($0)]) }
                }
            }),
        ])
        let author = GraphQLObjectType(name: "Author")
        author.fields = fieldMap([
            field("name", stringType),
            field("books", .list(.nonNull(.named(book))), resolveBatch: { sources, _, _, info in
                count("books", sources.count)
                #expect(info.path == [.key("authors"), .index(0), .key("books")])
                return sources.enumerated().map { i, _ in
                    (0..<2).map { j in GraphQLValue.object(["title": .string("b\(i)\(j)"), "n": .int(j + 1)]) }
                }
            }),
        ])
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([
            field("authors", .list(.named(author)), resolveBatch: { sources, _, _, _ in
                count("authors", sources.count)
                return [(0..<3).map { GraphQLValue.object(["name": .string("a\($0)")]) }]
            }),
        ]))
        return try GraphQLSchema(query: query)
    }

    @Test func oneBatchCallPerLevel() async throws {
        let calls = Recorder<[String: Int]>([:])
        let result = try await T.run(makeSchema(calls: calls), "{ authors { name books { title reviews { stars } } } }")
        #expect(result.errors.isEmpty)
        let expected: [String: Int] = ["authors": 1, "authors.sources": 1, "books": 1, "books.sources": 3, "reviews": 1, "reviews.sources": 6]
        #expect(calls.value == expected)
        guard case .object(let data)? = result.data, case .list(let authors)? = data["authors"] else {
            Issue.record("no authors")
            return
        }
        #expect(authors.count == 3)
        #expect(authors[2].jsonString == #"{"name":"a2","books":[{"title":"b20","reviews":[{"stars":0}]},{"title":"b21","reviews":[{"stars":0},{"stars":1}]}]}"#)
    }

    @Test func aBatchResolverThatThrowsFailsEveryParent() async throws {
        let failing = GraphQLObjectType(name: "Item", fields: fieldMap([
            field("name", stringType),
            field("broken", stringType, resolveBatch: { _, _, _, _ in throw GraphQLError("Batch failed.") }),
            field("short", stringType, resolveBatch: { _, _, _, _ in [] }),
        ]))
        let query = GraphQLObjectType(name: "Query", fields: fieldMap([field("items", .list(.named(failing)))]))
        let result = try await T.run(try GraphQLSchema(query: query), "{ items { broken short } }", root: GraphQLValue.object(["items": [["name": "a"], ["name": "b"]]]))
        #expect(result.data?.jsonString == #"{"items":[{"broken":null,"short":null},{"broken":null,"short":null}]}"#)
        #expect(T.summary(result.errors) == [
            "Batch failed. @1:11 items.0.broken",
            #"Batch resolver for field "Item.short" returned 0 results for 2 sources. @1:18 items.0.short"#,
            "Batch failed. @1:11 items.1.broken",
            #"Batch resolver for field "Item.short" returned 0 results for 2 sources. @1:18 items.1.short"#,
        ])
    }

    @Test func batchLoaderLoadsEachKeyOnce() async throws {
        let loads = Recorder<[[Int]]>([])
        let loader = BatchLoader<Int, String> { keys in
            loads.update { $0.append(keys) }
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, "v\($0)") })
        }
        #expect(try await loader.loadMany([1, 2, 1, 3]) == ["v1", "v2", "v1", "v3"])
        #expect(try await loader.loadMany([3, 4]) == ["v3", "v4"])
        #expect(try await loader.load(4) == "v4")
        #expect(loads.value == [[1, 2, 3], [4]])
    }
}
