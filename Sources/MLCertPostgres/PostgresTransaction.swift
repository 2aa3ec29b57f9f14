#if Postgres
import Foundation
import Logging
import PostgresNIO

/// BEGIN, the body, then COMMIT, or ROLLBACK when the body throws.
///
/// PostgresNIO's own `withTransaction` wraps whatever the body throws in a `PostgresTransactionError`; the store
/// needs its `StoreError`s and the server's constraint errors unwrapped to map them, so it runs transactions here.
/// COMMIT returns only after the server has flushed the commit record (with the default `synchronous_commit = on`),
/// which is what makes an acknowledged answer durable.
enum PostgresTransaction {
    /// How a transaction starts: read-write at the default READ COMMITTED, or one read-only snapshot for reads that
    /// span several statements (a session and its events).
    enum Mode {
        case write, snapshot

        var begin: PostgresQuery {
            switch self {
            case .write: "BEGIN"
            case .snapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
        }
    }

    static func run<Result: Sendable>(
        _ mode: Mode = .write, on connection: PostgresConnection, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await connection.query(mode.begin, logger: logger)
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            // A failed rollback means the connection is broken; the pool discards it, and the server rolls back.
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return result
    }
}

extension PSQLError {
    /// The SQLSTATE the server reported, if the error came from the server.
    var sqlState: String? { serverInfo?[.sqlState] }

    static let uniqueViolation = "23505"
    static let foreignKeyViolation = "23503"

    /// The database cannot be reached or is going away: no connection (no server reply at all), a connection
    /// exception (SQLSTATE class 08), or the server shutting down or starting up (class 57, "operator intervention").
    /// The request may succeed once it is back.
    var meansUnavailable: Bool {
        guard let state = sqlState else { return serverInfo == nil }
        return state.hasPrefix("08") || state.hasPrefix("57")
    }
}

/// Says what went wrong talking to PostgreSQL in words a person can act on.
///
/// `PSQLError`'s own description is deliberately generic (it might reach an end user); mlcert shows the server's
/// message and SQLSTATE, or the underlying network error, which contain no secrets.
public func describePostgresError(_ error: any Error) -> String {
    if let error = error as? PSQLError {
        if let info = error.serverInfo {
            let message = info[.message] ?? "unknown server error"
            return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
        }
        if let connection = error.underlying as? NIOConnectionError, let failure = connection.connectionErrors.first {
            return describeNetworkError(failure.error)
        }
        if let underlying = error.underlying { return "\(error.code): \(describeNetworkError(underlying))" }
        return "\(error.code)"
    }
    return "\(error)"
}

/// An operating-system error as the system names it ("Connection refused"), anything else as it describes itself.
private func describeNetworkError(_ error: any Error) -> String {
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
    return "\(error)"
}
#endif
