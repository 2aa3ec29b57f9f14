import Foundation

/// The registration form, refilled (never the password) when it comes back with an error.
struct RegisterPage: Sendable {
    let page: PageChrome
    let displayName: String
    let email: String
    let minPassword: Int
}

/// The sign-in form; `next` is where to go afterwards (a local path only).
struct LoginPage: Sendable {
    let page: PageChrome
    let email: String
    let next: String
}

/// The account page: who you are, the password change and "sign out everywhere" forms, the data export, and the
/// delete form.
struct AccountPage: Sendable {
    let page: PageChrome
    let displayName: String
    let email: String
    let created: String
    let minPassword: Int
}

extension String {
    /// A redirect target that stays on this site: this path, or "/" when a browser could read it as anything else.
    ///
    /// Browsers remove tabs and newlines anywhere in a URL and read `\` as `/`, so `/<TAB>/evil.example` becomes
    /// `//evil.example`, another host. Only visible ASCII is accepted (no space, control character, backslash or
    /// non-ASCII byte), with exactly one leading slash, and the value must parse as a URL reference with no scheme and
    /// no host whose path starts with one slash.
    var localPath: String {
        guard hasPrefix("/"), !hasPrefix("//"), utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }),
              let components = URLComponents(string: self), components.scheme == nil, components.host == nil,
              components.percentEncodedPath.hasPrefix("/"), !components.percentEncodedPath.hasPrefix("//")
        else { return "/" }
        return self
    }
}
