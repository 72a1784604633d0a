/// The errors of the key hierarchy.
///
/// No case carries key material, a credential or a token: the descriptions are safe to log and to show.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A ciphertext or wrapped key did not open: wrong key, wrong tenant/connector/field/version binding, tampered
    /// or truncated bytes. Deliberately without detail, so that failures cannot be told apart by an attacker.
    case authenticationFailed
    /// A key given in text (environment variable, key file) or in bytes is not a valid key. `reason` names the
    /// source and what is wrong with it (lengths, encodings), never the value.
    case invalidKey(reason: String)
    /// A key file that its group or others may access, which this module refuses to use (`mode`: permission bits).
    case insecureKeyFile(path: String, mode: UInt32)
    /// A key file that cannot be read, created or written.
    case keyFileUnavailable(path: String, reason: String)
    /// A key version outside 0...UInt32.max (versions are stored in 4 bytes).
    case invalidKeyVersion(Int)

    public var description: String {
        switch self {
        case .authenticationFailed:
            return "authentication failed"
        case .invalidKey(let reason):
            return "invalid key: \(reason)"
        case .insecureKeyFile(let path, let mode):
            let octal = String(mode & 0o7777, radix: 8)
            return "key file \(path) is accessible by its group or by others (mode 0\(octal)); "
                + "it must be readable by its owner only: run `chmod 600 \(path)`"
        case .keyFileUnavailable(let path, let reason):
            return "key file \(path): \(reason)"
        case .invalidKeyVersion(let version):
            return "invalid key version \(version): versions range from 0 to \(UInt32.max)"
        }
    }
}
