import Foundation
import MLCertPractice

/// What a registration must look like. Each rule throws `invalid_field` naming the field, so a form can put the
/// message next to the right input.
enum AccountRules {
    /// A normalised email with one `@`, something on each side, a dot in the domain and no spaces; at most 254 bytes.
    static func email(_ text: String) throws -> String {
        let email = Account.normalise(email: text)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard !email.isEmpty else { throw APIError.invalidField("email", "enter an email address") }
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace || $0.isNewline })
        else { throw APIError.invalidField("email", "'\(text)' is not an email address") }
        return email
    }

    /// 8 to 256 characters, not one character repeated, and not one of the most common passwords: a listed password
    /// falls to the first guesses of any attack. Characters are counted as Unicode scalars, as the OpenAPI document's
    /// `minLength` and `maxLength` count them; a password longer than bcrypt's 72 bytes is kept whole (`BcryptInput`).
    static func password(_ text: String, field: String = "password") throws {
        let length = text.unicodeScalars.count
        guard length >= minimumPasswordLength else { throw APIError.invalidField(field, "use at least 8 characters") }
        guard length <= maximumPasswordLength else { throw APIError.invalidField(field, "use at most \(maximumPasswordLength) characters") }
        guard Set(text).count > 1 else {
            throw APIError.invalidField(field, "a password of one repeated character is guessed at once; choose another")
        }
        guard !CommonPasswords.contains(text) else {
            throw APIError.invalidField(field, "this is one of the most common passwords; choose another (a few unrelated words work well)")
        }
    }

    static let minimumPasswordLength = 8
    static let maximumPasswordLength = 256

    /// A trimmed name of 1 to 80 characters.
    static func displayName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.invalidField("display_name", "enter a name") }
        guard name.count <= 80 else { throw APIError.invalidField("display_name", "use at most 80 characters") }
        return name
    }

    /// Tokens we issue are 64 lowercase hex characters; anything else is not worth a database lookup.
    static func looksLikeToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
