import Foundation
import Logging
import MLCertCore
import MLCertPractice

/// Everything the routes need, built once by the executable (or a test) and shared by every request.
///
/// The server holds no per-learner state of its own: sessions, logins and rate-limit counters all live in `store`, so
/// several processes against one database behave as one service. Time and randomness come in from outside so tests
/// can move the exam clock and reproduce tokens.
public struct ServerDependencies: Sendable {
    /// Credentials, blueprints and courses: what the catalog pages, the advisor and the planner read.
    public let catalog: Catalog
    /// The reviewed item bank that drills, mock exams, diagnostics and reviews draw from.
    public let items: [Item]
    public let store: any PracticeStore
    /// The practice engine over `store`, using `clock` as the exam clock.
    public let practice: PracticeService
    public let clock: @Sendable () -> Date
    public let tokens: TokenGenerator
    public let logger: Logger
    /// Process-wide request metrics (the store-backed counts are read at scrape time).
    public let metrics: MetricsRegistry
    /// Registration, sign-in and the rest, at the configured bcrypt cost (set by `buildRouter`), for the API and the
    /// pages alike.
    public private(set) var accounts: AccountService
    /// Whether cookies get `Secure` (set by `buildRouter` from the configuration).
    public private(set) var secureCookies = false
    /// Accounts (by email, lower-cased) that may read every learner's problem reports through the API
    /// (`GET /api/v1/item-reports?scope=all`); from `MLCERT_AUTHOR_EMAILS`, comma-separated, by default.
    public var authorEmails: Set<String>

    public init(
        catalog: Catalog, items: [Item], store: any PracticeStore, clock: @escaping @Sendable () -> Date = { Date() },
        tokens: TokenGenerator = .system, logger: Logger = Logger(label: "mlcert.server"), metrics: MetricsRegistry = MetricsRegistry()
    ) {
        self.catalog = catalog
        self.items = items
        self.store = store
        self.clock = clock
        self.tokens = tokens
        self.logger = logger
        self.metrics = metrics
        practice = PracticeService(catalog: catalog, items: items, store: store, clock: clock, makeID: { tokens.identifier() })
        accounts = AccountService(store: store, clock: clock, tokens: tokens, bcryptCost: ServerConfiguration.defaultBcryptCost)
        authorEmails = Self.emails(ProcessInfo.processInfo.environment["MLCERT_AUTHOR_EMAILS"] ?? "")
    }

    /// A comma-separated list of emails, trimmed and lower-cased.
    static func emails(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// The cookie names and flags for this configuration.
    public var cookies: SessionCookie { SessionCookie(secure: secureCookies) }

    /// The same dependencies with the account service and cookies set up as `configuration` says.
    func configured(by configuration: ServerConfiguration) -> ServerDependencies {
        var copy = self
        copy.accounts = AccountService(store: store, clock: clock, tokens: tokens, bcryptCost: configuration.bcryptCost,
            policy: configuration.signInPolicy)
        copy.secureCookies = configuration.secureCookies
        return copy
    }
}
