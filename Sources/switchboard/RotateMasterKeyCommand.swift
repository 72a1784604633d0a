import ArgumentParser
import Foundation
import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `switchboard rotate-master-key [--database-url URL] [--master-key-file PATH] [--data-dir DIR]`: rotates the
/// master key kept in a key file, while a server may be running on the same database.
///
/// A new random key is saved beside the file (`PATH.next`), every tenant data key and server secret is rewrapped
/// with it in one transaction, then it replaces the file (see `MasterKeyRotation.rotateKeyFile`). A running server
/// notices at its next use of a wrapped key and reloads the file; tokens and credentials are untouched. Run again
/// after an interruption, the command finishes the same rotation. It prints the new key's fingerprint, never a key.
///
/// With no database given it uses the embedded default under `--data-dir`: the running cluster's socket, or the
/// cluster started for the rotation and stopped after it.
struct RotateMasterKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-master-key",
        abstract: "Rotate the master key in its key file (beside a running server): rewraps every tenant key."
    )

    @Option(name: .customLong("database-url"), help: "The PostgreSQL connection URL (default: DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(name: .customLong("master-key-file"), help: "The key file to rotate (default: SWITCHBOARD_MASTER_KEY_FILE, else <data-dir>/master.key).")
    var masterKeyFile: String?

    @Option(name: .customLong("data-dir"), help: "The data directory of the embedded default.")
    var dataDirectory = DataDirectory.defaultPath

    func run() async throws {
        do {
            try await rotate(environment: ProcessInfo.processInfo.environment)
        } catch {
            printToStandardError("switchboard rotate-master-key: \(error)")
            throw ExitCode.failure
        }
    }

    private func rotate(environment: [String: String]) async throws {
        let directory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let target = DatabaseTarget.resolve(option: databaseURL, environment: environment, dataDirectory: directory)
        let keyFile: String
        if let masterKeyFile, !masterKeyFile.isEmpty {
            keyFile = masterKeyFile
        } else if let path = environment[MasterKey.fileEnvironmentVariable], !path.isEmpty {
            keyFile = path
        } else if target.embedded != nil {
            keyFile = directory + "/" + MasterKeyChoice.defaultFileName
        } else {
            throw CommandFailure(
                "name the key file to rotate: --master-key-file or \(MasterKey.fileEnvironmentVariable) (a key given in"
                    + " \(MasterKey.environmentVariable) cannot be rotated in place)")
        }
        guard FileManager.default.fileExists(atPath: keyFile) else {
            throw CommandFailure("there is no master key file at \(keyFile)")
        }

        let url: String
        var startedCluster: EmbeddedPostgres?
        var lockDescriptor: Int32?
        defer { if let lockDescriptor { close(lockDescriptor) } }
        switch target {
        case .url(let given):
            url = given
        case .embedded(let cluster):
            guard FileManager.default.fileExists(atPath: cluster.directory + "/data/PG_VERSION") else {
                throw CommandFailure("there is no embedded cluster in \(cluster.directory): give --database-url or --data-dir")
            }
            // A server holding the directory's lock runs the cluster: use its socket. Otherwise start the cluster
            // for the rotation (unless it runs), under the lock, and stop it after.
            if let lock = try DataDirectory.lock(directory) {
                lockDescriptor = lock
                if !cluster.serverIsRunning() { startedCluster = cluster }
            } else if !cluster.serverIsRunning() {
                throw CommandFailure("the embedded cluster in \(cluster.directory) is starting or stopping; try again")
            }
            url = try await cluster.start()
        }

        let report: MasterKeyRotation.Report
        do {
            let pool = try PostgresPool(url: url)
            defer { pool.close() }
            report = try await MasterKeyRotation.rotateKeyFile(pool: pool, path: keyFile)
        } catch {
            try? await startedCluster?.stop()
            throw error
        }
        try? await startedCluster?.stop()

        if report.alreadyRotated {
            print("The master key in \(keyFile) was already rotated; nothing changed.")
        } else {
            print("Rotated the master key in \(keyFile): rewrapped \(report.tenantKeys) tenant keys and"
                + " \(report.serverSecrets) server secrets.")
            print("Previous key fingerprint: \(report.oldFingerprint)")
        }
        print("New key fingerprint: \(report.newFingerprint)")
    }
}
