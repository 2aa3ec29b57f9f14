#if Postgres
import Foundation
import Logging
import PostgresNIO

/// Opens one connection at start-up, migrates, and closes it, within a bounded time.
///
/// The pool (`PostgresClient`) retries failed connections quietly and makes queries wait, which is right for a
/// running server and wrong for a first contact: a mistyped host or password would hang. A single connection fails
/// fast instead, with the server's own reason (wrong password, no such database) or the network's (refused,
/// unreachable), and the watchdog below closes it if the server accepts the socket but never answers.
///
/// The network-level connect timeout runs on NIO's event loop, not on the Swift concurrency pool, so a busy pool (a
/// test reading a child process's pipe with blocking reads on a two-core machine) does not make it fire early; the
/// overall limit is three times as long for the same reason.
struct PostgresConnector {
    let url: PostgresURL
    let timeout: Duration
    let logger: Logger

    /// Connects, applies pending migrations, and returns the identifiers it applied.
    @discardableResult
    func migrate() async throws -> [String] {
        do {
            return try await withConnection { [url, logger] connection in
                try await PostgresMigrations.migrate(connection, schema: url.schema, logger: logger)
            }
        } catch let error as PSQLError {
            throw PostgresStoreError.migrationFailed(url: url.description, reason: describePostgresError(error))
        }
    }

    /// Runs `body` on a fresh connection, closing it afterwards; the whole exchange is limited to three times the
    /// connect timeout.
    func withConnection<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) async throws -> T) async throws -> T {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try url.connectionConfiguration(connectTimeout: timeout)
        } catch {
            throw PostgresStoreError.cannotConnect(url: url.description, reason: "TLS setup failed: \(error)")
        }
        let limit = timeout * 3
        let connection: PostgresConnection
        do {
            connection = try await Self.racing(limit, url: url) {
                try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            }
        } catch let error as PostgresStoreError {
            throw error
        } catch let error as PSQLError where error.underlying.map(Self.isConnectTimeout) == true {
            throw PostgresStoreError.timedOut(url: url.description, seconds: Int(timeout.components.seconds))
        } catch {
            throw PostgresStoreError.cannotConnect(url: url.description, reason: describePostgresError(error))
        }
        // Queries do not stop when their task is cancelled, so the watchdog closes the connection instead.
        let watchdog = Task {
            try await Task.sleep(for: limit)
            try? await connection.close()
        }
        defer { watchdog.cancel() }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            if watchdog.isCancelled == false, (error as? PSQLError)?.code == .clientClosedConnection {
                throw PostgresStoreError.timedOut(url: url.description, seconds: Int(limit.components.seconds))
            }
            throw error
        }
    }

    /// NIO's connect timeout, which covers the TCP handshake and PostgreSQL's start-up exchange.
    private static func isConnectTimeout(_ error: any Error) -> Bool {
        if case ChannelError.connectTimeout = error { return true }
        return false
    }

    /// The result of `work`, or `PostgresStoreError.timedOut` after `limit` (cancelling `work`).
    static func racing<T: Sendable>(_ limit: Duration, url: PostgresURL, _ work: @Sendable @escaping () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw PostgresStoreError.timedOut(url: url.description, seconds: Int(limit.components.seconds))
            }
            return value
        }
    }
}

/// Why the PostgreSQL store could not start, with the URL (password masked) and the reason.
public enum PostgresStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotConnect(url: String, reason: String)
    case timedOut(url: String, seconds: Int)
    case migrationFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case .cannotConnect(let url, let reason): "cannot connect to PostgreSQL at \(url): \(reason)"
        case .timedOut(let url, let seconds): "no answer from PostgreSQL at \(url) within \(seconds) s; check the host, port and firewall"
        case .migrationFailed(let url, let reason): "cannot prepare the mlcert schema in PostgreSQL at \(url): \(reason)"
        }
    }
}
#endif
