import Foundation
import HummingbirdBcrypt
import MLCertPractice
import NIOConcurrencyHelpers
import NIOPosix

/// Registration, sign-in, sign-out, export and deletion of accounts, over the store's `AccountStore` side.
///
/// Passwords are hashed with bcrypt on NIO's thread pool, never on an event loop, because one hash at cost 12 takes
/// about a quarter of a second. Login tokens are random; the store keeps only their SHA-256, so a copy of the database
/// cannot be used to sign in. Failed sign-ins are counted in the store, so the limit holds across processes.
public struct AccountService: Sendable {
    public let store: any PracticeStore
    public let clock: @Sendable () -> Date
    public let tokens: TokenGenerator
    public let bcryptCost: UInt8
    public let policy: SignInPolicy
    /// A hash to verify against when the email is unknown, so a wrong email takes as long as a wrong password.
    private let decoyHash = NIOLockedValueBox<String?>(nil)

    public init(store: any PracticeStore, clock: @escaping @Sendable () -> Date, tokens: TokenGenerator, bcryptCost: UInt8,
                policy: SignInPolicy = SignInPolicy()) {
        self.store = store
        self.clock = clock
        self.tokens = tokens
        self.bcryptCost = bcryptCost
        self.policy = policy
    }

    /// A new login: the token goes to the client (cookie or bearer), the rest is stored.
    public struct NewLogin: Sendable {
        public let token: String
        public let login: LoginSession
        public let account: Account
    }

    /// Creates an account and its learner. Throws `invalid_field` naming the field, or `email_taken`.
    public func register(email: String, password: String, displayName: String) async throws -> Account {
        let email = try AccountRules.email(email)
        try AccountRules.password(password)
        let name = try AccountRules.displayName(displayName)
        let hash = try await hashPassword(password)
        let account = Account(id: tokens.identifier(), email: email, passwordHash: hash, createdAt: clock())
        try await store.createAccount(account, learner: Learner(id: account.id, displayName: name))
        return account
    }

    /// Signs in, or throws `invalid_credentials` (401) or `rate_limited` (429, with Retry-After).
    ///
    /// Both the email and the client address are limited: a guesser trying one password on many accounts is stopped by
    /// the address limit, one trying many passwords on one account by the email limit.
    public func signIn(email rawEmail: String, password: String, clientAddress: String) async throws -> NewLogin {
        let email = Account.normalise(email: rawEmail)
        let now = clock()
        let since = now.addingTimeInterval(-policy.window)
        let emailKey = "email:" + email, clientKey = "client:" + clientAddress
        let emailFailures = try await store.loginFailures(key: emailKey, since: since)
        let clientFailures = try await store.loginFailures(key: clientKey, since: since)
        if emailFailures >= policy.maxFailuresPerEmail || clientFailures >= policy.maxFailuresPerClient {
            throw APIError.rateLimited(retryAfter: Int(policy.window))
        }
        let account = try await store.account(email: email)
        let verified = try await verify(password, against: account?.passwordHash)
        guard let account, verified else {
            try await store.recordLoginFailure(key: emailKey, at: now)
            try await store.recordLoginFailure(key: clientKey, at: now)
            throw APIError.invalidCredentials
        }
        try await store.clearLoginFailures(key: emailKey)
        var current = account
        if Self.cost(of: account.passwordHash) != Int(bcryptCost) {
            // The configured cost changed since this hash was made: upgrade it now that we know the password.
            current.passwordHash = try await hashPassword(password)
            try await store.updatePasswordHash(current.passwordHash, accountID: account.id)
        }
        return try await startLogin(for: current)
    }

    /// A fresh login for an account that has just proved who it is (sign-in, or right after registering).
    public func startLogin(for account: Account) async throws -> NewLogin {
        let token = tokens.token()
        let now = clock()
        let login = LoginSession(tokenHash: TokenGenerator.hash(token), accountID: account.id, csrfToken: tokens.token(),
            createdAt: now, expiresAt: now.addingTimeInterval(policy.loginLifetime))
        try await store.createLogin(login)
        return NewLogin(token: token, login: login, account: account)
    }

    /// The account and login behind a token, or nil when the token is unknown or expired (an expired login is removed).
    public func current(token: String) async throws -> (account: Account, login: LoginSession)? {
        guard AccountRules.looksLikeToken(token) else { return nil }
        let hash = TokenGenerator.hash(token)
        guard let login = try await store.login(tokenHash: hash) else { return nil }
        guard login.expiresAt > clock() else {
            try await store.deleteLogin(tokenHash: hash)
            return nil
        }
        guard let account = try await store.account(id: login.accountID) else { return nil }
        return (account, login)
    }

    public func signOut(login: LoginSession) async throws {
        try await store.deleteLogin(tokenHash: login.tokenHash)
    }

    /// Deletes the account with its learner, sessions, answers and logins.
    public func deleteAccount(id: String) async throws {
        try await store.deleteAccount(id: id)
    }

    /// Everything stored about the account, as the export route returns it.
    public func export(account: Account) async throws -> AccountExport {
        let learner = try await store.learner(id: account.id)
        let sessions = try await store.sessions(learnerID: account.id)
        return AccountExport(account: .init(account), learner: learner, sessions: sessions.map(AccountExport.Session.init), exportedAt: clock())
    }

    // MARK: bcrypt off the event loop

    /// The work factor written in a bcrypt hash (`$2b$12$...` is 12), or nil for another scheme.
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$")
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return Int(parts[1])
    }

    func hashPassword(_ password: String) async throws -> String {
        let cost = bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target: String
        if let hash {
            target = hash
        } else if let decoy = decoyHash.withLockedValue({ $0 }) {
            target = decoy
        } else {
            let decoy = try await hashPassword(tokens.token())
            decoyHash.withLockedValue { $0 = decoy }
            target = decoy
        }
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }
}

/// How long logins last and how many failed sign-ins are allowed.
public struct SignInPolicy: Sendable {
    public var loginLifetime: TimeInterval = 14 * 24 * 3600
    public var window: TimeInterval = 15 * 60
    public var maxFailuresPerEmail = 5
    public var maxFailuresPerClient = 20

    public init() {}
}
