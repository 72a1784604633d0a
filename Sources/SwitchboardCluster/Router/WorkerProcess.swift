import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Spawning worker processes and learning how they end.
///
/// `posix_spawn` of this very executable with the `worker` subcommand. The child gets:
/// - an environment without the master key or the admin token (`childEnvironment`): a worker must not be able to
///   read them, not even from its own environment;
/// - the default disposition of every signal and an empty signal mask (the router's service lifecycle ignores
///   SIGTERM and SIGINT to catch them, and ignored signals would survive the exec);
/// - a process group of its own, so that a terminal's ^C reaches the router only, which then drains its workers;
/// - no descriptor of the router's beyond standard input, output and error (its listening socket, its database
///   connections), whatever their close-on-exec flags.
enum WorkerProcess {
    struct SpawnError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// The environment variables a worker never inherits: the master key (or its file) and the admin token.
    static let withheldVariablePrefixes = ["SWITCHBOARD_MASTER_KEY", "SWITCHBOARD_ADMIN_TOKEN"]

    /// `environment` less what a worker must not see, plus `extra`.
    static func childEnvironment(_ environment: [String: String], adding extra: [String: String]) -> [String: String] {
        var child = environment.filter { name, _ in
            !withheldVariablePrefixes.contains(where: { name.hasPrefix($0) })
        }
        for (name, value) in extra { child[name] = value }
        return child
    }

    /// The path of the running executable (`/proc/self/exe`), to spawn workers of the same build.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func spawn(executable: String, arguments: [String], environment: [String: String]) throws
        -> WorkerProcessHandle
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Close-on-exec is not trusted to be set everywhere. A descriptor closed meanwhile is no error (glibc
        // ignores EBADF in close actions); one opened meanwhile by another thread is the race this leaves.
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(message: "could not start \(executable): \(String(cString: strerror(result)))")
        }
        return WorkerProcessHandle(pid: pid)
    }

    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

}

/// A spawned worker: its pid, signals to it, and its end.
///
/// Signals go only to a process that has not been reaped: the waiting thread first learns of the exit without
/// reaping (`waitid` with `WNOWAIT`), marks the process gone, and only then reaps it, both under the lock that
/// `signal` takes. So a signal can never reach another process that was given the same pid since.
final class WorkerProcessHandle: Sendable {
    let pid: pid_t
    private let gone = Mutex(false)

    init(pid: pid_t) {
        // kill(0) and kill(-1) reach whole groups: a handle is only ever made for a spawned child.
        precondition(pid > 0, "a worker's pid is positive")
        self.pid = pid
    }

    /// Sends `signal` if the process has not been reaped yet.
    func signal(_ signal: Int32) {
        gone.withLock { gone in
            if !gone { _ = kill(pid, signal) }
        }
    }

    /// Waits (on a thread of its own, since waiting blocks) for the process to end; returns its exit status, or
    /// 128 + the signal that ended it.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
                let status = gone.withLock { gone -> Int32 in
                    gone = true
                    var status: Int32 = 0
                    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                    return status
                }
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }
}
