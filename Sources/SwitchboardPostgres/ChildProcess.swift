import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program (posix_spawn) and awaits its exit (waitpid on a thread of its own).
///
/// Not Foundation's `Process`: on Linux it learns that a child exited through a descriptor the child inherits, and
/// the postmaster that `pg_ctl start` leaves running inherits it too, so the exit of `pg_ctl` would never be seen.
/// Output, merged stdout and stderr, goes to a temporary file (a daemon keeping a pipe open would block a reader).
struct ChildProcess {
    struct Outcome: Sendable {
        var status: Int32
        var output: String
    }

    var executable: String
    var arguments: [String]
    var workingDirectory: String?

    /// `runuser -u USER -- executable arguments…` when `user` is given (as root), else the program itself.
    static func command(_ executable: String, _ arguments: [String], as user: String?, in directory: String?)
        -> ChildProcess
    {
        guard let user else {
            return ChildProcess(executable: executable, arguments: arguments, workingDirectory: directory)
        }
        return ChildProcess(
            executable: runuserPath, arguments: ["-u", user, "--", executable] + arguments, workingDirectory: directory)
    }

    static var runuserPath: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
    }

    func run() async throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchboard-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try spawn(outputPath: outputPath)
        let status = await Self.waitForExit(of: pid)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Outcome(status: status, output: text)
    }

    private func spawn(outputPath: String) throws(EmbeddedPostgresError) -> pid_t {
        // The working directory is set by a tiny shell prelude: posix_spawn's chdir action is a GNU extension
        // that Swift's Glibc module does not export. Arguments pass as "$@", never through shell parsing.
        var argv = [executable] + arguments
        var program = executable
        if let workingDirectory {
            program = "/bin/sh"
            argv = ["/bin/sh", "-c", "cd -- \"$1\" || exit 126; shift; exec \"$@\"", "switchboard", workingDirectory]
                + argv
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Descriptors this process opened without close-on-exec must not live on in a daemon.
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, nil, cArguments, environ)
        guard result == 0 else {
            throw EmbeddedPostgresError("could not run \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func openDescriptors() -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap { Int32($0) }
    }

    /// The exit status (128 + the signal number when a signal ended it), from a thread that may block in waitpid.
    private static func waitForExit(of pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }
}
