import Foundation
import SwitchboardConnectors
import SwitchboardCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the master key comes from, in this order: `SWITCHBOARD_MASTER_KEY` (the key itself), a key file
/// (`--master-key-file`, else `SWITCHBOARD_MASTER_KEY_FILE`), else, for the embedded default only,
/// `<data-dir>/master.key`, created (random, 0600) on first use. A server on a database of its own must be told its
/// key: a new random key beside a database that already holds keys would open nothing.
struct MasterKeyChoice {
    let source: MasterKeySource
    /// The key file, when the key is in one (the file `rotate-master-key` rotates).
    let file: String?

    static let defaultFileName = "master.key"

    static func resolve(
        option: String?, environment: [String: String], dataDirectory: String, embedded: Bool
    ) throws -> MasterKeyChoice {
        let inEnvironment = environment[MasterKey.environmentVariable].map { !$0.isEmpty } ?? false
        if let option, !option.isEmpty {
            if inEnvironment {
                throw CommandFailure(
                    "both \(MasterKey.environmentVariable) and --master-key-file are given; keep one of them")
            }
            return MasterKeyChoice(source: .file(option), file: option)
        }
        if inEnvironment {
            return MasterKeyChoice(source: .environment(environment), file: nil)
        }
        if let path = environment[MasterKey.fileEnvironmentVariable], !path.isEmpty {
            return MasterKeyChoice(source: .file(path), file: path)
        }
        guard embedded else {
            throw CommandFailure(
                "the database is given, so its master key must be too: set \(MasterKey.environmentVariable) or"
                    + " \(MasterKey.fileEnvironmentVariable), or pass --master-key-file (a file of 32 random bytes"
                    + " in base64, mode 0600: head -c 32 /dev/urandom | base64 > master.key; chmod 600 master.key)")
        }
        let path = dataDirectory + "/" + defaultFileName
        return MasterKeyChoice(source: .loadOrCreate(file: path), file: path)
    }
}

/// The admin's bearer token, in this order: `SWITCHBOARD_ADMIN_TOKEN`, a token file (`--admin-token-file`, else
/// `SWITCHBOARD_ADMIN_TOKEN_FILE`), else `<data-dir>/admin.token`, created with a random token on first start. A
/// token file must be private to its owner (mode 0600 or 0400), like a key file.
struct AdminToken {
    static let environmentVariable = "SWITCHBOARD_ADMIN_TOKEN"
    static let fileEnvironmentVariable = "SWITCHBOARD_ADMIN_TOKEN_FILE"
    static let defaultFileName = "admin.token"

    let token: String
    /// The token file, when the token is in one (its path is shown, never the token).
    let file: String?
    /// Whether this start created the file.
    let created: Bool

    /// Where the token comes from, for the log and the banner.
    var origin: String { file.map { "the file \($0)" } ?? Self.environmentVariable }

    static func resolve(option: String?, environment: [String: String], dataDirectory: String) throws -> AdminToken {
        if let token = environment[environmentVariable], !token.isEmpty {
            return AdminToken(token: token, file: nil, created: false)
        }
        if let path = option ?? environment[fileEnvironmentVariable], !path.isEmpty {
            return AdminToken(token: try read(path), file: path, created: false)
        }
        let path = dataDirectory + "/" + defaultFileName
        if FileManager.default.fileExists(atPath: path) {
            return AdminToken(token: try read(path), file: path, created: false)
        }
        let token = TokenHasher.generateToken(prefix: "sba_")
        if try create(path, token: token) {
            return AdminToken(token: token, file: path, created: true)
        }
        // Another process created it first: use its token.
        return AdminToken(token: try read(path), file: path, created: false)
    }

    /// The token in the file at `path` (surrounding whitespace removed).
    static func read(_ path: String) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CommandFailure("cannot read the admin token file \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw CommandFailure("the admin token file \(path) is not a regular file")
        }
        guard status.st_uid == geteuid() || status.st_uid == 0 else {
            throw CommandFailure("the admin token file \(path) belongs to another user (uid \(status.st_uid))")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw CommandFailure(
                "the admin token file \(path) may be read by others (mode \(String(status.st_mode & 0o777, radix: 8)));"
                    + " chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096,
            let text = String(data: data, encoding: .utf8)
        else {
            throw CommandFailure("cannot read the admin token file \(path) as a line of text")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= TokenAuthenticator.minimumAdminTokenLength, !token.contains(where: \.isWhitespace) else {
            throw CommandFailure(
                "the admin token file \(path) must hold one token of at least"
                    + " \(TokenAuthenticator.minimumAdminTokenLength) characters")
        }
        return token
    }

    /// Creates the file at `path` (mode 0600, never replacing one) holding `token`; false when it already exists.
    private static func create(_ path: String, token: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw CommandFailure("cannot create the admin token file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let line = Array((token + "\n").utf8)
        var written = 0
        while written < line.count {
            let count = line[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                unlink(path)
                throw CommandFailure("cannot write the admin token file \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        fsync(descriptor)
        return true
    }
}
