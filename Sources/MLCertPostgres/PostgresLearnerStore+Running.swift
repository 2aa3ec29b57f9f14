#if Postgres
import PostgresNIO

extension PostgresLearnerStore {
    /// Runs the connection pool for the duration of `body`, then shuts it down.
    ///
    /// For one-shot callers (a CLI command, a test); a server puts `client` in its `ServiceGroup` instead. A client
    /// runs once, so a store used this way is done afterwards.
    public func whileRunning<T: Sendable>(_ body: (PostgresLearnerStore) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            defer { group.cancelAll() }
            return try await body(self)
        }
    }
}
#endif
