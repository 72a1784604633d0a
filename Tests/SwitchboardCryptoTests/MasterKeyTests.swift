import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("MasterKey from the environment")
struct MasterKeyEnvironmentTests {
    let expected = (0..<32).map { UInt8($0) }

    @Test("accepts 64 hex characters, either case, and base64 in every variant", arguments: [
        sequentialKeyHex,
        sequentialKeyHex.uppercased(),
        sequentialKeyBase64,
        String(sequentialKeyBase64.dropLast()),  // no padding
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",  // URL-safe alphabet, no padding (same here)
        "  \(sequentialKeyBase64)\n",  // surrounding whitespace, as pasted
    ])
    func acceptsEncodings(text: String) throws {
        let key = try #require(try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY": text]))
        #expect(exposedBytes(key.bytes) == expected)
    }

    @Test("accepts the URL-safe alphabet")
    func urlSafe() throws {
        let bytes = Data([0xFB, 0xFF] + [UInt8](repeating: 0xFE, count: 30))
        let standard = bytes.base64EncodedString()
        #expect(standard.contains("+") || standard.contains("/"))
        let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let key = try MasterKey(encoded: urlSafe)
        #expect(exposedBytes(key.bytes) == Array(bytes))
    }

    @Test("absent or empty variables give nil")
    func absent() throws {
        #expect(try MasterKey.fromEnvironment([:]) == nil)
        #expect(try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY": ""]) == nil)
        #expect(try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY_FILE": ""]) == nil)
    }

    @Test("wrong lengths and encodings are clear errors that never contain the value", arguments: [
        "00112233445566778899aabbccddeeff",  // 16 bytes of hex
        String(repeating: "ab", count: 33),  // 33 bytes of hex (66 characters, also valid base64)
        "c2VjcmV0LWtleS1ub3QtbG9uZy1lbm91Z2g=",  // base64 of 26 bytes
        "this is not a key at all, not even close!!",
        String(repeating: "z", count: 63) + "!",
        "   ",
    ])
    func rejects(text: String) throws {
        let error = #expect(throws: CryptoError.self) {
            try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY": text])
        }
        let message = try #require(error).description
        #expect(message.contains("SWITCHBOARD_MASTER_KEY"))
        #expect(message.contains("32 bytes"))
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty {
            #expect(!message.contains(trimmed))
            // Not even a recognizable piece of it.
            #expect(!message.contains(String(trimmed.prefix(8))))
        }
    }

    @Test("the wrong-length error says what the value decoded to")
    func wrongLengthDetail() {
        let error = #expect(throws: CryptoError.self) {
            try MasterKey(encoded: "00112233445566778899aabbccddeeff", source: "SWITCHBOARD_MASTER_KEY")
        }
        #expect(error?.description.contains("decodes to 24 bytes") == true)  // 32 characters read as base64
    }

    @Test("SWITCHBOARD_MASTER_KEY_FILE names a key file")
    func keyFileVariable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(Data((sequentialKeyHex + "\n").utf8), to: "master.key", mode: 0o600)
        let key = try #require(try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY_FILE": path]))
        #expect(exposedBytes(key.bytes) == expected)
        // The key itself wins over the file.
        let other = String(repeating: "11", count: 32)
        let fromVariable = try #require(
            try MasterKey.fromEnvironment(["SWITCHBOARD_MASTER_KEY": other, "SWITCHBOARD_MASTER_KEY_FILE": path]))
        #expect(exposedBytes(fromVariable.bytes) == [UInt8](repeating: 0x11, count: 32))
    }

    @Test("a key is never shown by its description")
    func description() throws {
        let key = try masterKey()
        #expect(!key.description.contains(sequentialKeyHex.prefix(10)))
        #expect(key.description == "MasterKey(fingerprint: \(key.fingerprint))")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("000102"))
    }

    @Test("bytes of a wrong length are refused")
    func wrongByteCount() {
        #expect(throws: CryptoError.self) { try MasterKey(bytes: SecureBytes(randomCount: 16)) }
    }
}

