import CSodium
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing a key file: owner-only permissions, atomic creation, contents in guarded memory.
///
/// A key file holds the key as one line of base64 (what `write` produces), as 64 hex characters, or as the raw
/// bytes themselves.
enum KeyFile {
    /// Larger files are certainly not key files; refusing them keeps a mistaken path from being read whole.
    private static let maximumSize = 4096

    /// Reads the key in the file at `path`, refusing a file that its group or others may access, or that belongs to
    /// another user.
    static func load(path: String, byteCount: Int) throws(CryptoError) -> SecureBytes {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .keyFileUnavailable(path: path, reason: "cannot open it: \(errnoDescription())")
        }
        defer { close(descriptor) }

        // fstat on the open descriptor: the checked file is the one that is read.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .keyFileUnavailable(path: path, reason: "cannot inspect it: \(errnoDescription())")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .keyFileUnavailable(path: path, reason: "it is not a regular file")
        }
        // A key file planted by someone else (say in a shared directory) would hand them the key: it must belong
        // to this process's user, or to root (which could read it anyway).
        guard status.st_uid == geteuid() || status.st_uid == 0 else {
            throw .keyFileUnavailable(
                path: path, reason: "it belongs to another user (uid \(status.st_uid)); it must belong to this user")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw .insecureKeyFile(path: path, mode: UInt32(status.st_mode & 0o7777))
        }
        let size = Int(status.st_size)
        guard size > 0, size <= maximumSize else {
            throw .keyFileUnavailable(path: path, reason: "its size (\(size) bytes) is not that of a key file")
        }

        let contents = try SecureBytes(count: size) { (buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            var filled = 0
            while filled < size {
                let got = read(descriptor, buffer.baseAddress! + filled, size - filled)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    let reason = got == 0 ? "it ended early" : errnoDescription()
                    throw .keyFileUnavailable(path: path, reason: "cannot read it: \(reason)")
                }
                filled += got
            }
        }
        if size == byteCount {
            // Exactly the key's length: the raw bytes (no text encoding of `byteCount` bytes has that length).
            return contents
        }
        return try contents.withUnsafeBytes { (text) throws(CryptoError) in
            try KeyDecoding.decode(text, byteCount: byteCount, source: "the key file \(path)")
        }
    }

    /// Whether something exists at `path` (a dangling symbolic link counts as existing: it is not replaced).
    static func exists(path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    enum WriteOutcome {
        case written
        /// `replacing` was false and a file already existed at `path`; nothing was changed.
        case alreadyExists
    }

    /// Writes `key` as a base64 line to `path`, mode 0600, atomically: the file appears complete or not at all.
    ///
    /// The key goes to a temporary file in the same directory first, which is then either linked into place
    /// (`replacing == false`: fails if `path` exists, so two processes creating a key at once agree on one) or
    /// renamed over it (`replacing == true`). Missing parent directories are created with mode 0700.
    static func store(_ key: SecureBytes, to path: String, replacing: Bool) throws(CryptoError) -> WriteOutcome {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFileUnavailable(path: path, reason: "cannot create its directory \(directory)")
        }

        let suffix = withUnsafeTemporaryAllocation(byteCount: 8, alignment: 1) { buffer -> String in
            randombytes_buf(buffer.baseAddress!, buffer.count)
            return SodiumEncoding.hex(UnsafeRawBufferPointer(buffer))
        }
        let temporaryPath = directory + "/." + url.lastPathComponent + ".tmp-" + suffix
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .keyFileUnavailable(path: path, reason: "cannot create a file next to it: \(errnoDescription())")
        }
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporaryPath) } }

        let line = SodiumEncoding.base64Line(of: key)
        // 0 on success, else the errno of the failed call (read before any later call can overwrite it).
        var failure: Int32 = line.withUnsafeBytes { bytes in
            // The umask may have removed bits but never adds any; fchmod makes the mode exactly 0600.
            guard fchmod(descriptor, 0o600) == 0 else { return errno }
            var offset = 0
            while offset < bytes.count {
                let wrote = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if wrote < 0, errno == EINTR { continue }
                guard wrote > 0 else { return wrote == 0 ? EIO : errno }
                offset += wrote
            }
            return fsync(descriptor) == 0 ? 0 : errno
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            throw .keyFileUnavailable(path: path, reason: "cannot write it: \(errnoDescription(failure))")
        }

        if replacing {
            guard rename(temporaryPath, path) == 0 else {
                throw .keyFileUnavailable(path: path, reason: "cannot replace it: \(errnoDescription())")
            }
            keepTemporary = true  // renamed: nothing left to remove
        } else if link(temporaryPath, path) != 0 {
            if errno == EEXIST { return .alreadyExists }
            throw .keyFileUnavailable(path: path, reason: "cannot create it: \(errnoDescription())")
        }
        syncDirectory(directory)
        return .written
    }

    /// Makes the new directory entry durable, so that a crash right after start-up does not lose a fresh key.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func errnoDescription(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
