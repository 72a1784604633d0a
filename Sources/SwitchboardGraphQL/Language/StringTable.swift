/// The strings of one parse: each distinct token text is made into a `String` once.
///
/// Names repeat a lot (type and field names in schemas, field names in queries), and so do descriptions
/// ("A unique identifier for the client performing the mutation."). Making a `String` from bytes costs more
/// than finding it again: it validates the UTF-8 and, above 15 bytes, allocates; a description also costs a
/// dedent. Equal strings found here share one storage, so the document holds fewer allocations too.
///
/// The table is keyed by a token's raw bytes (quotes included), which fix its kind and so its value: a name
/// never has the bytes of a string. It is an open-addressing hash table over offsets into the source, so a
/// lookup allocates nothing. Its slots hold only a hash and the index of an entry (8 bytes, so that probing
/// large documents' tables stays in cache); the entries, in the order they were made, hold the key's place
/// and the string. A key whose probe runs long (many colliding hashes, as crafted input could make) is not
/// kept, so that no input makes lookups quadratic: its string is just made each time.
struct StringTable {
    private struct Entry {
        var start: UInt32
        var length: UInt32
        var value: String
    }

    /// Per slot: the key's hash (never 0) in the high half and its entry's index in the low; 0 when empty.
    private var slots: UnsafeMutablePointer<UInt64>?
    private var mask = 0
    private var entries: [Entry] = []
    /// The capacity of the table when it is first used: a power of two.
    private let initialCapacity: Int
    private static let maxProbes = 32

    /// A table for a source of `byteCount` bytes. Documents hold about one distinct token text per 100 bytes
    /// (fewer for queries), so one slot per 64 bytes keeps most tables from ever growing.
    init(byteCount: Int) {
        var capacity = 16
        while capacity < byteCount / 64 { capacity *= 2 }
        initialCapacity = capacity
    }

    /// The string for the token `bytes[start..<end]`, made by `make` the first time its text is seen.
    @inline(__always)
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, make: () -> String) -> String {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let length = end - start
        let hash = hashBytes(base + start, length)
        if slots == nil { allocate(capacity: initialCapacity) }
        var i = Int(hash) & mask
        for _ in 0..<Self.maxProbes {
            let slot = slots![i]
            if slot == 0 {
                let value = make()
                slots![i] = UInt64(hash) << 32 | UInt64(entries.count)
                entries.append(Entry(start: UInt32(truncatingIfNeeded: start), length: UInt32(truncatingIfNeeded: length),
                                     value: value))
                if entries.count * 2 > mask + 1 { grow() }
                return value
            }
            if UInt32(truncatingIfNeeded: slot >> 32) == hash {
                let entry = Int(UInt32(truncatingIfNeeded: slot))
                if Int(entries[entry].length) == length && bytesEqual(base + Int(entries[entry].start), base + start, length) {
                    return entries[entry].value
                }
            }
            i = (i + 1) & mask
        }
        return make()
    }

    private mutating func allocate(capacity: Int) {
        let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        storage.initialize(repeating: 0, count: capacity)
        slots = storage
        mask = capacity - 1
        // The entries fill at most half the slots: room for them at once, not in a dozen reallocations.
        entries.reserveCapacity(capacity / 2)
    }

    private mutating func grow() {
        let old = slots!, oldCapacity = mask + 1
        allocate(capacity: oldCapacity * 2)
        for j in 0..<oldCapacity where old[j] != 0 {
            var i = Int(old[j] >> 32) & mask
            while slots![i] != 0 { i = (i + 1) & mask }
            slots![i] = old[j]
        }
        old.deallocate()
    }

    /// Frees the table (call once, when parsing ends).
    mutating func release() {
        slots?.deallocate()
        slots = nil
        mask = 0
        entries = []
    }
}

/// A hash of `count` bytes, never 0. Reads whole 64-bit words: a key of 8 to 32 bytes as words from its start
/// and one that ends at its end (overlapping the one before), a shorter key as two overlapping 32-bit words or
/// byte by byte. A longer key (a description, most likely) is hashed by its length and its first and last 16
/// bytes only, so that hashing does not read every description through once more; keys that differ only in
/// the middle share a hash, and lookups compare the whole key anyway.
@inline(__always)
private func hashBytes(_ p: UnsafeRawPointer, _ count: Int) -> UInt32 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    @inline(__always)
    func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* multiplier
        return m ^ (m >> 29)
    }
    var h = UInt64(truncatingIfNeeded: count) &* multiplier
    if count > 32 {
        h = mix(h, p.loadUnaligned(as: UInt64.self))
        h = mix(h, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        h = mix(h, p.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self))
        h = mix(h, p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 8 {
        var i = 0
        while i + 8 < count {
            h = mix(h, p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        h = mix(h, p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 4 {
        let low = UInt64(p.loadUnaligned(as: UInt32.self))
        let high = UInt64(p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        h = mix(h, low | high << 32)
    } else if count > 0 {
        let a = UInt64(p.load(as: UInt8.self))
        let b = UInt64(p.load(fromByteOffset: count / 2, as: UInt8.self))
        let c = UInt64(p.load(fromByteOffset: count - 1, as: UInt8.self))
        h = mix(h, a | b << 8 | c << 16)
    }
    h ^= h >> 32
    return UInt32(truncatingIfNeeded: h) | 1
}

/// Whether `count` bytes at `a` and `b` are equal, compared a word at a time as `hashBytes` reads them.
@inline(__always)
private func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    if count >= 8 {
        var i = 0
        while i + 8 < count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
            && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    var i = 0
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
