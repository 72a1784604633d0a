import CSodium
import Foundation
import Synchronization

/// Secret bytes (a key) kept in libsodium's guarded memory.
///
/// The bytes live in a `sodium_malloc` region: locked in RAM (no swap, excluded from core dumps where the kernel
/// supports it), fenced by guard pages and a canary, and wiped by `sodium_free` when the object goes away. Between
/// uses the region is made inaccessible (`sodium_mprotect_noaccess`), so a stray read through a dangling pointer
/// faults instead of leaking the key; `withUnsafeBytes` opens it read-only for the duration of its closure.
///
/// Nothing prints the bytes: `description`, `debugDescription` and the mirror show only the length. Equality is
/// constant-time (`sodium_memcmp`). There is no `Hashable`, since a hash value would leak information.
///
/// Each instance costs a few pages of address space (libsodium adds 3 or 4 pages of guards per allocation), so it
/// suits keys, not bulk data.
public final class SecureBytes: @unchecked Sendable {
    // @unchecked Sendable: the region is written only inside `init`; afterwards it is read-only and the page
    // protection changes are serialized by `readers`.

    /// The number of bytes.
    public let count: Int
    private let region: UnsafeMutableRawPointer
    /// How many `withUnsafeBytes` closures are running: the first opens the region, the last closes it again.
    private let readers = Mutex<Int>(0)

    /// Allocates `count` bytes of guarded memory and lets `initializer` fill them. If `initializer` throws, the
    /// region is wiped and freed before the error propagates.
    public init<E: Error>(
        count: Int,
        initializingWith initializer: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        precondition(count > 0, "SecureBytes needs at least one byte")
        Sodium.ensureInitialized()
        guard let region = sodium_malloc(count) else {
            // Out of memory or address space: there is no sensible way to continue holding keys.
            fatalError("sodium_malloc failed to allocate \(count) bytes")
        }
        do {
            try initializer(UnsafeMutableRawBufferPointer(start: region, count: count))
        } catch {
            sodium_free(region)
            throw error
        }
        self.count = count
        self.region = region
        _ = sodium_mprotect_noaccess(region)
    }

    /// `count` bytes from the operating system's secure random source (`randombytes_buf`).
    public convenience init(randomCount count: Int) {
        self.init(count: count) { (buffer: UnsafeMutableRawBufferPointer) in
            randombytes_buf(buffer.baseAddress!, buffer.count)
        }
    }

    /// A guarded copy of `bytes`. The caller's copy is not wiped: prefer creating keys in place where possible.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count) { (buffer: UnsafeMutableRawBufferPointer) in
            buffer.copyMemory(from: bytes)
        }
    }

    /// A guarded copy of `data`. The caller's copy is not wiped.
    public convenience init(copying data: Data) {
        self.init(count: data.count) { (buffer: UnsafeMutableRawBufferPointer) in
            data.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
    }

    deinit {
        // sodium_free makes the region writable, checks the canary, zeroes it (munlock) and unmaps it.
        sodium_free(region)
    }

    /// Runs `body` with read access to the bytes. The pointer must not escape the closure: the region is made
    /// inaccessible again once the last concurrent reader returns.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let region = self.region
        readers.withLock { count in
            if count == 0 { _ = sodium_mprotect_readonly(region) }
            count += 1
        }
        defer {
            readers.withLock { count in
                count -= 1
                if count == 0 { _ = sodium_mprotect_noaccess(region) }
            }
        }
        return try body(UnsafeRawBufferPointer(start: region, count: self.count))
    }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison of the contents (the lengths, which are not secret, are compared first).
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                sodium_memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
    /// An empty mirror, so that `dump` and debuggers' summaries do not walk into the storage.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
