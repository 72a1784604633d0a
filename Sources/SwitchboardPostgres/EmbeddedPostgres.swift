import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem starting or stopping the embedded cluster, said so that the operator knows what to do.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A private PostgreSQL cluster in a directory, the embedded default of `switchboard serve`.
///
/// The first `start()` runs `initdb` in `DIRECTORY/data`; later starts reuse the data (and a server already running
/// there). The server listens only on a Unix socket in `DIRECTORY` (mode 0700, no TCP), trusts local connections
/// (the socket's mode is the access control), and serves the database `switchboard`. When the process runs as root
/// the cluster belongs to the unprivileged `postgres` system user, because initdb and postgres refuse root. The
/// layout is the same as `ops/pg-cluster.sh`'s.
public final class EmbeddedPostgres: Sendable {
    /// The cluster's directory, absolute.
    public let directory: String
    public let database: String
    private let binDirectory: String?

    static let superuser = "postgres"
    static let port = 5432
    static let binariesMissing = "PostgreSQL server binaries not found; install them: apt-get install postgresql"

    /// - Parameters:
    ///   - directory: where the cluster lives (created if missing).
    ///   - database: the database to create and connect to.
    ///   - binDirectory: the directory of `initdb`, `pg_ctl` and `postgres`; by default the newest
    ///     `/usr/lib/postgresql/*/bin`, else the one on `PATH`.
    public init(directory: String = "./.switchboard/postgres", database: String = "switchboard", binDirectory: String? = nil) {
        self.directory = Self.absolutePath(directory)
        self.database = database
        self.binDirectory = binDirectory
    }

    var dataDirectory: String { directory + "/data" }
    var socketPath: String { directory + "/.s.PGSQL.\(Self.port)" }
    var logPath: String { directory + "/postgres.log" }

    /// `postgresql://postgres@/switchboard?host=DIRECTORY` (percent-encoded).
    public var connectionURL: String {
        "postgresql://\(Self.superuser)@/\(Self.percentEncoded(database))?host=\(Self.percentEncoded(directory))"
    }

