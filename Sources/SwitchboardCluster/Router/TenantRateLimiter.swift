import Synchronization

/// Per-tenant rate limits at the router (`--rate-limit`, `--rate-burst`).
public struct RateLimitSettings: Sendable, Equatable {
    /// Requests per second a tenant may keep up; 0 disables the limit.
    public var requestsPerSecond: Double
    /// How many requests a tenant may send at once after being idle.
    public var burst: Int
    /// At most this many tenants' buckets are kept; idle ones go first.
    public var maxBuckets: Int

    public init(requestsPerSecond: Double = 50, burst: Int = 100, maxBuckets: Int = 10_000) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.maxBuckets = maxBuckets
    }

    public var isEnabled: Bool { requestsPerSecond > 0 && burst > 0 }
}

/// One tenant's token bucket: `burst` tokens at most, refilled at `rate` per second, one token per request.
struct TokenBucket: Equatable {
    var tokens: Double
    /// When `tokens` was last brought up to date (seconds on the limiter's clock).
    var updated: Double

    /// The bucket brought up to date at `now`.
    func refilled(at now: Double, rate: Double, burst: Double) -> TokenBucket {
        TokenBucket(tokens: min(burst, tokens + max(0, now - updated) * rate), updated: max(now, updated))
    }
}

/// A token bucket per tenant. The clock is injected (seconds, monotonic) so that tests need not sleep.
///
/// The buckets are bounded in number: when a new tenant would exceed `maxBuckets`, the buckets that have filled
/// up again are dropped (a full bucket is what a new one would be, so nothing is forgotten), and if none has, the
/// least recently used one is.
public final class TenantRateLimiter: Sendable {
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; a token is back after `retryAfter` seconds (rounded up, at least 1).
        case limited(retryAfter: Int)
    }

    public let settings: RateLimitSettings
    private let now: @Sendable () -> Double
    private let buckets = Mutex<[String: TokenBucket]>([:])

    public init(settings: RateLimitSettings, now: @escaping @Sendable () -> Double = TenantRateLimiter.monotonicSeconds) {
        self.settings = settings
        self.now = now
    }

    /// Seconds since an arbitrary start, on a clock that never goes back.
    public static let monotonicSeconds: @Sendable () -> Double = {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    private static let start = ContinuousClock.now

    /// Takes a token from `tenantID`'s bucket, or says how long until one is back.
    public func admit(_ tenantID: String) -> Decision {
        guard settings.isEnabled else { return .allowed }
        let rate = settings.requestsPerSecond
        let burst = Double(settings.burst)
        let time = now()
        return buckets.withLock { buckets -> Decision in
            var bucket: TokenBucket
            if let existing = buckets[tenantID] {
                bucket = existing.refilled(at: time, rate: rate, burst: burst)
            } else {
                if buckets.count >= settings.maxBuckets { Self.evict(&buckets, at: time, rate: rate, burst: burst) }
                bucket = TokenBucket(tokens: burst, updated: time)
            }
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                let wait = (1 - bucket.tokens) / rate
                decision = .limited(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            buckets[tenantID] = bucket
            return decision
        }
    }

    /// How many tenants have a bucket now.
    public var bucketCount: Int { buckets.withLock { $0.count } }

    private static func evict(_ buckets: inout [String: TokenBucket], at time: Double, rate: Double, burst: Double) {
        let full = buckets.filter { $0.value.refilled(at: time, rate: rate, burst: burst).tokens >= burst }.keys
        for tenantID in full { buckets[tenantID] = nil }
        if full.isEmpty, let oldest = buckets.min(by: { $0.value.updated < $1.value.updated })?.key {
            buckets[oldest] = nil
        }
    }
}
