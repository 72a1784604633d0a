import CSodium

/// The BLAKE2b personalization of key fingerprints (exactly 16 bytes): it separates fingerprints from every other
/// hash of the same bytes.
private let fingerprintPersonalization = Array("switchboard-fpr1".utf8)

/// A short public identifier of a key: the first 8 bytes of its personalized BLAKE2b-256 hash, as 16 hex
/// characters. It tells keys apart (which key wrapped this, did the rotation happen) without revealing anything
/// usable about the key, so it is safe to show to admins and to log.
public func fingerprint(of key: SecureBytes) -> String {
    Sodium.ensureInitialized()
    var digest = [UInt8](repeating: 0, count: 32)
    let salt = [UInt8](repeating: 0, count: Int(crypto_generichash_blake2b_SALTBYTES))
    precondition(fingerprintPersonalization.count == Int(crypto_generichash_blake2b_PERSONALBYTES))
    key.withUnsafeBytes { bytes in
        _ = crypto_generichash_blake2b_salt_personal(
            &digest, digest.count, bytes.bindMemory(to: UInt8.self).baseAddress, UInt64(bytes.count), nil, 0,
            salt, fingerprintPersonalization)
    }
    return digest.prefix(8).withUnsafeBytes { SodiumEncoding.hex($0) }
}
