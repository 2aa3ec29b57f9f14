import Foundation
import Hummingbird

/// The cookies the server sets, with the flags that keep them out of scripts and cross-site requests.
///
/// `mlcert_session` carries the login token: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
/// POSTs), Path=/, and Secure when the server runs behind TLS. `mlcert_csrf` carries the anonymous double-submit token
/// for the sign-in and registration forms, with the same flags.
public enum SessionCookie {
    public static let name = "mlcert_session"
    public static let csrfName = "mlcert_csrf"

    /// The login cookie, lasting as long as the login does.
    public static func make(token: String, lifetime: TimeInterval, secure: Bool) -> Cookie {
        cookie(name: name, value: token, maxAge: Int(lifetime), secure: secure)
    }

    /// A cookie that makes the browser forget the login cookie (sent on sign-out and account deletion).
    public static func clear(secure: Bool) -> Cookie {
        cookie(name: name, value: "", maxAge: 0, secure: secure)
    }

    /// The anonymous CSRF cookie; it lives for the browser session.
    public static func csrf(token: String, secure: Bool) -> Cookie {
        cookie(name: csrfName, value: token, maxAge: nil, secure: secure)
    }

    private static func cookie(name: String, value: String, maxAge: Int?, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
