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
    func deleteLogin(tokenHash: String) async throws

    /// Records one failed sign-in for `key` (an email, or a client address) at `at`.
    func recordLoginFailure(key: String, at: Date) async throws
    /// Failed sign-ins for `key` at or after `since`.
    func loginFailures(key: String, since: Date) async throws -> Int
    /// Forgets the failures of `key` (after a successful sign-in).
    func clearLoginFailures(key: String) async throws

    /// Deletes the account, its logins, its learner and every session and answer of that learner, in one transaction.
    func deleteAccount(id: String) async throws
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
