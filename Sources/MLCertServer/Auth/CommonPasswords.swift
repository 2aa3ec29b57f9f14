import Foundation

/// The bundled list of the most common passwords (`Resources/common-passwords.txt`, from zxcvbn's frequency list),
/// which registration and password changes refuse whatever their length: they are the first guesses of every attack.
enum CommonPasswords {
    /// Every listed password, lower-cased; comparison ignores case and surrounding spaces.
    static let all: Set<String> = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/common-passwords.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            // A build without the list would silently accept "password"; refuse to start instead.
            fatalError("the common-password list is missing from the resource bundle: \(url.path)")
        }
        return Set(text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.map { $0.lowercased() })
    }()

    static func contains(_ password: String) -> Bool {
        all.contains(password.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
