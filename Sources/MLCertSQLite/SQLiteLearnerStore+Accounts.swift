import Foundation
import GRDB
import MLCertPractice

/// Accounts, logins, rate-limited attempts and remembered devices in the same SQLite file as the learners (migrations
/// `v2-accounts` and `v3-security`). The
/// account row references its learner with ON DELETE CASCADE, so deleting the learner row removes the account,
/// its logins, its sessions and every event in one statement.
extension SQLiteLearnerStore: AccountStore, PracticeStatistics {
    public func createAccount(_ account: Account, learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        do {
            try await write { db in
                try Self.upsert(learner, examDates: dates, createdAt: account.createdAt, in: db)
                try db.execute(sql: "INSERT INTO account (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [account.id, account.email, account.passwordHash, account.createdAt])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw AccountError.emailTaken(account.email)
        }
    }

    public func account(id: String) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map(Self.account(from:))
        }
    }

    public func account(email: String) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE email = ?", arguments: [Account.normalise(email: email)]).map(Self.account(from:))
        }
    }

    public func updatePasswordHash(_ hash: String, accountID: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, accountID])
            if db.changesCount == 0 { throw AccountError.unknownAccount(accountID) }
        }
    }

    public func createLogin(_ login: LoginSession) async throws {
        do {
            try await write { db in
                try db.execute(sql: """
                    INSERT INTO login_session (token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [login.tokenHash, login.accountID, login.csrfToken, login.createdAt, login.expiresAt, login.lastSeenAt])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw AccountError.unknownAccount(login.accountID)
        }
    }

    public func login(tokenHash: String) async throws -> LoginSession? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE token_hash = ?", arguments: [tokenHash]).map(Self.login(from:))
        }
    }

    public func loginAndAccount(tokenHash: String) async throws -> (login: LoginSession, account: Account)? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT l.token_hash, l.account_id, l.csrf_token, l.created_at, l.expires_at, l.last_seen_at,
                       a.email, a.password_hash, a.created_at AS account_created_at
                FROM login_session l JOIN account a ON a.id = l.account_id WHERE l.token_hash = ?
                """), arguments: [tokenHash]).map { row in
                (Self.login(from: row), Account(id: row["account_id"], email: row["email"], passwordHash: row["password_hash"], createdAt: row["account_created_at"]))
            }
        }
    }

    public func deleteLogin(tokenHash: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM login_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func logins(accountID: String) async throws -> [LoginSession] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM login_session WHERE account_id = ? ORDER BY created_at, token_hash", arguments: [accountID])
                .map(Self.login(from:))
        }
    }

    public func touchLogin(tokenHash: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE login_session SET last_seen_at = ? WHERE token_hash = ?", arguments: [at, tokenHash])
        }
    }

    public func deleteLogins(accountID: String, keeping: String?) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM login_session WHERE account_id = ? AND token_hash IS NOT ?", arguments: [accountID, keeping])
            return db.changesCount
        }
    }

    /// Counts and records in one IMMEDIATE transaction: SQLite's write lock is taken at BEGIN, so no other connection or
    /// process can record an attempt between this one's count and its insert.
    public func reserveAttempt(id: String, at: Date, limits: [AttemptLimit]) async throws -> AttemptLimit? {
        try await writeWithoutTransaction { db in
            var refused: AttemptLimit?
            try db.inTransaction(.immediate) {
                for limit in limits {
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate_attempt WHERE key = ? AND at >= ?",
                        arguments: [limit.key, limit.since]) ?? 0
                    if count >= limit.maximum {
                        refused = limit
                        return .commit
                    }
                }
                for limit in limits {
                    try db.execute(sql: "INSERT INTO rate_attempt (key, attempt_id, at) VALUES (?, ?, ?)", arguments: [limit.key, id, at])
                }
                return .commit
            }
            return refused
        }
    }

    public func forgetAttempt(id: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM rate_attempt WHERE attempt_id = ?", arguments: [id]) }
    }

    public func attempts(key: String, since: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate_attempt WHERE key = ? AND at >= ?", arguments: [key, since]) ?? 0
        }
    }

    public func clearAttempts(key: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM rate_attempt WHERE key = ?", arguments: [key]) }
    }

    public func rememberDevice(tokenHash: String, accountID: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO known_device (token_hash, account_id, created_at) VALUES (?, ?, ?)",
                arguments: [tokenHash, accountID, at])
        }
    }

    public func isKnownDevice(tokenHash: String, accountID: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM known_device WHERE token_hash = ? AND account_id = ?)",
                arguments: [tokenHash, accountID]) ?? false
        }
    }

    public func prune(attemptsBefore: Date, idleBefore: Date, now: Date) async throws -> PruneResult {
        try await write { db in
            try db.execute(sql: "DELETE FROM rate_attempt WHERE at < ?", arguments: [attemptsBefore])
            let attempts = db.changesCount
            try db.execute(sql: "DELETE FROM login_session WHERE expires_at < ? OR COALESCE(last_seen_at, created_at) < ?", arguments: [now, idleBefore])
            return PruneResult(attempts: attempts, logins: db.changesCount)
        }
    }

    public func deleteAccount(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM learner WHERE id = ?", arguments: [id])
        }
    }

    public func counts(now: Date) async throws -> PracticeCounts {
        try await pool.read { db in
            let inProgress = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE finished_at IS NULL AND (deadline IS NULL OR deadline > ?)", arguments: [now]) ?? 0
            let answers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session_event WHERE change = 'answered'") ?? 0
            let accounts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0
            return PracticeCounts(sessionsInProgress: inProgress, answersRecorded: answers, accounts: accounts)
        }
    }

    private static func login(from row: Row) -> LoginSession {
        LoginSession(tokenHash: row["token_hash"], accountID: row["account_id"], csrfToken: row["csrf_token"], createdAt: row["created_at"],
            expiresAt: row["expires_at"], lastSeenAt: row["last_seen_at"])
    }

    private static func account(from row: Row) -> Account {
        Account(id: row["id"], email: row["email"], passwordHash: row["password_hash"], createdAt: row["created_at"])
    }
}
