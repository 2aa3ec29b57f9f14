import Foundation

/// Where accounts, signed-in sessions and failed-login counts live. SQLite, PostgreSQL and the in-memory store each
/// implement it next to `LearnerStore` (one shared contract suite runs against all three). Everything a server
/// needs to agree on with its siblings is here, so several processes against one database act as one service.
public protocol AccountStore: Sendable {
    /// Creates the account and its learner in one transaction. Throws `AccountError.emailTaken` when another account
    /// has the same (normalised) email, and then writes nothing.
    func createAccount(_ account: Account, learner: Learner) async throws
    func account(id: String) async throws -> Account?
    /// Looks up by email, normalised the same way `Account` stores it.
    func account(email: String) async throws -> Account?
    /// Replaces the stored password hash (for a rehash at a higher cost, or a password change).
    func updatePasswordHash(_ hash: String, accountID: String) async throws

    func createLogin(_ login: LoginSession) async throws
    /// The login with this token hash, or nil; expired logins are returned too, and the caller decides.
    func login(tokenHash: String) async throws -> LoginSession?
    /// The login with this token hash and its account, or nil when either is missing: every signed-in request needs
    /// both, so a store answers with one read.
    func loginAndAccount(tokenHash: String) async throws -> (login: LoginSession, account: Account)?
    func deleteLogin(tokenHash: String) async throws

    /// The logins of the account still stored (expired ones included), oldest first.
    func logins(accountID: String) async throws -> [LoginSession]
    /// Records that the login was used at `at` (for the idle timeout).
    func touchLogin(tokenHash: String, at: Date) async throws
    /// Deletes every login of the account except `keeping` (nil: all of them), and returns how many it deleted: "sign
    /// out everywhere", and the other logins after a password change.
    @discardableResult
    func deleteLogins(accountID: String, keeping: String?) async throws -> Int

    /// Counts one attempt under every limit's key in one atomic step, so that concurrent attempts cannot all pass a
    /// check made before any of them was recorded. When a key already holds its limit's maximum, nothing is
    /// recorded and that limit is returned; otherwise one row per key, tagged `id`, is recorded and nil returned.
    /// Processes sharing the database see each other's attempts.
    func reserveAttempt(id: String, at: Date, limits: [AttemptLimit]) async throws -> AttemptLimit?
    /// Removes the rows of one attempt (a sign-in that succeeded is not a failure).
    func forgetAttempt(id: String) async throws
    /// Attempts recorded under `key` at or after `since`.
    func attempts(key: String, since: Date) async throws -> Int
    /// Forgets every attempt under `key` (after a successful sign-in from that email and address).
    func clearAttempts(key: String) async throws

    /// Remembers a browser that signed in to the account (only the hash of its device token), so that sign-in limits
    /// aimed at the account from elsewhere do not lock that browser out.
    func rememberDevice(tokenHash: String, accountID: String, at: Date) async throws
    /// Whether the device with this token hash has signed in to the account before (and the account still exists).
    func isKnownDevice(tokenHash: String, accountID: String) async throws -> Bool

    /// Deletes attempts recorded before `attemptsBefore` and logins that expired (`expiresAt` before `now`) or were
    /// last used before `idleBefore`: rows nothing will ever read again.
    @discardableResult
    func prune(attemptsBefore: Date, idleBefore: Date, now: Date) async throws -> PruneResult

    /// Deletes the account, its logins, its learner and every session and answer of that learner, in one transaction.
    func deleteAccount(id: String) async throws
}

extension AccountStore {
    /// Two reads; the SQL stores override it with one join.
    public func loginAndAccount(tokenHash: String) async throws -> (login: LoginSession, account: Account)? {
        guard let login = try await login(tokenHash: tokenHash), let account = try await account(id: login.accountID) else { return nil }
        return (login, account)
    }
}

/// What an account store refuses, in terms a page or an API error can show.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    case emailTaken(String)
    case unknownAccount(String)

    public var description: String {
        switch self {
        case .emailTaken(let email): "an account with the email \(email) already exists"
        case .unknownAccount(let id): "no account '\(id)'"
        }
    }
}

/// Everything the web app needs from one database: learners and sessions, accounts and logins, and the counts for
/// metrics. The in-memory, SQLite and PostgreSQL stores each provide all three.
public typealias PracticeStore = LearnerStore & AccountStore & PracticeStatistics
