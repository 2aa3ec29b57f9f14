import Foundation
import MLCertPractice

/// How long logins last and how many attempts the account routes allow, and the keys those attempts are counted under.
///
/// The sign-in limits are built so that guessing is slow but nobody can lock an account's owner out:
/// - **Per email and address** (`pair:`): 5 failures in 15 minutes, then that address is refused for that email. This is
///   the limit a guesser meets first, and it does not touch the owner signing in from anywhere else.
/// - **Per address** (`client:`): 20 failures in 15 minutes over all emails, so one address cannot spray many accounts.
/// - **Per email, from browsers it does not know** (`email:`): 50 failures in 15 minutes from all addresses together,
///   a ceiling on distributed guessing (ten or more addresses) against one account.
/// - **Remembered browsers** (`device:`): a browser that has signed in to the account before carries a device cookie and
///   gets its own allowance of 5 failures per 15 minutes, counted apart from everything above. However many addresses
///   attack the account, its owner's browsers still sign in.
public struct SignInPolicy: Sendable, Equatable {
    /// The absolute lifetime of a login.
    public var loginLifetime: TimeInterval = 14 * 24 * 3600
    /// A login not used for this long ends (the next request finds it gone).
    public var idleTimeout: TimeInterval = 12 * 3600
    /// The last-use time is written at most this often per login, so that reading pages does not mean writing rows.
    public var touchInterval: TimeInterval = 60
    public var window: TimeInterval = 15 * 60
    public var maxFailuresPerEmailAndAddress = 5
    public var maxFailuresPerClient = 20
    public var maxFailuresPerEmail = 50
    public var maxFailuresPerDevice = 5
    /// Registrations allowed from one address per `registrationWindow`.
    public var maxRegistrationsPerClient = 10
    public var registrationWindow: TimeInterval = 3600
    /// How long a remembered browser's device cookie lasts.
    public var deviceLifetime: TimeInterval = 365 * 24 * 3600

    public init() {}

    /// The limits one sign-in attempt is counted against. `device` is the hash of a device token that has signed in
    /// to this email's account before, or nil.
    func signInLimits(email: String, client: String, device: String?, now: Date) -> [AttemptLimit] {
        let since = now.addingTimeInterval(-window)
        if let device {
            return [AttemptLimit(key: Self.deviceKey(device, email: email), maximum: maxFailuresPerDevice, since: since)]
        }
        return [
            AttemptLimit(key: Self.pairKey(email: email, client: client), maximum: maxFailuresPerEmailAndAddress, since: since),
            AttemptLimit(key: "client:" + client, maximum: maxFailuresPerClient, since: since),
            AttemptLimit(key: "email:" + email, maximum: maxFailuresPerEmail, since: since),
        ]
    }

    /// The key whose failures a successful sign-in forgets: the guesses that came from the same place.
    func successKey(email: String, client: String, device: String?) -> String {
        device.map { Self.deviceKey($0, email: email) } ?? Self.pairKey(email: email, client: client)
    }

    func registrationLimits(client: String, now: Date) -> [AttemptLimit] {
        [AttemptLimit(key: "register:" + client, maximum: maxRegistrationsPerClient, since: now.addingTimeInterval(-registrationWindow))]
    }

    /// Attempts older than this are no longer counted by any limit and can be pruned.
    var longestWindow: TimeInterval { max(window, registrationWindow) }

    static func pairKey(email: String, client: String) -> String { "pair:\(email)|\(client)" }
    static func deviceKey(_ device: String, email: String) -> String { "device:\(device)|\(email)" }
}
