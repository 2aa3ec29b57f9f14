import Foundation
import Hummingbird
import Logging
import MLCertPractice
import NIOCore

/// The signed-in account behind a request, and how it proved who it is.
public struct SignedIn: Sendable {
    /// Cookie logins must echo the CSRF token on every state-changing request; bearer tokens need not, because a
    /// browser never attaches an `Authorization` header to a cross-site request on its own.
    public enum Credential: Sendable, Equatable {
        case cookie
        case bearer
    }

    public let account: Account
    public let login: LoginSession
    public let via: Credential

    public init(account: Account, login: LoginSession, via: Credential) {
        self.account = account
        self.login = login
        self.via = via
    }

    /// The learner id every session, answer and plan of this account is stored under.
    public var learnerID: String { account.id }
}

/// What one request carries through the middlewares to its handler: its id, who is signed in, the CSRF token a
/// page must embed in its forms, and the client's address for rate limiting.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From a sane incoming `X-Request-Id`, else generated; echoed in the response and in every log line.
    public var requestID: String
    /// Nil for anonymous requests.
    public var signedIn: SignedIn?
    /// The request carried a bearer token that is unknown, expired or signed out; it is treated as anonymous, and
    /// routes that need an account answer `invalid_token` rather than `unauthenticated`.
    public var rejectedBearer = false
    /// The token forms must send back in their `csrf` field: the login's token when signed in, else the anonymous
    /// double-submit token (also set as the `mlcert_csrf` cookie).
    public var csrfToken: String
    /// The peer address (without port), or "unknown" when the channel has none (in-process tests). Behind trusted
    /// proxies, the address the outermost trusted proxy appended to `X-Forwarded-For` (see `ForwardedFor`).
    public var clientAddress: String
    /// Set from the configuration by the first middleware, so decoding refuses oversized bodies with 413.
    public var maxBodyBytes: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        signedIn = nil
        csrfToken = ""
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        maxBodyBytes = ServerConfiguration.defaultMaxBodyBytes
    }

    public var maxUploadSize: Int { maxBodyBytes }

    /// The signed-in account, or a 401 error for routes that need one.
    public func requireSignedIn() throws -> SignedIn {
        guard let signedIn else { throw rejectedBearer ? APIError.invalidToken : APIError.unauthenticated }
        return signedIn
    }
}
