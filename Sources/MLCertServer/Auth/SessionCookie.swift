import Foundation
import Hummingbird

/// The cookies the server sets, with the flags that keep them out of scripts and cross-site requests.
///
/// The login cookie carries the login token: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
/// POSTs), Path=/, and Secure when the server runs behind TLS. The CSRF cookie carries the anonymous double-submit
/// token for the sign-in and registration forms, and the device cookie the token of a browser that has signed in
/// before (see `SignInPolicy`), with the same flags.
///
/// With Secure on, the names carry the `__Host-` prefix: a browser then accepts the cookie only from this host over
/// HTTPS with Path=/ and no Domain, so a page on a sibling subdomain or another port cannot plant (toss) a cookie of
/// that name, and the server reads only the prefixed names.
public struct SessionCookie: Sendable {
    public let secure: Bool

    public init(secure: Bool) {
        self.secure = secure
    }

    public static let baseName = "mlcert_session"
    public static let csrfBaseName = "mlcert_csrf"
    public static let deviceBaseName = "mlcert_device"

    /// The login cookie's name: `__Host-mlcert_session` when Secure, else `mlcert_session`.
    public var name: String { prefixed(Self.baseName) }
    public var csrfName: String { prefixed(Self.csrfBaseName) }
    public var deviceName: String { prefixed(Self.deviceBaseName) }

    /// The login cookie, lasting as long as the login does.
    public func make(token: String, lifetime: TimeInterval) -> Cookie {
        cookie(name: name, value: token, maxAge: Int(lifetime))
    }

    /// A cookie that makes the browser forget the login cookie (sent on sign-out and account deletion).
    public func clear() -> Cookie {
        cookie(name: name, value: "", maxAge: 0)
    }

    /// The anonymous CSRF cookie; it lives for the browser session.
    public func csrf(token: String) -> Cookie {
        cookie(name: csrfName, value: token, maxAge: nil)
    }

    /// The device cookie of a browser that has signed in (it outlives logins: signing out keeps it).
    public func device(token: String, lifetime: TimeInterval) -> Cookie {
        cookie(name: deviceName, value: token, maxAge: Int(lifetime))
    }

    private func prefixed(_ name: String) -> String { secure ? "__Host-" + name : name }

    private func cookie(name: String, value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
