import ArgumentParser
import Logging

/// `--log-level` of the commands that serve (`serve`, `worker`): checked at parse time, then the process's one
/// logging bootstrap, to standard error.
enum LogLevel {
    static func validate(_ text: String) throws {
        guard Logger.Level(rawValue: text) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    static func bootstrap(_ text: String) {
        let level = Logger.Level(rawValue: text) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
