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

/// The account page: who you are, the data export, and the delete form.
struct AccountPage: Sendable {
    let page: PageChrome
    let displayName: String
    let email: String
    let created: String
}

extension String {
    /// A redirect target that stays on this site: a path starting with one slash, else "/".
    var localPath: String {
        guard hasPrefix("/"), !hasPrefix("//"), !contains("\\"), !contains("\r"), !contains("\n") else { return "/" }
        return self
    }
}