    /// Initializes the cluster if needed, starts it unless it runs already, creates the database if missing, and
    /// returns the connection URL.
    @discardableResult
    public func start() async throws -> String {
        let binaries = try findBinaries()
        let owner = try await prepareDirectory()
        if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            try await initialize(binaries: binaries, owner: owner)
        }
        if !serverIsRunning() {
            // Left by a server that did not shut down: postgres refuses to start if the PID recorded there now
            // belongs to another process.
            for stale in [dataDirectory + "/postmaster.pid", socketPath, socketPath + ".lock"] {
                try? FileManager.default.removeItem(atPath: stale)
            }
            try writeSettings(owner: owner)
            let started = try await ChildProcess.command(
                binaries + "/pg_ctl", ["-D", dataDirectory, "-l", logPath, "-w", "-t", "60", "-s", "start"],
                as: owner?.name, in: directory
            ).run()
            guard started.status == 0 else {
                throw EmbeddedPostgresError(
                    "PostgreSQL did not start (see \(logPath)): \(started.output)\(lastLines(of: logPath))")
            }
        }
        try await createDatabaseIfMissing()
        return connectionURL
    }

    /// Stops the server (fast shutdown: sessions end, data stays); nothing to do when it does not run.
    public func stop() async throws {
        guard serverIsRunning() else { return }
        let binaries = try findBinaries()
        let owner = FileOwner.forCluster()
        let stopped = try await ChildProcess.command(
            binaries + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "-s", "stop"],
            as: owner?.name, in: directory
        ).run()
        guard stopped.status == 0 else {
            throw EmbeddedPostgresError("PostgreSQL did not stop: \(stopped.output)")
        }
    }

    /// True when the postmaster recorded in `postmaster.pid` is alive and serving this data directory (a
    /// postmaster works in its data directory; a recycled PID belongs to another process).
    public func serverIsRunning() -> Bool {
        guard let pidFile = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
            let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }),
            pid > 0
        else { return false }
        #if os(Linux)
        let workingDirectory = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
        return workingDirectory.map(Self.absolutePath) == Self.absolutePath(dataDirectory)
        #else
        return kill(pid, 0) == 0
        #endif
    }

    // MARK: Steps

    func findBinaries() throws(EmbeddedPostgresError) -> String {
        let required = ["initdb", "pg_ctl", "postgres"]
        func complete(_ directory: String) -> Bool {
            required.allSatisfy { FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
        }
        if let binDirectory {
            guard complete(binDirectory) else { throw EmbeddedPostgresError(Self.binariesMissing + " (looked in \(binDirectory))") }
            return binDirectory
        }
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newestFirst = installed.sorted { Self.versionParts($0).lexicographicallyPrecedes(Self.versionParts($1)) }
            .reversed()
        for version in newestFirst where complete("/usr/lib/postgresql/\(version)/bin") {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) where complete(directory) {
            return directory
        }
        throw EmbeddedPostgresError(Self.binariesMissing)
    }

    /// Creates the directory, gives it to the cluster's owner and closes it to others.
    private func prepareDirectory() async throws -> FileOwner? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedPostgresError("could not create \(directory): \(error.localizedDescription)")
        }
        // A Unix socket path must fit in sockaddr_un.sun_path (108 bytes with its terminating NUL).
        guard socketPath.utf8.count <= 107 else {
            throw EmbeddedPostgresError(
                "the socket path \(socketPath) is longer than 107 bytes; choose a shorter directory")
        }
        let owner = FileOwner.forCluster()
        if geteuid() == 0 && owner == nil {
            throw EmbeddedPostgresError(
                "running as root needs the system user \(Self.superuser), which apt-get install postgresql creates")
        }
        if let owner {
            let chowned = try await ChildProcess(
                executable: "/bin/chown", arguments: ["-R", "\(owner.uid):\(owner.gid)", directory],
                workingDirectory: nil
            ).run()
            guard chowned.status == 0 else { throw EmbeddedPostgresError("could not chown \(directory): \(chowned.output)") }
            let reachable = try await ChildProcess.command("/usr/bin/test", ["-w", directory], as: owner.name, in: "/")
                .run()
            guard reachable.status == 0 else {
                throw EmbeddedPostgresError(
                    "the \(owner.name) user cannot reach \(directory) (a parent directory is closed to it); choose another"
                        + " directory")
            }
        }
        chmod(directory, 0o700)
        return owner
    }

    private func initialize(binaries: String, owner: FileOwner?) async throws {
        try? FileManager.default.removeItem(atPath: dataDirectory)
        let result = try await ChildProcess.command(
            binaries + "/initdb",
            [
                "-D", dataDirectory, "-U", Self.superuser, "-E", "UTF8", "--locale=C", "--auth-local=trust",
                "--auth-host=reject",
            ],
            as: owner?.name, in: directory
        ).run()
        guard result.status == 0 else { throw EmbeddedPostgresError("initdb failed: \(result.output)") }
        // Local socket connections only, trusted: the socket's 0700 mode is what keeps other users out.
        try write("local all all trust\n", to: dataDirectory + "/pg_hba.conf", owner: owner)
        let configuration = dataDirectory + "/postgresql.conf"
        let existing = (try? String(contentsOfFile: configuration, encoding: .utf8)) ?? ""
        try write(existing + "\ninclude_if_exists 'switchboard.conf'\n", to: configuration, owner: owner)
    }

    /// Written at every start, so that a moved directory still gets its socket in the right place.
    private func writeSettings(owner: FileOwner?) throws {
        let quoted = directory.replacingOccurrences(of: "'", with: "''")
        try write(
            """
            # Written by Switchboard at each start; changes here are overwritten.
            listen_addresses = ''
            unix_socket_directories = '\(quoted)'
            unix_socket_permissions = 0700
            port = \(Self.port)

            """, to: dataDirectory + "/switchboard.conf", owner: owner)
    }

    private func createDatabaseIfMissing() async throws {
        var configuration = try PostgresConfiguration(connectionURL)
        configuration.database = "postgres"
        configuration.poolSize = 1
        configuration.connectTimeout = .seconds(5)
        let pool = PostgresPool(configuration: configuration)
        defer { pool.close() }
        // A server found running may still be starting up: retry for a while.
        var attempt = 0
        while true {
            do {
                let exists = try await pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [.text(database)])
                if exists.isEmpty {
                    // An identifier, not a value: it cannot be a parameter, so it is quoted as one.
                    let identifier = "\"" + database.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    do {
                        _ = try await pool.query("CREATE DATABASE \(identifier)")
                    } catch let error as PostgresError where error.sqlState == .duplicateDatabase {}
                }
                return
            } catch let error as PostgresError where error.kind == .connection && attempt < 50 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    // MARK: Helpers

    private func write(_ text: String, to path: String, owner: FileOwner?) throws {
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw EmbeddedPostgresError("could not write \(path): \(error.localizedDescription)")
        }
        if let owner { chown(path, owner.uid, owner.gid) }
        chmod(path, 0o600)
    }

    private func lastLines(of path: String) -> String {
        guard let log = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return "\n" + log.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    static func absolutePath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var result = url.path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func versionParts(_ name: String) -> [Int] {
        name.split(separator: ".").map { Int($0) ?? -1 }
    }

    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The system user that owns the cluster when the process runs as root.
struct FileOwner: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t

    /// The `postgres` user when running as root; nil otherwise (the cluster is then the current user's).
    static func forCluster() -> FileOwner? {
        guard geteuid() == 0, let entry = getpwnam(EmbeddedPostgres.superuser) else { return nil }
        return FileOwner(name: EmbeddedPostgres.superuser, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }
}
