import Foundation

/// A credential sealed with a tenant data key, as stored in a bytea column.
///
/// Encoding (`encoded`): `[format 0x01][key version: 4 bytes, big-endian][24-byte nonce][ciphertext + 16-byte
/// tag]`. The key version tells the reader which of the tenant's keys to unwrap before opening.
public struct SealedValue: Sendable, Hashable, CustomStringConvertible {
    public static let format: UInt8 = 1
    static let headerByteCount = 1 + 4 + AEAD.nonceByteCount

    /// The version of the tenant data key that sealed this value.
    public let keyVersion: Int
    public let nonce: Data
    /// The encrypted credential followed by the authentication tag.
    public let ciphertext: Data

    init(keyVersion: Int, nonce: Data, ciphertext: Data) {
        self.keyVersion = keyVersion
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    /// Reads the binary encoding. Anything that is not a well-formed encoding of this format is
    /// `.authenticationFailed`, exactly like a ciphertext that does not open: stored bytes are either intact or
    /// not, and callers have one case to handle.
    public init(encoded: Data) throws(CryptoError) {
        let bytes = [UInt8](encoded)
        guard bytes.count >= Self.headerByteCount + AEAD.tagByteCount, bytes[0] == Self.format else {
            throw .authenticationFailed
        }
        keyVersion = bytes[1...4].reduce(0) { $0 << 8 | Int($1) }
        nonce = Data(bytes[5..<Self.headerByteCount])
        ciphertext = Data(bytes[Self.headerByteCount...])
    }

    /// The binary encoding, for a bytea column.
    public var encoded: Data {
        var data = Data(capacity: Self.headerByteCount + ciphertext.count)
        data.append(Self.format)
        let version = UInt32(keyVersion)
        data.append(contentsOf: [UInt8(version >> 24), UInt8(version >> 16 & 0xFF), UInt8(version >> 8 & 0xFF),
                                 UInt8(version & 0xFF)])
        data.append(nonce)
        data.append(ciphertext)
        return data
    }

    public var description: String {
        "SealedValue(key version: \(keyVersion), \(ciphertext.count - AEAD.tagByteCount) bytes sealed)"
    }
}

/// Seals and opens credentials with a tenant's data key (XChaCha20-Poly1305).
///
/// The associated data binds the tenant, the connector, the field and the key version: a ciphertext copied to
/// another tenant, connector or field, or altered in any bit, fails to open with `.authenticationFailed`.
public enum CredentialCipher {
    /// Seals `plaintext` for one field of one connector of one tenant.
    public static func seal(
        _ plaintext: Data, key: TenantDataKey, tenantID: String, connectorID: String, field: String
    ) -> SealedValue {
        let associatedData = associatedData(
            tenantID: tenantID, connectorID: connectorID, field: field, keyVersion: key.version)
        let (nonce, ciphertext) = plaintext.withUnsafeBytes { bytes in
            AEAD.seal(bytes, associatedData: associatedData, key: key.bytes)
        }
        return SealedValue(keyVersion: key.version, nonce: nonce, ciphertext: ciphertext)
    }

    /// Seals the UTF-8 bytes of `plaintext`.
    public static func seal(
        _ plaintext: String, key: TenantDataKey, tenantID: String, connectorID: String, field: String
    ) -> SealedValue {
        seal(Data(plaintext.utf8), key: key, tenantID: tenantID, connectorID: connectorID, field: field)
    }

    /// Opens a value sealed for the same tenant, connector and field with `key` (whose version must be the one
    /// recorded in `sealed`). Any mismatch is `.authenticationFailed`.
    public static func open(
        _ sealed: SealedValue, key: TenantDataKey, tenantID: String, connectorID: String, field: String
    ) throws(CryptoError) -> Data {
        guard sealed.keyVersion == key.version, sealed.ciphertext.count >= AEAD.tagByteCount else {
            throw .authenticationFailed
        }
        let associatedData = associatedData(
            tenantID: tenantID, connectorID: connectorID, field: field, keyVersion: key.version)
        var plaintext = Data(count: sealed.ciphertext.count - AEAD.tagByteCount)
        // Data's closures rethrow untyped errors; a Result carries the typed one through.
        let outcome = sealed.ciphertext.withUnsafeBytes { ciphertext in
            sealed.nonce.withUnsafeBytes { nonce in
                plaintext.withUnsafeMutableBytes { output in
                    Result { () throws(CryptoError) in
                        try AEAD.open(
                            ciphertext, nonce: nonce, associatedData: associatedData, key: key.bytes, into: output)
                    }
                }
            }
        }
        try outcome.get()
        return plaintext
    }

    /// Opens the binary encoding of a sealed value (see `SealedValue.encoded`).
    public static func open(
        encoded: Data, key: TenantDataKey, tenantID: String, connectorID: String, field: String
    ) throws(CryptoError) -> Data {
        try open(SealedValue(encoded: encoded), key: key, tenantID: tenantID, connectorID: connectorID, field: field)
    }

    /// Opens a sealed value as UTF-8 text. Bytes that are not UTF-8 (which sealing a `String` never produces) are
    /// `.authenticationFailed` too.
    public static func openString(
        _ sealed: SealedValue, key: TenantDataKey, tenantID: String, connectorID: String, field: String
    ) throws(CryptoError) -> String {
        let plaintext = try open(sealed, key: key, tenantID: tenantID, connectorID: connectorID, field: field)
        guard let text = String(data: plaintext, encoding: .utf8) else { throw .authenticationFailed }
        return text
    }

    /// Opens `sealed` with `oldKey` and seals it again with `newKey`: one step of a tenant key rotation.
    public static func reseal(
        _ sealed: SealedValue, from oldKey: TenantDataKey, to newKey: TenantDataKey, tenantID: String,
        connectorID: String, field: String
    ) throws(CryptoError) -> SealedValue {
        let plaintext = try open(sealed, key: oldKey, tenantID: tenantID, connectorID: connectorID, field: field)
        return seal(plaintext, key: newKey, tenantID: tenantID, connectorID: connectorID, field: field)
    }

    /// `switchboard:credential:v1|<n>:<tenant>|<n>:<connector>|<n>:<field>|<version>`, each id prefixed by its
    /// UTF-8 length so that no choice of ids (even ones containing `|` or `:`) can produce another's binding.
    static func associatedData(tenantID: String, connectorID: String, field: String, keyVersion: Int) -> [UInt8] {
        func component(_ value: String) -> String { "|\(value.utf8.count):\(value)" }
        let text = "switchboard:credential:v1" + component(tenantID) + component(connectorID) + component(field)
            + "|\(keyVersion)"
        return Array(text.utf8)
    }
}
