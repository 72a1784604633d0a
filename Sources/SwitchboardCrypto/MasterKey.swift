import Foundation

/// The root of the key hierarchy: 32 bytes that wrap every tenant's data key and key the token hashes.
///
/// It comes from `SWITCHBOARD_MASTER_KEY` (base64 or 64 hex characters), from a key file that only its owner may
/// read (`SWITCHBOARD_MASTER_KEY_FILE`, or a path given by the caller), or, for the embedded default, from a key
/// file created on first use (`loadOrCreate(file:)`). Errors describe lengths and permissions, never the key.
public struct MasterKey: Sendable, Equatable, CustomStringConvertible {
    public static let byteCount = 32
    /// The environment variable holding the key itself.
    public static let environmentVariable = "SWITCHBOARD_MASTER_KEY"
    /// The environment variable holding the path of a key file.
    public static let fileEnvironmentVariable = "SWITCHBOARD_MASTER_KEY_FILE"

    /// The key, in guarded memory.
    public let bytes: SecureBytes

    /// A master key from bytes already in guarded memory; they must be exactly 32.
    public init(bytes: SecureBytes) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidKey(reason: "a master key has \(Self.byteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// A new random master key.
    public static func generate() -> MasterKey {
        MasterKey(unchecked: SecureBytes(randomCount: byteCount))
    }

    /// A master key written as 64 hex characters or as base64 (standard or URL-safe, padding optional); surrounding
    /// whitespace is ignored. `source` names where the text came from, for error messages.
    public init(encoded text: String, source: String = "the master key") throws(CryptoError) {
        self.init(unchecked: try KeyDecoding.decode(text, byteCount: Self.byteCount, source: source))
    }

    /// The master key the environment names: `SWITCHBOARD_MASTER_KEY` if set and not empty, else the key file at
    /// `SWITCHBOARD_MASTER_KEY_FILE` if set and not empty, else nil (the caller then falls back to its default,
    /// typically `loadOrCreate(file:)`).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CryptoError) -> MasterKey? {
        if let text = environment[environmentVariable], !text.isEmpty {
            return try MasterKey(encoded: text, source: environmentVariable)
        }
        if let path = environment[fileEnvironmentVariable], !path.isEmpty {
            return try load(file: path)
        }
        return nil
    }

    /// The master key in the key file at `path`, which must be a regular file that its group and others cannot
    /// access (mode 0600 or 0400). It holds the key as base64, as hex, or as 32 raw bytes.
    public static func load(file path: String) throws(CryptoError) -> MasterKey {
        MasterKey(unchecked: try KeyFile.load(path: path, byteCount: byteCount))
    }

    /// The master key in the file at `path`, created first (random, mode 0600, atomically, parent directories
    /// 0700) if there is no file yet. Two processes starting at once end up with the same key.
    public static func loadOrCreate(file path: String) throws(CryptoError) -> MasterKey {
        if KeyFile.exists(path: path) {
            return try load(file: path)
        }
        let key = generate()
        switch try KeyFile.store(key.bytes, to: path, replacing: false) {
        case .written:
            return key
        case .alreadyExists:
            return try load(file: path)
        }
    }

    /// Writes this key to `path` as a base64 line, mode 0600, atomically. With `replacing == false` an existing
    /// file is an error (so a key is never overwritten by accident); with `true` it is replaced in one rename,
    /// as a master key rotation does once every tenant key has been rewrapped.
    public func save(to path: String, replacing: Bool = false) throws(CryptoError) {
        switch try KeyFile.store(bytes, to: path, replacing: replacing) {
        case .written:
            return
        case .alreadyExists:
            throw .keyFileUnavailable(path: path, reason: "it already exists and would not be replaced")
        }
    }

    /// A short public identifier of the key (see `fingerprint(of:)`), to tell keys apart in logs and admin views.
    public var fingerprint: String { SwitchboardCrypto.fingerprint(of: bytes) }

    public var description: String { "MasterKey(fingerprint: \(fingerprint))" }

    private init(unchecked bytes: SecureBytes) {
        self.bytes = bytes
    }
}
