import Foundation

/// One signed-in browser or API client. The cookie carries a random token; the store keeps only the token's hash,
/// so a leaked database does not let anyone sign in. Login sessions live in the store, not in a server's memory,
/// so several server processes behind one database recognise the same cookie.
public struct LoginSession: Sendable, Codable, Hashable {
    /// Hex SHA-256 of the cookie token.
    public let tokenHash: String
    public let accountID: String
    /// The token every state-changing form and API call must echo (double-submit protection against CSRF).
    public let csrfToken: String
    public let createdAt: Date
    /// The absolute end of the login, however often it is used.
    public let expiresAt: Date
    /// When the login was last used (recorded at most once a minute); a login unused for the idle timeout ends.
    public var lastSeenAt: Date

    public init(tokenHash: String, accountID: String, csrfToken: String, createdAt: Date, expiresAt: Date, lastSeenAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = lastSeenAt ?? createdAt
    }
}
