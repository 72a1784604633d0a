import Synchronization
import SwitchboardGraphQL

/// Parsed and validated documents by query text, least recently used first out.
///
/// Clients send the same few documents over and over; keeping them skips the lexer, the parser and
/// every validation rule. Only documents that parsed and validated are kept, so an entry can be executed
/// as it is. The cache is bounded twice: by entries, and by the bytes of query text it holds (a 1 MiB
/// document must not pin a thousand copies of itself).
final class DocumentCache: Sendable {
    /// The bounds. `maxEntries` 0 disables the cache.
    let maxEntries: Int
    let maxBytes: Int

    private let state: Mutex<State>

    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
        self.state = Mutex(State())
    }

    /// The document kept for `query`, which becomes the most recently used.
    func document(for query: String) -> DocumentNode? {
        state.withLock { $0.lookUp(query) }
    }

    /// Keeps `document` for `query`, evicting the least recently used entries beyond the bounds.
    func insert(_ document: DocumentNode, for query: String) {
        let cost = query.utf8.count
        guard maxEntries > 0, cost <= maxBytes else { return }
        state.withLock { state in
            state.insert(query, document, cost: cost)
            while state.count > maxEntries || state.bytes > maxBytes {
                state.evictLeastRecentlyUsed()
            }
        }
    }

    var count: Int { state.withLock { $0.count } }

    /// A doubly linked list threaded through an array (indices, not references, so that the state is a
    /// plain value the mutex owns), with a free list for the slots of evicted entries.
    private struct State: ~Copyable {
        struct Entry {
            var query: String
            var document: DocumentNode
            var cost: Int
            var previous: Int
            var next: Int
        }

        static let none = -1
        var entries: [Entry] = []
        var slotByQuery: [String: Int] = [:]
        var freeSlots: [Int] = []
        /// Most recently used.
        var head = none
        /// Least recently used.
        var tail = none
        var bytes = 0

        var count: Int { slotByQuery.count }

        mutating func lookUp(_ query: String) -> DocumentNode? {
            guard let slot = slotByQuery[query] else { return nil }
            moveToFront(slot)
            return entries[slot].document
        }

        mutating func insert(_ query: String, _ document: DocumentNode, cost: Int) {
            if let slot = slotByQuery[query] {
                // Two requests raced to parse the same text: keep the first, mark it used.
                moveToFront(slot)
                return
            }
            let entry = Entry(query: query, document: document, cost: cost, previous: Self.none, next: Self.none)
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = free
                entries[slot] = entry
            } else {
                slot = entries.count
                entries.append(entry)
            }
            slotByQuery[query] = slot
            bytes += cost
            linkAtFront(slot)
        }

        mutating func evictLeastRecentlyUsed() {
            let slot = tail
            guard slot != Self.none else { return }
            unlink(slot)
            slotByQuery[entries[slot].query] = nil
            bytes -= entries[slot].cost
            // Release the document and the text now rather than when the slot is reused.
            entries[slot].query = ""
            entries[slot].document = DocumentNode(definitions: [])
            freeSlots.append(slot)
        }

        private mutating func moveToFront(_ slot: Int) {
            guard head != slot else { return }
            unlink(slot)
            linkAtFront(slot)
        }

        private mutating func linkAtFront(_ slot: Int) {
            entries[slot].previous = Self.none
            entries[slot].next = head
            if head != Self.none { entries[head].previous = slot }
            head = slot
            if tail == Self.none { tail = slot }
        }

        private mutating func unlink(_ slot: Int) {
            let previous = entries[slot].previous
            let next = entries[slot].next
            if previous != Self.none { entries[previous].next = next } else { head = next }
            if next != Self.none { entries[next].previous = previous } else { tail = previous }
            entries[slot].previous = Self.none
            entries[slot].next = Self.none
        }
    }
}
