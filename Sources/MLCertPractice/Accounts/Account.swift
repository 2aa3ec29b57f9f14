import Foundation

/// A web-app account. Its id is also the id of the learner it owns, so every session, answer and plan of the
/// account is reached through one key, and deleting the account deletes all of them.
public struct Account: Sendable, Codable, Hashable {
    public let id: String
    /// Lower-cased and trimmed before it is stored; unique across the store.
    public let email: String
    /// A bcrypt hash (or a stronger scheme's encoded string); the password itself is never stored.
    public var passwordHash: String
    public let createdAt: Date

    public init(id: String, email: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = Account.normalise(email: email)
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// The form an email is compared and stored in.
    public static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
