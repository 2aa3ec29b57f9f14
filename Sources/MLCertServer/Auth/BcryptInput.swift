import Crypto

/// What bcrypt is given for a password: the password itself when it fits bcrypt's 72 bytes, else `sha256:` and the
/// hex SHA-256 of its UTF-8 (71 bytes).
///
/// bcrypt reads only the first 72 bytes, so a longer password would otherwise be cut silently and every password
/// sharing those bytes would match. Hashing first keeps all of a long password (a passphrase, or a few words in a
/// script of 3-byte characters) without a byte limit that a JSON schema cannot state. Passwords of at most 72 bytes
/// are given unchanged, so every hash stored before this rule still verifies.
enum BcryptInput {
    static func of(_ password: String) -> String {
        let bytes = Array(password.utf8)
        guard bytes.count > 72 else { return password }
        return "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
