import Foundation
import HummingbirdBcrypt
import MLCertPractice
import NIOConcurrencyHelpers
import NIOPosix

/// Registration, sign-in, sign-out, password changes, export and deletion of accounts, over the store's
/// `AccountStore` side.
///
/// Passwords are hashed with bcrypt on NIO's thread pool, never on an event loop, because one hash at cost 12 takes
/// about a quarter of a second; `BcryptGate` caps how many run at once and lets sign-ins overtake registrations. Login
/// tokens are random; the store keeps only their SHA-256, so a copy of the database cannot be used to sign in.
/// Attempts are counted in the store before the password is checked (`AccountStore.reserveAttempt`), so the limits
/// hold under concurrency and across processes.
public struct AccountService: Sendable {
    public let store: any PracticeStore
    public let clock: @Sendable () -> Date
    public let tokens: TokenGenerator
    public let bcryptCost: UInt8
    public let policy: SignInPolicy
    public let gate: BcryptGate
    /// A hash to verify against when the email is unknown, so a wrong email takes as long as a wrong password.
    private let decoyHash = NIOLockedValueBox<String?>(nil)

    public init(store: any PracticeStore, clock: @escaping @Sendable () -> Date, tokens: TokenGenerator, bcryptCost: UInt8,
                policy: SignInPolicy = SignInPolicy(), gate: BcryptGate = BcryptGate()) {
        self.store = store
        self.clock = clock
        self.tokens = tokens
        self.bcryptCost = bcryptCost
        self.policy = policy
        self.gate = gate
    }

    /// A new login: the token goes to the client (cookie or bearer), the rest is stored. `deviceToken` is set when the
    /// browser should get (or keep) a device cookie that this account now remembers.
    public struct NewLogin: Sendable {
        public let token: String
        public let login: LoginSession
        public let account: Account
        public var deviceToken: String?
    }

    /// Creates an account and its learner. Throws `invalid_field` naming the field, `email_taken`, or `rate_limited`
    /// when the address has registered too often this hour.
    public func register(email: String, password: String, displayName: String, clientAddress: String) async throws -> Account {
        let email = try AccountRules.email(email)
        try AccountRules.password(password)
        let name = try AccountRules.displayName(displayName)
        let now = clock()
        if let refused = try await store.reserveAttempt(id: tokens.identifier(), at: now,
            limits: policy.registrationLimits(client: clientAddress, now: now))
        {
            throw APIError.rateLimited(retryAfter: Int(policy.registrationWindow), what: "registrations from this address (\(refused.maximum) an hour)")
        }
        let hash = try await hashPassword(password, priority: .background)
        let account = Account(id: tokens.identifier(), email: email, passwordHash: hash, createdAt: now)
        try await store.createAccount(account, learner: Learner(id: account.id, displayName: name))
        return account
    }

