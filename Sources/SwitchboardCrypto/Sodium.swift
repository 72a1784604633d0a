import CSodium

/// The one place that initializes libsodium.
///
/// `sodium_init` is idempotent and thread-safe on its own, but calling it before every operation costs an atomic
/// check inside libsodium; a lazily initialized global runs it exactly once per process (Swift guards global
/// initializers with `swift_once`) and every later check is a plain load.
enum Sodium {
    private static let initializationResult: Int32 = sodium_init()

    /// Makes sure libsodium is ready. Every public entry point of this module that touches libsodium calls it.
    @inline(__always)
    static func ensureInitialized() {
        // 0: initialized now, 1: already initialized, -1: the library cannot work (no entropy source, ...).
        precondition(initializationResult >= 0, "libsodium failed to initialize")
    }
}