@Suite("MasterKey key files")
struct MasterKeyFileTests {
    @Test("loads base64, hex and raw key files of mode 0600 or 0400")
    func loads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let expected = (0..<32).map { UInt8($0) }
        let files = [
            try directory.write(Data((sequentialKeyBase64 + "\n").utf8), to: "base64.key", mode: 0o600),
            try directory.write(Data(sequentialKeyHex.utf8), to: "hex.key", mode: 0o600),
            try directory.write(Data(expected), to: "raw.key", mode: 0o600),
            try directory.write(Data(sequentialKeyHex.utf8), to: "readonly.key", mode: 0o400),
        ]
        for file in files {
            #expect(exposedBytes(try MasterKey.load(file: file).bytes) == expected, "\(file)")
        }
    }

    @Test("refuses a key file its group or others can access", arguments: [0o640, 0o644, 0o604, 0o660, 0o606, 0o610])
    func refusesOpenPermissions(mode: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(Data(sequentialKeyHex.utf8), to: "master.key", mode: mode)
        let error = #expect(throws: CryptoError.self) { try MasterKey.load(file: path) }
        #expect(error == .insecureKeyFile(path: path, mode: UInt32(mode)))
        let message = try #require(error).description
        #expect(message.contains("chmod 600 \(path)"))
        #expect(message.contains("0" + String(mode, radix: 8)))
        #expect(!message.contains(sequentialKeyHex))
    }

    @Test("refuses a key file that belongs to another user", .enabled(if: geteuid() == 0, "needs root to chown"))
    func refusesOtherOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(Data(sequentialKeyHex.utf8), to: "master.key", mode: 0o600)
        #expect(chown(path, 65534, 65534) == 0)
        let error = #expect(throws: CryptoError.self) { try MasterKey.load(file: path) }
        #expect(error?.description.contains("belongs to another user (uid 65534)") == true)
    }

    @Test("refuses missing files, directories and files that hold no key, without echoing their contents")
    func refusesOtherFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        #expect(throws: CryptoError.self) { try MasterKey.load(file: directory.file("missing.key")) }
        #expect(throws: CryptoError.self) { try MasterKey.load(file: directory.path) }
        let secret = "hunter2-super-secret-value"
        let path = try directory.write(Data(secret.utf8), to: "short.key", mode: 0o600)
        let error = #expect(throws: CryptoError.self) { try MasterKey.load(file: path) }
        #expect(error?.description.contains("32 bytes") == true)
        #expect(error?.description.contains("hunter2") == false)
        let empty = try directory.write(Data(), to: "empty.key", mode: 0o600)
        #expect(throws: CryptoError.self) { try MasterKey.load(file: empty) }
    }

    @Test("loadOrCreate creates a 0600 key file in a 0700 directory once, then reads the same key back")
    func loadOrCreate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.file("state/nested/master.key")
        let created = try MasterKey.loadOrCreate(file: path)
        #expect(try directory.mode(of: "state/nested/master.key") == 0o600)
        #expect(try directory.mode(of: "state") == 0o700)
        let reloaded = try MasterKey.loadOrCreate(file: path)
        #expect(created == reloaded)
        #expect(try MasterKey.load(file: path) == created)
        // One base64 line, and no temporary file left behind.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.count == 45 && text.hasSuffix("\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("state/nested")) == ["master.key"])
    }

    @Test("loadOrCreate refuses an existing key file with open permissions instead of replacing it")
    func loadOrCreateRefusesInsecureFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(Data(sequentialKeyHex.utf8), to: "master.key", mode: 0o644)
        #expect(throws: CryptoError.self) { try MasterKey.loadOrCreate(file: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == sequentialKeyHex)
    }

    @Test("concurrent loadOrCreate calls agree on one key")
    func concurrentCreation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.file("master.key")
        let fingerprints = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try MasterKey.loadOrCreate(file: path).fingerprint }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(fingerprints.count == 1)
    }

    @Test("save refuses to overwrite unless asked to, and replaces atomically when asked")
    func save() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.file("master.key")
        let first = MasterKey.generate()
        try first.save(to: path)
        let second = MasterKey.generate()
        #expect(throws: CryptoError.self) { try second.save(to: path) }
        #expect(try MasterKey.load(file: path) == first)
        try second.save(to: path, replacing: true)
        #expect(try MasterKey.load(file: path) == second)
        #expect(try directory.mode(of: "master.key") == 0o600)
    }
}
