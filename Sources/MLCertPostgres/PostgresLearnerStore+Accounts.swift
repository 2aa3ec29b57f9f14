#if Postgres
import Foundation
import Logging
import MLCertPractice
import PostgresNIO

/// Accounts, logins and failed sign-ins in the same database as the learners (migration `v2-accounts`). Because a
/// login is a row, a cookie issued by one server process is recognised by every other; because failures are rows,
/// the sign-in rate limit counts attempts across all processes. The account row references its learner with
/// ON DELETE CASCADE, so deleting the learner removes the account, its logins, its sessions and their events.
extension PostgresLearnerStore: AccountStore, PracticeStatistics {
    public func createAccount(_ account: Account, learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        try await client.withConnection { connection in
            do {
                try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                    try await Self.upsert(learner, dates: dates, createdAt: account.createdAt, on: connection, logger: logger)
                    try await connection.query("""
                        INSERT INTO account (id, email, password_hash, created_at) VALUES (\(account.id), \(account.email), \(account.passwordHash), \(account.createdAt))
                        """, logger: logger)
                }
            } catch let error as PSQLError where error.sqlState == PSQLError.uniqueViolation {
                throw AccountError.emailTaken(account.email)
            }
        }
    }

    public func account(id: String) async throws -> Account? {
        try await fetchAccount("SELECT id, email, password_hash, created_at FROM account WHERE id = \(id)")
    }

    public func account(email: String) async throws -> Account? {
        try await fetchAccount("SELECT id, email, password_hash, created_at FROM account WHERE email = \(Account.normalise(email: email))")
    }

    public func updatePasswordHash(_ hash: String, accountID: String) async throws {
        let updated = try await client.withConnection { connection in
            try await Self.exists("UPDATE account SET password_hash = \(hash) WHERE id = \(accountID) RETURNING id", on: connection, logger: logger)
        }
        if !updated { throw AccountError.unknownAccount(accountID) }
    }

    public func createLogin(_ login: LoginSession) async throws {
        do {
            try await execute("""
                INSERT INTO login_session (token_hash, account_id, csrf_token, created_at, expires_at)
                VALUES (\(login.tokenHash), \(login.accountID), \(login.csrfToken), \(login.createdAt), \(login.expiresAt))
                """)
        } catch let error as PSQLError where error.sqlState == PSQLError.foreignKeyViolation {
            throw AccountError.unknownAccount(login.accountID)
        }
    }

    public func login(tokenHash: String) async throws -> LoginSession? {
        try await client.withConnection { connection in
            var login: LoginSession?
            let rows = try await connection.query("""
                SELECT token_hash, account_id, csrf_token, created_at, expires_at FROM login_session WHERE token_hash = \(tokenHash)
                """, logger: logger)
            for try await (hash, account, csrf, created, expires) in rows.decode((String, String, String, Date, Date).self) {
                login = LoginSession(tokenHash: hash, accountID: account, csrfToken: csrf, createdAt: created, expiresAt: expires)
            }
            return login
        }
    }

    public func deleteLogin(tokenHash: String) async throws {
        try await execute("DELETE FROM login_session WHERE token_hash = \(tokenHash)")
    }

    public func recordLoginFailure(key: String, at: Date) async throws {
        try await execute("INSERT INTO login_failure (key, at) VALUES (\(key), \(at))")
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await count("SELECT COUNT(*) FROM login_failure WHERE key = \(key) AND at >= \(since)")
    }

    public func clearLoginFailures(key: String) async throws {
        try await execute("DELETE FROM login_failure WHERE key = \(key)")
    }

    public func deleteAccount(id: String) async throws {
        try await client.withConnection { connection in
            try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                try await connection.query("DELETE FROM account WHERE id = \(id)", logger: logger)
                try await connection.query("DELETE FROM learner WHERE id = \(id)", logger: logger)
            }
        }
    }

    public func counts(now: Date) async throws -> PracticeCounts {
        try await client.withConnection { connection in
            var counts = PracticeCounts(sessionsInProgress: 0, answersRecorded: 0, accounts: 0)
            let rows = try await connection.query("""
                SELECT (SELECT COUNT(*) FROM session WHERE finished_at IS NULL AND (deadline IS NULL OR deadline > \(now))),
                       (SELECT COUNT(*) FROM session_event WHERE change = 'answered'),
                       (SELECT COUNT(*) FROM account)
                """, logger: logger)
            for try await (sessions, answers, accounts) in rows.decode((Int, Int, Int).self) {
                counts = PracticeCounts(sessionsInProgress: sessions, answersRecorded: answers, accounts: accounts)
            }
            return counts
        }
    }

    // MARK: Rows

    private func fetchAccount(_ query: PostgresQuery) async throws -> Account? {
        try await client.withConnection { connection in
            var account: Account?
            for try await (id, email, hash, created) in try await connection.query(query, logger: logger).decode((String, String, String, Date).self) {
                account = Account(id: id, email: email, passwordHash: hash, createdAt: created)
            }
            return account
        }
    }

    /// Runs a statement on a leased connection and reads its (empty) result to the end before releasing it.
    func execute(_ query: PostgresQuery) async throws {
        try await client.withConnection { connection in
            for try await _ in try await connection.query(query, logger: logger) {}
        }
    }

    private func count(_ query: PostgresQuery) async throws -> Int {
        try await client.withConnection { connection in
            var value = 0
            for try await n in try await connection.query(query, logger: logger).decode(Int.self) { value = n }
            return value
        }
    }
}
#endif
