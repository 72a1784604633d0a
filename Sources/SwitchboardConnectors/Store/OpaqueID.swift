/// Identifiers of the graph's objects: a prefix naming the kind (`tc_`, `prj_`…) and 26 random characters of
/// lowercase base32 (130 bits from the system's secure generator). They carry no order, count or tenant, so an id
/// tells nothing about other objects, and another tenant's id behaves like one that never existed.
enum OpaqueID {
    enum Kind: String, Sendable, CaseIterable {
        case tenant = "ten"
        case tenantConnector = "tc"
        case project = "prj"
        case projectConnector = "pc"
        case auditEvent = "aud"
        case webhookEndpoint = "whk"
        case webhookEvent = "whe"

        var prefix: String { rawValue + "_" }
    }

    static let randomLength = 26
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func generate(_ kind: Kind) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters = [UInt8]()
        characters.reserveCapacity(randomLength)
        for _ in 0..<randomLength {
            characters.append(alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))])
        }
        return kind.prefix + String(decoding: characters, as: UTF8.self)
    }

    /// Whether `id` has the shape of an id of `kind`. Ids of another shape cannot exist, so callers answer
    /// "not found" without asking the database (which also keeps arbitrary bytes out of statements).
    static func isWellFormed(_ id: String, _ kind: Kind) -> Bool {
        let bytes = Array(id.utf8)
        let prefix = Array(kind.prefix.utf8)
        guard bytes.count == prefix.count + randomLength, bytes.starts(with: prefix) else { return false }
        return bytes[prefix.count...].allSatisfy { alphabet.contains($0) }
    }
}
