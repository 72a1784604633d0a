import Foundation
import SwitchboardPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's own directory (`--data-dir`, `./.switchboard` by default): the embedded cluster, and the key and
/// token files the embedded default creates.
enum DataDirectory {
    static let defaultPath = "./.switchboard"

    /// The directory as an absolute path, created if missing. A new directory is 0711: its files are private
    /// (0600 each), but the `postgres` system user must be able to pass through it to the embedded cluster's own
    /// directory when the server runs as root.
    static func prepare(_ path: String) throws -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandFailure("\(absolute) exists and is not a directory") }
            return absolute
        }
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create the data directory \(absolute): \(error.localizedDescription)")
        }
        chmod(absolute, 0o711)
        return absolute
    }

    /// Takes the data directory's lock (`<directory>/serve.lock`, an exclusive `flock` held until the process
    /// exits), so that two processes never run the same embedded cluster: the first to exit would stop it under the
    /// other. Nil when another process holds it.
    static func lock(_ directory: String) throws -> Int32? {
        let path = directory + "/serve.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}

/// Where the database is: the URL the operator gave (`--database-url`, else `DATABASE_URL`), or, with neither,
/// the embedded default: a private cluster in `<data-dir>/postgres`.
enum DatabaseTarget {
    static let environmentVariable = "DATABASE_URL"

    case url(String)
    case embedded(EmbeddedPostgres)

    static func resolve(option: String?, environment: [String: String], dataDirectory: String) -> DatabaseTarget {
        if let option, !option.isEmpty { return .url(option) }
        if let url = environment[environmentVariable], !url.isEmpty { return .url(url) }
        return .embedded(EmbeddedPostgres(directory: dataDirectory + "/postgres"))
    }

    var embedded: EmbeddedPostgres? {
        if case .embedded(let cluster) = self { return cluster }
        return nil
    }
}

/// A failure the command reports in one line and exits 1 with; the message names no secret.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
