import CSodium
import SwitchboardCrypto

/// How a data key crosses the wire: sealed (libsodium's `crypto_box_seal`: X25519, XSalsa20-Poly1305) to a key pair
/// the worker made for its connection. The router never holds the worker's secret half, and neither side ever
/// puts a tenant key in clear into a network buffer (NIO's buffers are reused and not wiped): the router seals
/// from guarded memory, the worker opens into guarded memory.
///
/// This is not what authenticates the router to a worker: the transport does that (a socket only the router's
/// user can reach; mutual TLS for remote workers).
public enum KeySealing {
    /// A sealed data key: the 32 key bytes, an ephemeral public key (32) and a tag (16).
    public static let sealedByteCount = TenantDataKey.byteCount + crypto_box_sealbytes()

    /// A worker's key pair for one connection; the secret half lives in guarded memory and dies with it.
    public final class SessionKeyPair: Sendable {
        public let publicKey: [UInt8]
        private let secretKey: SecureBytes

        public init() {
            precondition(sodium_init() >= 0, "libsodium failed to initialize")
            var publicKey = [UInt8](repeating: 0, count: crypto_box_publickeybytes())
            secretKey = SecureBytes(count: crypto_box_secretkeybytes()) { (secret: UnsafeMutableRawBufferPointer) in
                _ = crypto_box_keypair(&publicKey, secret.bindMemory(to: UInt8.self).baseAddress!)
            }
            self.publicKey = publicKey
        }

        /// The data key sealed by `seal(_:to:)`, opened straight into guarded memory.
        public func open(_ sealed: [UInt8], version: Int) throws -> TenantDataKey {
            guard sealed.count == sealedByteCount else { throw CryptoError.authenticationFailed }
            let opened = try secretKey.withUnsafeBytes { secret in
                try SecureBytes(count: TenantDataKey.byteCount) {
                    (output: UnsafeMutableRawBufferPointer) throws(CryptoError) in
                    let status = crypto_box_seal_open(
                        output.bindMemory(to: UInt8.self).baseAddress!, sealed, UInt64(sealed.count), publicKey,
                        secret.bindMemory(to: UInt8.self).baseAddress!)
                    guard status == 0 else { throw .authenticationFailed }
                }
            }
            return try TenantDataKey(bytes: opened, version: version)
        }
    }

    /// `key` sealed to `publicKey` (a worker's session key, from its hello).
    public static func seal(_ key: TenantDataKey, to publicKey: [UInt8]) throws -> [UInt8] {
        guard publicKey.count == crypto_box_publickeybytes() else {
            throw CryptoError.invalidKey(reason: "a session public key has \(crypto_box_publickeybytes()) bytes")
        }
        precondition(sodium_init() >= 0, "libsodium failed to initialize")
        var sealed = [UInt8](repeating: 0, count: sealedByteCount)
        let status = key.bytes.withUnsafeBytes { bytes in
            crypto_box_seal(&sealed, bytes.bindMemory(to: UInt8.self).baseAddress!, UInt64(bytes.count), publicKey)
        }
        guard status == 0 else { throw CryptoError.invalidKey(reason: "the session public key is not usable") }
        return sealed
    }
}