    /// Signs in, or throws `invalid_credentials` (401) or `rate_limited` (429, with Retry-After).
    ///
    /// The attempt is recorded against its limits (see `SignInPolicy`) before bcrypt runs and removed again if the
    /// password is right, so thirty guesses sent at once are counted as thirty. `deviceToken` is the browser's device
    /// cookie, if any: a browser that has signed in to this account before has its own allowance.
    public func signIn(email rawEmail: String, password: String, clientAddress: String, deviceToken: String? = nil) async throws -> NewLogin {
        let email = Account.normalise(email: rawEmail)
        let now = clock()
        let found = try await store.account(email: email)
        var device: String?
        if let deviceToken, AccountRules.looksLikeToken(deviceToken), let found {
            let hash = TokenGenerator.hash(deviceToken)
            if try await store.isKnownDevice(tokenHash: hash, accountID: found.id) { device = hash }
        }
        let attempt = tokens.identifier()
        if try await store.reserveAttempt(id: attempt, at: now, limits: policy.signInLimits(email: email, client: clientAddress, device: device, now: now)) != nil {
            throw APIError.rateLimited(retryAfter: Int(policy.window))
        }
        let verified = try await verify(password, against: found?.passwordHash)
        guard let account = found, verified else { throw APIError.invalidCredentials }
        try await store.forgetAttempt(id: attempt)
        try await store.clearAttempts(key: policy.successKey(email: email, client: clientAddress, device: device))
        var current = account
        if Self.cost(of: account.passwordHash) != Int(bcryptCost) {
            // The configured cost changed since this hash was made: upgrade it now that we know the password.
            current.passwordHash = try await hashPassword(password, priority: .signIn)
            try await store.updatePasswordHash(current.passwordHash, accountID: account.id)
        }
        var new = try await startLogin(for: current)
        // The browser keeps its device token (one browser may remember several accounts) or gets its first one.
        let token = deviceToken.flatMap { AccountRules.looksLikeToken($0) ? $0 : nil } ?? tokens.token()
        if device == nil { try await store.rememberDevice(tokenHash: TokenGenerator.hash(token), accountID: account.id, at: now) }
        new.deviceToken = token
        return new
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

    /// The account and login behind a token, or nil when the token is unknown, past its 14 days, or unused for longer
    /// than the idle timeout (an ended login is removed). Use is recorded at most once a `touchInterval`.
    public func current(token: String) async throws -> (account: Account, login: LoginSession)? {
        guard AccountRules.looksLikeToken(token) else { return nil }
        let hash = TokenGenerator.hash(token)
        // One read for both (an account's logins go with it, so a login without its account is never returned).
        guard let found = try await store.loginAndAccount(tokenHash: hash) else { return nil }
        var login = found.login
        let account = found.account
        let now = clock()
        guard login.expiresAt > now, now.timeIntervalSince(login.lastSeenAt) < policy.idleTimeout else {
            try await store.deleteLogin(tokenHash: hash)
            return nil
        }
        if now.timeIntervalSince(login.lastSeenAt) >= policy.touchInterval {
            try await store.touchLogin(tokenHash: hash, at: now)
            login.lastSeenAt = now
        }
        return (account, login)
    }

    public func signOut(login: LoginSession) async throws {
        try await store.deleteLogin(tokenHash: login.tokenHash)
    }

    /// Ends every login of the account, this one included ("sign out everywhere"); returns how many ended.
    @discardableResult
    public func signOutEverywhere(accountID: String) async throws -> Int {
        try await store.deleteLogins(accountID: accountID, keeping: nil)
    }

    /// Replaces the password after checking the current one, and ends every other login of the account (a thief
    /// holding an old cookie or token is signed out). Guesses at the current password count against the same limit
    /// as sign-in guesses from this address. Returns how many other logins ended.
    @discardableResult
    public func changePassword(_ signedIn: SignedIn, current: String, new: String, clientAddress: String) async throws -> Int {
        try AccountRules.password(new, field: "new_password")
        let now = clock()
        let email = signedIn.account.email
        let attempt = tokens.identifier()
        if try await store.reserveAttempt(id: attempt, at: now, limits: policy.signInLimits(email: email, client: clientAddress, device: nil, now: now)) != nil {
            throw APIError.rateLimited(retryAfter: Int(policy.window))
        }
        guard try await verify(current, against: signedIn.account.passwordHash) else {
            throw APIError(status: .forbidden, code: "wrong_password", message: "current_password: that is not your current password")
        }
        try await store.forgetAttempt(id: attempt)
        let hash = try await hashPassword(new, priority: .background)
        try await store.updatePasswordHash(hash, accountID: signedIn.account.id)
        return try await store.deleteLogins(accountID: signedIn.account.id, keeping: signedIn.login.tokenHash)
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

    /// Removes attempts no limit counts any more and logins that have ended (see `PruneService`).
    @discardableResult
    public func prune() async throws -> PruneResult {
        let now = clock()
        return try await store.prune(attemptsBefore: now.addingTimeInterval(-policy.longestWindow),
            idleBefore: now.addingTimeInterval(-policy.idleTimeout), now: now)
    }

    // MARK: bcrypt off the event loop

    /// The work factor written in a bcrypt hash (`$2b$12$...` is 12), or nil for another scheme.
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$")
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return Int(parts[1])
    }

    func hashPassword(_ password: String, priority: BcryptGate.Priority) async throws -> String {
        let cost = bcryptCost
        return try await gate.run(priority) {
            try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(BcryptInput.of(password), cost: cost) }
        }
    }

    private func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target: String
        if let hash {
            target = hash
        } else if let decoy = decoyHash.withLockedValue({ $0 }) {
            target = decoy
        } else {
            let decoy = try await hashPassword(tokens.token(), priority: .signIn)
            decoyHash.withLockedValue { $0 = decoy }
            target = decoy
        }
        let matches = try await gate.run(.signIn) {
            try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(BcryptInput.of(password), hash: target) }
        }
        return matches && hash != nil
    }
}
