import Foundation
@testable import SwitchboardCrypto

/// The fixed key used by known-answer tests: bytes 0, 1, ..., 31.
let sequentialKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
let sequentialKeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

/// A fresh private directory under the system's temporary directory, removed by `cleanup`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "switchboard-crypto-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `contents` to `name` with the given permissions, returning the path.
    func write(_ contents: Data, to name: String, mode: Int) throws -> String {
        let file = file(name)
        try contents.write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func mode(of name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name))
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    func cleanup() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Every copy of `data` with exactly one bit flipped.
func singleBitFlips(of data: Data) -> [Data] {
    var copies: [Data] = []
    for index in data.indices {
        for bit in 0..<8 {
            var copy = data
            copy[index] ^= UInt8(1) << UInt8(bit)
            copies.append(copy)
        }
    }
    return copies
}

func masterKey(hex: String = sequentialKeyHex) throws -> MasterKey {
    try MasterKey(encoded: hex)
}

/// The bytes of a key, copied out for comparisons in tests only.
func exposedBytes(_ key: SecureBytes) -> [UInt8] {
    key.withUnsafeBytes { Array($0) }
}
