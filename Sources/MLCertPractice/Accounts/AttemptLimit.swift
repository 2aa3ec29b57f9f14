import Foundation

/// One limit an attempt (a sign-in, a registration, a password change) is counted against: at most `maximum`
/// attempts recorded under `key` at or after `since`.
///
/// Keys name what is limited, such as `pair:ada@example.org|203.0.113.9` or `client:203.0.113.9`; the server builds
/// them (see `SignInPolicy`), the store only counts rows.
public struct AttemptLimit: Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let maximum: Int
    public let since: Date

    public init(key: String, maximum: Int, since: Date) {
        self.key = key
        self.maximum = maximum
        self.since = since
    }

    public var description: String { "\(key) (at most \(maximum) since \(since))" }
}

/// What a prune removed (see `AccountStore.prune`).
public struct PruneResult: Sendable, Hashable {
    public let attempts: Int
    public let logins: Int

    public init(attempts: Int, logins: Int) {
        self.attempts = attempts
        self.logins = logins
    }
}
