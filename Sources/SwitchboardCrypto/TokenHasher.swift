import CSodium
import Foundation

/// API tokens: generated at random, shown once, stored only as keyed hashes.
///
/// The hash is keyed BLAKE2b-256 (`crypto_generichash`), so a leaked table of hashes cannot be checked against
/// guessed tokens without the key. Lookups hash the presented token and search for the hash; `matches` compares
/// in constant time where a hash is compared directly.
public struct TokenHasher: Sendable {
    public static let keyByteCount = 32
    /// The prefix of Switchboard tenant tokens; it makes them recognizable to secret scanners and to people.
    public static let defaultPrefix = "sbt_"
    /// The `crypto_kdf` context of the token-hash key (exactly 8 bytes: "sbtoken" and its NUL terminator).
    static let derivationContext: [CChar] = Array("sbtoken".utf8CString)
    static let derivationSubkeyID: UInt64 = 1

    private let key: SecureBytes

    /// A hasher keyed by the subkey that `crypto_kdf` derives from `master` with context "sbtoken".
    ///
    /// The hashes depend on the master key: after a master key rotation, hashes stored under the old key no
    /// longer match. A deployment that rotates its master key keeps a token key of its own instead (random,
    /// stored wrapped) and uses `init(key:)`.
    public init(master: MasterKey) {
        Sodium.ensureInitialized()
        precondition(Self.derivationContext.count == Int(crypto_kdf_CONTEXTBYTES))
        key = master.bytes.withUnsafeBytes { masterBytes in
            SecureBytes(count: Self.keyByteCount) { (subkey: UnsafeMutableRawBufferPointer) in
                let status = crypto_kdf_derive_from_key(
                    subkey.bindMemory(to: UInt8.self).baseAddress!, Self.keyByteCount, Self.derivationSubkeyID,
                    Self.derivationContext, masterBytes.bindMemory(to: UInt8.self).baseAddress!)
                precondition(status == 0, "crypto_kdf_derive_from_key rejected a 32-byte subkey")
            }
        }
    }

    /// A hasher with a key of its own (32 bytes).
    public init(key: SecureBytes) throws(CryptoError) {
        guard key.count == Self.keyByteCount else {
            throw .invalidKey(reason: "a token hash key has \(Self.keyByteCount) bytes, not \(key.count)")
        }
        self.key = key
    }

    /// The keyed hash of `token`, as 64 lowercase hex characters.
    public func hash(_ token: String) -> String {
        Sodium.ensureInitialized()
        var digest = [UInt8](repeating: 0, count: 32)
        let message = Array(token.utf8)
        key.withUnsafeBytes { keyBytes in
            _ = crypto_generichash(
                &digest, digest.count, message, UInt64(message.count),
                keyBytes.bindMemory(to: UInt8.self).baseAddress, keyBytes.count)
        }
        return digest.withUnsafeBytes { SodiumEncoding.hex($0) }
    }

    /// Whether `token` hashes to `storedHash`, compared in constant time.
    public func matches(_ token: String, storedHash: String) -> Bool {
        constantTimeEquals(hash(token), storedHash)
    }

    /// A new token: `prefix` followed by 32 random bytes in unpadded base64url (43 characters).
    public static func generateToken(prefix: String = defaultPrefix) -> String {
        Sodium.ensureInitialized()
        let random = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { buffer -> String in
            randombytes_buf(buffer.baseAddress!, buffer.count)
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            return SodiumEncoding.base64URLNoPadding(UnsafeRawBufferPointer(buffer))
        }
        return prefix + random
    }
}

/// Compares two byte sequences in time that depends only on their lengths (which are not secret for the values
/// this is meant for: hashes, MACs, tokens of a fixed format).
public func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard !lhs.isEmpty else { return true }
    Sodium.ensureInitialized()
    return lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in sodium_memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
    }
}

/// Compares the UTF-8 bytes of two strings in time that depends only on their lengths.
public func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    constantTimeEquals(Data(lhs.utf8), Data(rhs.utf8))
}
