#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SwitchboardGraphQL

/// A document named on the command line: a file path, or `-` for standard input, read whole as UTF-8 text.
struct InputFile {
    /// The argument that means standard input.
    static let standardInput = "-"

    /// The name reports use: the path as given, or `<stdin>`.
    let name: String
    let text: String

    /// Reads the file (or standard input); the error says which file and why, for the user to read.
    init(path: String) throws(InputFileError) {
        let isStandardInput = path == Self.standardInput
        name = isStandardInput ? "<stdin>" : path
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY)
        if descriptor < 0 { throw InputFileError(path: name, reason: Self.lastErrorDescription()) }
        defer { if !isStandardInput { close(descriptor) } }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFileError(path: name, reason: Self.lastErrorDescription())
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputFileError(path: name, reason: "not valid UTF-8 text")
        }
        self.text = text
    }

    /// A `Source` named like the file, so that errors carry its name.
    var source: Source { Source(text, name: name) }

    /// `FILE:LINE:COLUMN: message`, the first line of every error report about this file.
    func report(_ error: GraphQLError) -> String {
        guard let location = error.locations.first else { return "\(name): \(error.message)" }
        return "\(name):\(location.line):\(location.column): \(error.message)"
    }

    private static func lastErrorDescription() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a file could not be read, worded for the command line.
struct InputFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot read \(path): \(reason)" }
}

/// Writes a line to standard error (unbuffered, so it is not held back behind standard output).
func printToStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
