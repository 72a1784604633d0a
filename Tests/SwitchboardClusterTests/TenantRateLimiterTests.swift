@testable import SwitchboardCluster
import Synchronization
import Testing

/// The per-tenant token bucket, on a clock the test moves by hand.
@Suite struct TenantRateLimiterTests {
    final class FakeClock: Sendable {
        let seconds = Mutex(1000.0)
        func advance(_ by: Double) { seconds.withLock { $0 += by } }
    }

    func limiter(rps: Double, burst: Int, maxBuckets: Int = 10_000, clock: FakeClock) -> TenantRateLimiter {
        TenantRateLimiter(settings: RateLimitSettings(requestsPerSecond: rps, burst: burst, maxBuckets: maxBuckets),
                          now: { clock.seconds.withLock { $0 } })
    }

    @Test func aBurstIsAllowedThenRefusedWithTheSecondsUntilATokenIsBack() {
        let clock = FakeClock()
        let limiter = limiter(rps: 2, burst: 3, clock: clock)
        for _ in 0..<3 { #expect(limiter.admit("t1") == .allowed) }
        #expect(limiter.admit("t1") == .limited(retryAfter: 1))
        // Another tenant has a bucket of its own.
        #expect(limiter.admit("t2") == .allowed)
        clock.advance(0.5)
        #expect(limiter.admit("t1") == .allowed)
        #expect(limiter.admit("t1") == .limited(retryAfter: 1))
    }

    @Test func retryAfterIsRoundedUpToWholeSeconds() {
        let clock = FakeClock()
        let limiter = limiter(rps: 0.25, burst: 1, clock: clock)
        #expect(limiter.admit("t1") == .allowed)
        // One token every 4 seconds.
        #expect(limiter.admit("t1") == .limited(retryAfter: 4))
        clock.advance(2.5)
        #expect(limiter.admit("t1") == .limited(retryAfter: 2))
        clock.advance(1.5)
        #expect(limiter.admit("t1") == .allowed)
    }

    @Test func anIdleBucketRefillsOnlyUpToTheBurst() {
        let clock = FakeClock()
        let limiter = limiter(rps: 10, burst: 2, clock: clock)
        #expect(limiter.admit("t1") == .allowed)
        clock.advance(3600)
        #expect(limiter.admit("t1") == .allowed)
        #expect(limiter.admit("t1") == .allowed)
        #expect(limiter.admit("t1") == .limited(retryAfter: 1))
    }

    @Test(arguments: [(0.0, 10), (10.0, 0)])
    func zeroDisablesTheLimit(rps: Double, burst: Int) {
        let limiter = limiter(rps: rps, burst: burst, clock: FakeClock())
        for _ in 0..<1000 { #expect(limiter.admit("t1") == .allowed) }
        #expect(limiter.bucketCount == 0)
    }

    @Test func bucketsAreBoundedAndIdleOnesGoFirst() {
        let clock = FakeClock()
        let limiter = limiter(rps: 1, burst: 2, maxBuckets: 3, clock: clock)
        _ = limiter.admit("busy")
        _ = limiter.admit("busy")
        _ = limiter.admit("idle1")
        _ = limiter.admit("idle2")
        #expect(limiter.bucketCount == 3)
        clock.advance(1)
        // idle1 and idle2 are full again, busy is not: they go, busy's debt is kept.
        _ = limiter.admit("new")
        #expect(limiter.bucketCount == 2)
        #expect(limiter.admit("busy") == .allowed)
        #expect(limiter.admit("busy") == .limited(retryAfter: 1))
    }

    @Test func whenNoBucketIsIdleTheLeastRecentlyUsedGoes() {
        let clock = FakeClock()
        let limiter = limiter(rps: 0.001, burst: 1, maxBuckets: 2, clock: clock)
        _ = limiter.admit("a")
        clock.advance(1)
        _ = limiter.admit("b")
        clock.advance(1)
        _ = limiter.admit("c")
        #expect(limiter.bucketCount == 2)
        // "a" was forgotten (a fresh, full bucket); "b" was not.
        #expect(limiter.admit("a") == .allowed)
        #expect(limiter.admit("c") == .limited(retryAfter: 1000))
    }
}
