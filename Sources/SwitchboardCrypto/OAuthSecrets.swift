import CSodium
import Foundation

/// The random values of an OAuth 2.0 authorization-code flow with PKCE (RFC 7636), and the unkeyed hash under
/// which a `state` is stored.
///
/// A state is 32 random bytes: a value with 256 bits of entropy needs no key to be stored safely as a hash (no
/// one can guess a preimage), which lets a router find the tenant of a callback from the state's hash without
/// holding any tenant's key.
public enum OAuthSecrets {
    /// A new `state`: 32 random bytes in unpadded base64url (43 characters).
    public static func newState() -> String {
        randomBase64URL(byteCount: 32)
    }

    /// A new PKCE code verifier: 32 random bytes in unpadded base64url, 43 characters of the unreserved set
    /// RFC 7636 §4.1 allows (the minimum length it allows, with 256 bits of entropy as it recommends).
    public static func newCodeVerifier() -> String {
        randomBase64URL(byteCount: 32)
    }

    /// Whether `verifier` is a code verifier RFC 7636 accepts: 43 to 128 characters of `[A-Za-z0-9-._~]`.
    public static func isValidCodeVerifier(_ verifier: String) -> Bool {
        let bytes = Array(verifier.utf8)
        guard (43...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                true
            default:
                false
            }
        }
    }

    /// The S256 code challenge of `verifier`: BASE64URL(SHA-256(ASCII(verifier))) without padding.
    public static func codeChallengeS256(_ verifier: String) -> String {
        let digest = sha256(Array(verifier.utf8))
        return digest.withUnsafeBytes { SodiumEncoding.base64URLNoPadding($0) }
    }

    /// The stored form of a `state`: SHA-256 of its UTF-8 bytes, as 64 lowercase hex digits.
    public static func stateHash(_ state: String) -> String {
        SodiumEncoding.hex(Data(sha256(Array(state.utf8))))
    }

    /// Whether `state` has the shape `newState` gives (43 base64url characters); anything else cannot be a state
    /// this server issued, and is refused before any lookup.
    public static func isWellFormedState(_ state: String) -> Bool {
        let bytes = Array(state.utf8)
        return bytes.count == 43 && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256(&digest, message, UInt64(message.count))
        return digest
    }

    private static func randomBase64URL(byteCount: Int) -> String {
        Sodium.ensureInitialized()
        return withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 1) { buffer -> String in
            randombytes_buf(buffer.baseAddress!, buffer.count)
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            return SodiumEncoding.base64URLNoPadding(UnsafeRawBufferPointer(buffer))
        }
    }
}
