import Foundation
import SwitchboardCrypto

/// Where the master key comes from, read at start and read again when a wrapped key no longer opens (another
/// process rotated the master key and replaced the key file).
///
/// A key given in the environment cannot change while the process runs, so a rotation beside a running server
/// needs a key file: `SWITCHBOARD_MASTER_KEY_FILE`, or the embedded default's file.
public struct MasterKeySource: Sendable, CustomStringConvertible {
    /// Where the key comes from, for messages (a path or a variable name, never the key).
    public let description: String
    private let loader: @Sendable () throws -> MasterKey

    public init(description: String, load: @escaping @Sendable () throws -> MasterKey) {
        self.description = description
        self.loader = load
    }

    /// Reads the key (again).
    public func load() throws -> MasterKey {
        try loader()
    }

    /// A key file (base64, hex or raw; mode 0600).
    public static func file(_ path: String) -> MasterKeySource {
        MasterKeySource(description: "the key file \(path)") { try MasterKey.load(file: path) }
    }

    /// A key file, created with a random key the first time (the embedded default).
    public static func loadOrCreate(file path: String) -> MasterKeySource {
        MasterKeySource(description: "the key file \(path)") { try MasterKey.loadOrCreate(file: path) }
    }

    /// `SWITCHBOARD_MASTER_KEY`, else the file named by `SWITCHBOARD_MASTER_KEY_FILE`, else `fallback` (if any).
    public static func environment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, fallback: MasterKeySource? = nil
    ) -> MasterKeySource {
        let description: String
        if let value = environment[MasterKey.environmentVariable], !value.isEmpty {
            description = MasterKey.environmentVariable
        } else if let path = environment[MasterKey.fileEnvironmentVariable], !path.isEmpty {
            description = "the key file \(path) (\(MasterKey.fileEnvironmentVariable))"
        } else {
            description = fallback?.description ?? "the environment"
        }
        return MasterKeySource(description: description) {
            if let key = try MasterKey.fromEnvironment(environment) { return key }
            guard let fallback else {
                throw CryptoError.invalidKey(
                    reason: "no master key: set \(MasterKey.environmentVariable)"
                        + " or \(MasterKey.fileEnvironmentVariable)")
            }
            return try fallback.load()
        }
    }

    /// A fixed key (tests, or a caller that manages keys itself). Reloading gives the same key.
    public static func fixed(_ key: MasterKey, description: String = "a fixed key") -> MasterKeySource {
        MasterKeySource(description: description) { key }
    }
}
