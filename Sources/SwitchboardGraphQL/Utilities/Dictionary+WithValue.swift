extension Dictionary {
    /// The value for `key`, first stored as `defaultValue()` if there is none: one lookup where reading and then
    /// inserting costs two.
    @inline(__always)
    mutating func withValue(forKey key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        Self.read(&self[key, default: defaultValue()])
    }

    @inline(__always)
    private static func read(_ value: inout Value) -> Value { value }
}
