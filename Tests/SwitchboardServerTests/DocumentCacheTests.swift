import Testing
import SwitchboardGraphQL
@testable import SwitchboardServer

@Suite("Document cache")
struct DocumentCacheTests {
    func document(_ text: String) throws -> DocumentNode {
        try parse(text)
    }

    @Test("The least recently used entry goes first when the count is reached")
    func evictsLeastRecentlyUsed() throws {
        let cache = DocumentCache(maxEntries: 2, maxBytes: 1 << 20)
        cache.insert(try document("{ a }"), for: "{ a }")
        cache.insert(try document("{ b }"), for: "{ b }")
        #expect(cache.document(for: "{ a }") != nil)  // a is now the most recent
        cache.insert(try document("{ c }"), for: "{ c }")
        #expect(cache.count == 2)
        #expect(cache.document(for: "{ b }") == nil)
        #expect(cache.document(for: "{ a }") != nil)
        #expect(cache.document(for: "{ c }") != nil)
    }

    @Test("The bytes of query text are bounded too; a text larger than the bound is not kept")
    func boundsBytes() throws {
        let cache = DocumentCache(maxEntries: 100, maxBytes: 13)
        cache.insert(try document("{ a }"), for: "{ a }")      // 5 bytes
        cache.insert(try document("{ bb }"), for: "{ bb }")    // 6 bytes
        #expect(cache.count == 2)
        cache.insert(try document("{ ccc }"), for: "{ ccc }")  // 7 bytes: a and bb cannot both stay
        #expect(cache.document(for: "{ a }") == nil)
        #expect(cache.document(for: "{ bb }") != nil)
        #expect(cache.document(for: "{ ccc }") != nil)
        let large = "{ " + String(repeating: "x", count: 20) + " }"
        cache.insert(try document(large), for: large)
        #expect(cache.document(for: large) == nil)
        #expect(cache.count == 2)
    }

    @Test("Slots of evicted entries are reused, and the order survives many turns")
    func manyTurns() throws {
        let cache = DocumentCache(maxEntries: 3, maxBytes: 1 << 20)
        let doc = try document("{ a }")
        for i in 0..<100 {
            cache.insert(doc, for: "q\(i)")
            if i >= 1 { #expect(cache.document(for: "q\(i - 1)") != nil) }
        }
        #expect(cache.count == 3)
        #expect(cache.document(for: "q99") != nil)
        #expect(cache.document(for: "q98") != nil)
        #expect(cache.document(for: "q97") != nil)
        #expect(cache.document(for: "q96") == nil)
    }

    @Test("A capacity of 0 disables the cache")
    func disabled() throws {
        let cache = DocumentCache(maxEntries: 0, maxBytes: 1 << 20)
        cache.insert(try document("{ a }"), for: "{ a }")
        #expect(cache.count == 0)
    }

    @Test("Concurrent use from many tasks keeps the bounds")
    func concurrentUse() async throws {
        let cache = DocumentCache(maxEntries: 8, maxBytes: 1 << 20)
        let doc = try document("{ a }")
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<500 {
                        let key = "q\((task * 7 + i) % 20)"
                        if cache.document(for: key) == nil { cache.insert(doc, for: key) }
                    }
                }
            }
        }
        #expect(cache.count == 8)
    }

    @Test("The endpoint refuses an invalid schema up front")
    func invalidSchema() throws {
        let bad = try buildSchema("type Query { a: String } interface I { b: Int } type T implements I { a: String }")
        #expect(throws: GraphQLSchemaError.self) { try GraphQLEndpoint(schema: bad) }
    }
}
