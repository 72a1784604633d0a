/// A dictionary that remembers insertion order, for field maps and response objects,
/// where GraphQL makes order observable.
public struct OrderedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable, Sequence {
    public private(set) var keys: [Key] = []
    public private(set) var values: [Value] = []
    private var index: [Key: Int] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        index.reserveCapacity(minimumCapacity)
    }

    /// Makes room for `minimumCapacity` entries, so that adding them neither grows the storage nor rehashes.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        index.reserveCapacity(minimumCapacity)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads a value; setting one appends a new key or replaces the value in place (keeping its position).
    /// Setting nil removes the key.
    public subscript(key: Key) -> Value? {
        get { index[key].map { values[$0] } }
        set {
            if let newValue {
                // One hash for both finding the key and inserting it (schemas insert thousands of fields).
                var isNew = false
                let position = keys.count
                let i = index.withValue(forKey: key, default: { isNew = true; return position }())
                if isNew {
                    keys.append(key)
                    values.append(newValue)
                } else {
                    values[i] = newValue
                }
            } else if let i = index.removeValue(forKey: key) {
                keys.remove(at: i)
                values.remove(at: i)
                for j in i..<keys.count { index[keys[j]] = j }
            }
        }
    }

    public func index(forKey key: Key) -> Int? { index[key] }

    public func makeIterator() -> Zip2Sequence<[Key], [Value]>.Iterator {
        zip(keys, values).makeIterator()
    }
}

extension OrderedDictionary: Equatable where Value: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.keys == b.keys && a.values == b.values }
}

extension OrderedDictionary: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }
}

extension OrderedDictionary: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (Key, Value)...) {
        self.init(minimumCapacity: elements.count)
        for (k, v) in elements { self[k] = v }
    }
}
