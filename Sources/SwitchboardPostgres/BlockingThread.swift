import Dispatch
import Foundation
import Synchronization

/// A thread of its own that runs blocking jobs (libpq calls, child processes) one at a time, in the order they
/// were submitted, so that they never occupy a thread of Swift's cooperative pool. Awaiting callers are resumed
/// through continuations.
final class BlockingThread: Sendable {
    private enum Job: Sendable {
        case run(@Sendable () -> Void)
        case stop
    }

    private struct Queue {
        var jobs: [Job] = []
        var head = 0
        var stopped = false

        mutating func take() -> Job {
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            return job
        }
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    /// Queues `job`; false (and the job dropped) once the thread was told to stop.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = queue.withLock { queue -> Bool in
            guard !queue.stopped else { return false }
            queue.jobs.append(.run(job))
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Runs `body` on the thread and hands its result (or error) back to the awaiting task.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = submit { continuation.resume(with: Result { try body() }) }
            if !accepted {
                continuation.resume(throwing: PostgresError(kind: .connection, message: "the connection is closed"))
            }
        }
    }

    /// Lets the jobs already queued run, then ends the thread.
    func stop() {
        let signal = queue.withLock { queue -> Bool in
            guard !queue.stopped else { return false }
            queue.stopped = true
            queue.jobs.append(.stop)
            return true
        }
        if signal { available.signal() }
    }

    private func loop() {
        while true {
            available.wait()
            switch queue.withLock({ $0.take() }) {
            case .run(let work): work()
            case .stop: return
            }
        }
    }
}
