#if Postgres
import Foundation
import Logging
import MLCertPractice
import PostgresNIO

/// Accounts, logins, rate-limited attempts and remembered devices in the same database as the learners (migrations
/// `v2-accounts` and `v3-security`). Because a login is a row, a cookie issued by one server process is recognised by
/// every other; because attempts are rows, the sign-in limits count attempts across all processes. The account row references its learner with
/// ON DELETE CASCADE, so deleting the learner removes the account, its logins, its sessions and their events.
extension PostgresLearnerStore: AccountStore, PracticeStatistics {
    public func createAccount(_ account: Account, learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        try await withConnection { connection in
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
        let updated = try await withConnection { connection in
            try await Self.exists("UPDATE account SET password_hash = \(hash) WHERE id = \(accountID) RETURNING id", on: connection, logger: logger)
        }
        if !updated { throw AccountError.unknownAccount(accountID) }
    }

    public func createLogin(_ login: LoginSession) async throws {
        do {
            try await execute("""
                INSERT INTO login_session (token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at)
                VALUES (\(login.tokenHash), \(login.accountID), \(login.csrfToken), \(login.createdAt), \(login.expiresAt), \(login.lastSeenAt))
                """)
        } catch let error as PSQLError where error.sqlState == PSQLError.foreignKeyViolation {
            throw AccountError.unknownAccount(login.accountID)
        }
    }

    public func login(tokenHash: String) async throws -> LoginSession? {
        try await fetchLogins("\(unescaped: Self.loginColumns) WHERE token_hash = \(tokenHash)").first
    }

    /// One round trip instead of two.
    public func loginAndAccount(tokenHash: String) async throws -> (login: LoginSession, account: Account)? {
        try await withConnection { connection in
            var found: (login: LoginSession, account: Account)?
            let rows = try await connection.query("""
                SELECT l.token_hash, l.account_id, l.csrf_token, l.created_at, l.expires_at, l.last_seen_at, a.email, a.password_hash, a.created_at
                FROM login_session l JOIN account a ON a.id = l.account_id WHERE l.token_hash = \(tokenHash)
                """, logger: logger)
            for try await (hash, account, csrf, created, expires, seen, email, password, accountCreated)
                in rows.decode((String, String, String, Date, Date, Date?, String, String, Date).self)
            {
                found = (LoginSession(tokenHash: hash, accountID: account, csrfToken: csrf, createdAt: created, expiresAt: expires, lastSeenAt: seen),
                         Account(id: account, email: email, passwordHash: password, createdAt: accountCreated))
            }
            return found
        }
    }

    public func deleteLogin(tokenHash: String) async throws {
        try await execute("DELETE FROM login_session WHERE token_hash = \(tokenHash)")
    }

    public func logins(accountID: String) async throws -> [LoginSession] {
        try await fetchLogins("\(unescaped: Self.loginColumns) WHERE account_id = \(accountID) ORDER BY created_at, token_hash")
    }

    public func touchLogin(tokenHash: String, at: Date) async throws {
        try await execute("UPDATE login_session SET last_seen_at = \(at) WHERE token_hash = \(tokenHash)")
    }

    public func deleteLogins(accountID: String, keeping: String?) async throws -> Int {
        try await count("""
            WITH gone AS (DELETE FROM login_session WHERE account_id = \(accountID) AND token_hash IS DISTINCT FROM \(keeping) RETURNING 1)
            SELECT COUNT(*) FROM gone
            """)
    }

    /// Takes a transaction-scoped advisory lock per key (in a fixed order, so two attempts never wait on each other in
    /// a cycle), then counts and records: an attempt on the same key from any process waits until this one committed.
    public func reserveAttempt(id: String, at: Date, limits: [AttemptLimit]) async throws -> AttemptLimit? {
        try await withConnection { connection in
            try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                for key in Set(limits.map(\.key)).sorted() {
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("mlcert-attempt:" + key)))", logger: logger)
                }
                for limit in limits {
                    var count = 0
                    let rows = try await connection.query("SELECT COUNT(*) FROM rate_attempt WHERE key = \(limit.key) AND at >= \(limit.since)", logger: logger)
                    for try await value in rows.decode(Int.self) { count = value }
                    if count >= limit.maximum { return limit }
                }
                for limit in limits {
                    try await connection.query("INSERT INTO rate_attempt (key, attempt_id, at) VALUES (\(limit.key), \(id), \(at))", logger: logger)
                }
                return nil
            }
        }
    }

    public func forgetAttempt(id: String) async throws {
        try await execute("DELETE FROM rate_attempt WHERE attempt_id = \(id)")
    }

    public func attempts(key: String, since: Date) async throws -> Int {
        try await count("SELECT COUNT(*) FROM rate_attempt WHERE key = \(key) AND at >= \(since)")
    }

    public func clearAttempts(key: String) async throws {
        try await execute("DELETE FROM rate_attempt WHERE key = \(key)")
    }

    public func rememberDevice(tokenHash: String, accountID: String, at: Date) async throws {
        try await execute("""
            INSERT INTO known_device (token_hash, account_id, created_at) VALUES (\(tokenHash), \(accountID), \(at)) ON CONFLICT (token_hash, account_id) DO NOTHING
            """)
    }

    public func isKnownDevice(tokenHash: String, accountID: String) async throws -> Bool {
        try await withConnection { connection in
            try await Self.exists("SELECT 1 FROM known_device WHERE token_hash = \(tokenHash) AND account_id = \(accountID)", on: connection, logger: logger)
        }
    }

    public func prune(attemptsBefore: Date, idleBefore: Date, now: Date) async throws -> PruneResult {
        let attempts = try await count("WITH gone AS (DELETE FROM rate_attempt WHERE at < \(attemptsBefore) RETURNING 1) SELECT COUNT(*) FROM gone")
        let logins = try await count("""
            WITH gone AS (DELETE FROM login_session WHERE expires_at < \(now) OR COALESCE(last_seen_at, created_at) < \(idleBefore) RETURNING 1)
            SELECT COUNT(*) FROM gone
            """)
        return PruneResult(attempts: attempts, logins: logins)
    }

    public func deleteAccount(id: String) async throws {
        try await withConnection { connection in
            try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                try await connection.query("DELETE FROM account WHERE id = \(id)", logger: logger)
                try await connection.query("DELETE FROM learner WHERE id = \(id)", logger: logger)
            }
        }
    }

    public func counts(now: Date) async throws -> PracticeCounts {
        try await withConnection { connection in
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

    static let loginColumns = "SELECT token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at FROM login_session"

    private func fetchLogins(_ query: PostgresQuery) async throws -> [LoginSession] {
        try await withConnection { connection in
            var logins: [LoginSession] = []
            let rows = try await connection.query(query, logger: logger)
            for try await (hash, account, csrf, created, expires, seen) in rows.decode((String, String, String, Date, Date, Date?).self) {
                logins.append(LoginSession(tokenHash: hash, accountID: account, csrfToken: csrf, createdAt: created, expiresAt: expires, lastSeenAt: seen))
            }
            return logins
        }
    }

    private func fetchAccount(_ query: PostgresQuery) async throws -> Account? {
        try await withConnection { connection in
            var account: Account?
            for try await (id, email, hash, created) in try await connection.query(query, logger: logger).decode((String, String, String, Date).self) {
                account = Account(id: id, email: email, passwordHash: hash, createdAt: created)
            }
            return account
        }
    }

    /// Runs a statement on a leased connection and reads its (empty) result to the end before releasing it.
    func execute(_ query: PostgresQuery) async throws {
        try await withConnection { connection in
            for try await _ in try await connection.query(query, logger: logger) {}
        }
    }

    private func count(_ query: PostgresQuery) async throws -> Int {
        try await withConnection { connection in
            var value = 0
            for try await n in try await connection.query(query, logger: logger).decode(Int.self) { value = n }
            return value
        }
    }
}
#endif
