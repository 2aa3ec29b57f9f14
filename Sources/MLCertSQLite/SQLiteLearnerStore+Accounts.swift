import Foundation
import GRDB
import MLCertPractice

/// Accounts, logins and failed sign-ins in the same SQLite file as the learners (migration `v2-accounts`). The
/// account row references its learner with ON DELETE CASCADE, so deleting the learner row removes the account,
/// its logins, its sessions and every event in one statement.
extension SQLiteLearnerStore: AccountStore, PracticeStatistics {
    public func createAccount(_ account: Account, learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        do {
            try await pool.write { db in
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
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, accountID])
            if db.changesCount == 0 { throw AccountError.unknownAccount(accountID) }
        }
    }

    public func createLogin(_ login: LoginSession) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO login_session (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [login.tokenHash, login.accountID, login.csrfToken, login.createdAt, login.expiresAt])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw AccountError.unknownAccount(login.accountID)
        }
    }

    public func login(tokenHash: String) async throws -> LoginSession? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM login_session WHERE token_hash = ?", arguments: [tokenHash]).map { row in
                LoginSession(tokenHash: row["token_hash"], accountID: row["account_id"], csrfToken: row["csrf_token"],
                    createdAt: row["created_at"], expiresAt: row["expires_at"])
            }
        }
    }

    public func deleteLogin(tokenHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM login_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func recordLoginFailure(key: String, at: Date) async throws {
        try await pool.write { db in try db.execute(sql: "INSERT INTO login_failure (key, at) VALUES (?, ?)", arguments: [key, at]) }
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_failure WHERE key = ? AND at >= ?", arguments: [key, since]) ?? 0
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM login_failure WHERE key = ?", arguments: [key]) }
    }

    public func deleteAccount(id: String) async throws {
        try await pool.write { db in
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

    private static func account(from row: Row) -> Account {
        Account(id: row["id"], email: row["email"], passwordHash: row["password_hash"], createdAt: row["created_at"])
    }
}
