#if Postgres
import Foundation
import MLCertPostgres
import MLCertPractice
import PostgresNIO

/// The PostgreSQL database the tests use, named by `MLCERT_TEST_POSTGRES_URL` (scripts/test starts a throwaway
/// server and sets it). Each test gets its own schema in that database, so tests run in parallel without seeing
/// each other's rows and without dropping anything.
///
/// A build with the `Postgres` trait promises PostgreSQL coverage, so a missing variable is a failure, not a skip.
public enum PostgresTestDatabase {
    public static let variable = "MLCERT_TEST_POSTGRES_URL"

    /// Errors only: a pool whose first query arrives before its `run()` task has started warns about it, harmlessly.
    public static var logger: Logger {
        var logger = Logger(label: "mlcert.test.postgres")
        logger.logLevel = .error
        return logger
    }

    /// The database URL from the environment.
    public static func baseURL() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else { throw MissingTestDatabase() }
        return try PostgresURL(text)
    }

    /// The database URL with a schema nobody has used yet (it is created on first connect).
    public static func freshURL() throws -> PostgresURL {
        var url = try baseURL()
        url.schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return url
    }

    /// `freshURL()` as text for a child process's `--database` (with the password, unlike `PostgresURL.description`).
    public static func freshURLText() throws -> String {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else { throw MissingTestDatabase() }
        _ = try PostgresURL(text)
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return text + (text.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// A migrated store on a fresh schema, its pool running until the test process ends.
    public static func freshStore() async throws -> PostgresLearnerStore {
        try await runningStore(freshURL())
    }

    /// A migrated store on `url` with its own pool (like one server process), running until the test process ends.
    ///
    /// The connect limit is generous because CPU-bound tests running alongside can keep this task from being resumed
    /// for a long time on two cores; a missing server still fails, with the network's reason, at once.
    ///
    /// The pool is left running rather than shut down at the end of the test because the contract suites hand the
    /// store out from a factory; its idle connections close by themselves after a minute.
    public static func runningStore(_ url: PostgresURL) async throws -> PostgresLearnerStore {
        let store = try await PostgresLearnerStore.connect(url, connectTimeout: .seconds(60), logger: logger)
        Task { await store.client.run() }
        return store
    }
}

/// The tests were built for PostgreSQL but were not told where it is.
public struct MissingTestDatabase: Error, CustomStringConvertible {
    public var description: String {
        "\(PostgresTestDatabase.variable) is not set: this test build has the Postgres trait, so the PostgreSQL store must be tested. "
            + "Run scripts/test (it starts a throwaway server), or wrap the command: scripts/with-postgres swift test --traits Postgres"
    }
}
#endif
