import CSodium
import Foundation

/// XChaCha20-Poly1305 (IETF) with a random 24-byte nonce per message: large enough that random nonces never
/// repeat in practice, whatever the number of messages under one key.
enum AEAD {
    static let keyByteCount = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    static let nonceByteCount = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let tagByteCount = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Encrypts `plaintext` under `key` with a fresh random nonce, binding `associatedData`.
    static func seal(
        _ plaintext: UnsafeRawBufferPointer, associatedData: [UInt8], key: SecureBytes
    ) -> (nonce: Data, ciphertext: Data) {
        Sodium.ensureInitialized()
        precondition(key.count == keyByteCount)
        var nonce = [UInt8](repeating: 0, count: nonceByteCount)
        randombytes_buf(&nonce, nonce.count)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
        var ciphertextLength: UInt64 = 0
        key.withUnsafeBytes { keyBytes in
            withNonNullBytes(plaintext) { message in
                let status = crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &ciphertext, &ciphertextLength, message, UInt64(plaintext.count),
                    associatedData, UInt64(associatedData.count), nil, nonce,
                    keyBytes.bindMemory(to: UInt8.self).baseAddress!)
                precondition(status == 0, "XChaCha20-Poly1305 encryption cannot fail")
            }
        }
        return (Data(nonce), Data(ciphertext))
    }

    /// Decrypts and authenticates `ciphertext` into `output`, which must hold exactly `ciphertext.count - tag`
    /// bytes. Any mismatch (key, nonce, associated data, a single bit) is `.authenticationFailed`.
    static func open(
        _ ciphertext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, associatedData: [UInt8],
        key: SecureBytes, into output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        Sodium.ensureInitialized()
        guard key.count == keyByteCount, nonce.count == nonceByteCount, ciphertext.count >= tagByteCount,
            output.count == ciphertext.count - tagByteCount
        else { throw .authenticationFailed }
        var plaintextLength: UInt64 = 0
        var scratch: UInt8 = 0
        let status = key.withUnsafeBytes { keyBytes in
            withUnsafeMutablePointer(to: &scratch) { scratchPointer in
                crypto_aead_xchacha20poly1305_ietf_decrypt(
                    // An empty plaintext has no buffer; libsodium's parameters are non-null all the same.
                    output.bindMemory(to: UInt8.self).baseAddress ?? scratchPointer, &plaintextLength, nil,
                    ciphertext.bindMemory(to: UInt8.self).baseAddress!, UInt64(ciphertext.count),
                    associatedData, UInt64(associatedData.count),
                    nonce.bindMemory(to: UInt8.self).baseAddress!,
                    keyBytes.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard status == 0 else { throw .authenticationFailed }
    }

    /// Runs `body` with a non-null pointer to `bytes` (a one-byte stand-in when `bytes` is empty).
    private static func withNonNullBytes<R>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>) -> R
    ) -> R {
        if let base = bytes.baseAddress, bytes.count > 0 {
            return body(base.assumingMemoryBound(to: UInt8.self))
        }
        var scratch: UInt8 = 0
        return withUnsafePointer(to: &scratch) { body($0) }
    }
}
