import Synchronization

/// Counts the statements sent to PostgreSQL within a task tree, so that a test can assert how many statements one
/// GraphQL request costs. Every statement is counted, BEGIN, COMMIT, ROLLBACK and `set_config` included; the pool
/// also keeps a total of its own (`PostgresPool.statementCount`).
public final class PostgresStatementCounter: Sendable {
    /// The counter of the current task, if one is counting. Nested counters all count (the outer one too).
    @TaskLocal public static var current: PostgresStatementCounter?

    private let value = Atomic<Int>(0)
    private let parent: PostgresStatementCounter?

    public init() { self.parent = nil }

    private init(parent: PostgresStatementCounter?) { self.parent = parent }

    public var count: Int { value.load(ordering: .relaxed) }

    func increment() {
        value.add(1, ordering: .relaxed)
        parent?.increment()
    }

    /// Runs `body` with a fresh counter as `current`; returns the body's result and the statements it sent.
    public static func counting<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async rethrows -> (result: T, count: Int) {
        let counter = PostgresStatementCounter(parent: current)
        let result = try await $current.withValue(counter) { try await body() }
        return (result, counter.count)
    }

    /// Counts a statement in the current task's counters.
    static func countStatement() {
        current?.increment()
    }
}

/// `PostgresStatementCounter.counting(body)`: runs `body` and returns its result with the statements it sent.
public func withStatementCounting<T>(
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> T
) async rethrows -> (result: T, count: Int) {
    try await PostgresStatementCounter.counting(body)
}
