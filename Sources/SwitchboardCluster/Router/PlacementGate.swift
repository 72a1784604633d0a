import Synchronization

/// The router's shard map together with the tenants' requests under way, so that the map can change while traffic
/// flows without a request failing.
///
/// Every forwarded request is *admitted* (which fixes the worker it goes to) and *released* when its answer is back.
/// A change of the map (`move`) first announces the new map as pending; from then on, new requests of a tenant whose
/// owner changes wait at the gate (bounded) while that tenant's requests already admitted finish on the old worker
/// (bounded too). Then the change is committed (the pin or worker count written to PostgreSQL), the map swapped, and
/// the waiting requests released: they go to the new worker. Tenants whose owner stays the same never wait.
///
/// One change at a time: callers serialize `move` (the router does, with its placement lock).
final class PlacementGate: Sendable {
    /// What `admit` decided.
    enum Admission: Equatable, Sendable {
        /// The request may go to this worker; `release` the tenant when it is done.
        case admitted(workerID: String)
        /// There is no worker at all.
        case noWorker
        /// The tenant was moving for longer than the caller would wait.
        case timedOut
    }

    private struct State {
        var map: ShardMap
        /// The map being moved to, while a change is under way.
        var pending: ShardMap?
        /// Requests admitted and not yet released, per tenant.
        var inFlight: [String: Int] = [:]
        /// Requests waiting at the gate for a change to end, by ticket.
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        /// The change waiting for the moving tenants' requests under way to finish.
        var drain: (id: Int, tenants: Set<String>, continuation: CheckedContinuation<Bool, Never>)?
        var nextTicket = 0

        /// Whether a request of `tenantID` must wait: a change is under way and moves it.
        func isMoving(_ tenantID: String) -> Bool {
            guard let pending else { return false }
            return pending.owner(of: tenantID) != map.owner(of: tenantID)
        }
    }

    private let state: Mutex<State>

    init(map: ShardMap) {
        state = Mutex(State(map: map))
    }

    /// The map requests are routed by now.
    var map: ShardMap { state.withLock { $0.map } }

    /// Whether a change is under way (announced and not yet committed or given up).
    var isChanging: Bool { state.withLock { $0.pending != nil } }

    /// Requests of `tenantID` admitted and not yet released.
    func inFlight(_ tenantID: String) -> Int { state.withLock { $0.inFlight[tenantID, default: 0] } }

    /// Admits a request of `tenantID`, waiting up to `timeout` if the tenant is moving.
    func admit(_ tenantID: String, within timeout: Duration) async -> Admission {
        let deadline = ContinuousClock.now + timeout
        while true {
            let admitted = state.withLock { state -> Admission? in
                guard !state.isMoving(tenantID) else { return nil }
                guard let owner = state.map.owner(of: tenantID) else { return .noWorker }
                state.inFlight[tenantID, default: 0] += 1
                return .admitted(workerID: owner)
            }
            if let admitted { return admitted }
            guard ContinuousClock.now < deadline else { return .timedOut }
            _ = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                // Registered under the same lock that decides, so that the end of a change cannot slip in between.
                let ticket = state.withLock { state -> Int? in
                    guard state.isMoving(tenantID) else { return nil }
                    let ticket = state.nextTicket
                    state.nextTicket += 1
                    state.waiters[ticket] = continuation
                    return ticket
                }
                guard let ticket else {
                    continuation.resume(returning: true)
                    return
                }
                Task {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    self.state.withLock { $0.waiters.removeValue(forKey: ticket) }?.resume(returning: false)
                }
            }
        }
    }

    /// A request admitted for `tenantID` is done.
    func release(_ tenantID: String) {
        let drained = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            let left = state.inFlight[tenantID, default: 0] - 1
            if left > 0 {
                state.inFlight[tenantID] = left
                return nil
            }
            state.inFlight.removeValue(forKey: tenantID)
            guard let drain = state.drain, drain.tenants.contains(tenantID),
                drain.tenants.allSatisfy({ state.inFlight[$0] == nil })
            else { return nil }
            state.drain = nil
            return drain.continuation
        }
        drained?.resume(returning: true)
    }

    /// What a change did.
    struct Change: Sendable {
        /// The map before it.
        var previous: ShardMap
        /// The tenants that had requests under way on their old worker when it began.
        var drainedTenants: Set<String>
        /// Whether they all finished within the drain timeout (if not, the map was swapped anyway).
        var drainedInTime: Bool
    }

    /// Moves to `fresh`: holds back the requests of the tenants it moves, waits up to `drainTimeout` for their
    /// requests under way, runs `commit`, swaps the map and lets the held requests go to their new workers. If
    /// `commit` throws, the map stays as it was, the held requests go on to their old workers, and the error is
    /// thrown.
    func move(
        to fresh: ShardMap, drainTimeout: Duration, commit: () async throws -> Void = {}
    ) async throws -> Change {
        let (previous, moving) = state.withLock { state -> (ShardMap, Set<String>) in
            state.pending = fresh
            let moving = state.inFlight.keys.filter { fresh.owner(of: $0) != state.map.owner(of: $0) }
            return (state.map, Set(moving))
        }
        let drainedInTime = await waitForDrain(of: moving, timeout: drainTimeout)
        do {
            try await commit()
        } catch {
            finish(with: nil)
            throw error
        }
        finish(with: fresh)
        return Change(previous: previous, drainedTenants: moving, drainedInTime: drainedInTime)
    }

    private func waitForDrain(of tenants: Set<String>, timeout: Duration) async -> Bool {
        guard !tenants.isEmpty else { return true }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let id = state.withLock { state -> Int? in
                if tenants.allSatisfy({ state.inFlight[$0] == nil }) { return nil }
                let id = state.nextTicket
                state.nextTicket += 1
                state.drain = (id, tenants, continuation)
                return id
            }
            guard let id else {
                continuation.resume(returning: true)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                let timedOut = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
                    guard let drain = state.drain, drain.id == id else { return nil }
                    state.drain = nil
                    return drain.continuation
                }
                timedOut?.resume(returning: false)
            }
        }
    }

    /// Ends a change: swaps in `map` (nil: keeps the old one) and wakes every waiting request.
    private func finish(with map: ShardMap?) {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            if let map { state.map = map }
            state.pending = nil
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }
}

/// A lock held across suspension points (changes of placement: load, spawn, drain, commit, swap, retire), waited
/// for in order of arrival.
final class AsyncLock: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if !state.locked {
                    state.locked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.locked = false
                return nil
            }
            // Handed over directly: stays locked.
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
