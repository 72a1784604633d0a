import Foundation

/// A tenant's data key: 32 random bytes that seal the tenant's credentials, stored only wrapped by the master key.
///
/// Keys are versioned. Rotating a tenant's key creates version n+1 and reseals the credentials with it; rotating
/// the master key unwraps and rewraps only these keys. Deleting the wrapped key shreds every credential sealed
/// with it.
public struct TenantDataKey: Sendable, Equatable, CustomStringConvertible {
    public static let byteCount = 32
    /// The format byte that starts a wrapped key.
    public static let wrapFormat: UInt8 = 1
    /// The size of `wrap(with:tenantID:)`'s output: format byte, nonce, encrypted key and tag.
    public static let wrappedByteCount = 1 + AEAD.nonceByteCount + byteCount + AEAD.tagByteCount

    /// The key's version, bound into every wrapped copy and every ciphertext it seals.
    public let version: Int
    /// The key, in guarded memory.
    public let bytes: SecureBytes

    /// A new random data key with the given version (0 through `UInt32.max`).
    public static func generate(version: Int) throws(CryptoError) -> TenantDataKey {
        try TenantDataKey(bytes: SecureBytes(randomCount: byteCount), version: version)
    }

    /// A data key from bytes already in guarded memory; they must be exactly 32.
    public init(bytes: SecureBytes, version: Int) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidKey(reason: "a tenant data key has \(Self.byteCount) bytes, not \(bytes.count)")
        }
        try Self.checkVersion(version)
        self.bytes = bytes
        self.version = version
    }

    /// This key encrypted under `master`: `[format 0x01][24-byte nonce][ciphertext + 16-byte tag]`, for a bytea
    /// column. The associated data binds the tenant and this key's version, so a wrapped key copied to another
    /// tenant's row, or presented as another version, does not open.
    public func wrap(with master: MasterKey, tenantID: String) -> Data {
        let associatedData = Self.associatedData(tenantID: tenantID, version: version)
        let (nonce, ciphertext) = bytes.withUnsafeBytes { plaintext in
            AEAD.seal(plaintext, associatedData: associatedData, key: master.bytes)
        }
        var wrapped = Data(capacity: Self.wrappedByteCount)
        wrapped.append(Self.wrapFormat)
        wrapped.append(nonce)
        wrapped.append(ciphertext)
        return wrapped
    }

    /// Opens a key produced by `wrap(with:tenantID:)` for the same tenant and version. A wrong master key, tenant,
    /// version, format, length or any altered bit is `.authenticationFailed`.
    public static func unwrap(
        _ wrapped: Data, with master: MasterKey, tenantID: String, version: Int
    ) throws(CryptoError) -> TenantDataKey {
        try checkVersion(version)
        guard wrapped.count == wrappedByteCount, wrapped.first == wrapFormat else { throw .authenticationFailed }
        let associatedData = associatedData(tenantID: tenantID, version: version)
        let nonceRange = 1..<(1 + AEAD.nonceByteCount)
        // Data's closure rethrows untyped errors; a Result carries the typed one through.
        let key = wrapped.withUnsafeBytes { raw in
            Result { () throws(CryptoError) -> SecureBytes in
                let nonce = UnsafeRawBufferPointer(rebasing: raw[nonceRange])
                let ciphertext = UnsafeRawBufferPointer(rebasing: raw[nonceRange.upperBound...])
                return try SecureBytes(count: byteCount) { (output: UnsafeMutableRawBufferPointer) throws(CryptoError) in
                    try AEAD.open(
                        ciphertext, nonce: nonce, associatedData: associatedData, key: master.bytes, into: output)
                }
            }
        }
        return try TenantDataKey(bytes: key.get(), version: version)
    }

    /// Unwraps `wrapped` with `oldMaster` and wraps it again with `newMaster`: one step of a master key rotation.
    public static func rewrap(
        _ wrapped: Data, from oldMaster: MasterKey, to newMaster: MasterKey, tenantID: String, version: Int
    ) throws(CryptoError) -> Data {
        try unwrap(wrapped, with: oldMaster, tenantID: tenantID, version: version)
            .wrap(with: newMaster, tenantID: tenantID)
    }

    /// A short public identifier of the key (see `fingerprint(of:)`).
    public var fingerprint: String { SwitchboardCrypto.fingerprint(of: bytes) }

    public var description: String { "TenantDataKey(version: \(version), fingerprint: \(fingerprint))" }

    /// `switchboard:tenant-key:v1|<tenantID>|<version>`. The tenant id may contain `|`: the version is the last
    /// field and always an integer, so the string still reads back one way only.
    static func associatedData(tenantID: String, version: Int) -> [UInt8] {
        Array("switchboard:tenant-key:v1|\(tenantID)|\(version)".utf8)
    }

    static func checkVersion(_ version: Int) throws(CryptoError) {
        guard version >= 0, version <= Int(UInt32.max) else { throw .invalidKeyVersion(version) }
    }
}
