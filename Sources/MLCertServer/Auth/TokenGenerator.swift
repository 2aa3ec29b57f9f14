import Crypto
import Foundation

/// Random tokens for login cookies, CSRF tokens and ids, and the hash under which a login token is stored.
///
/// The system generator reads the operating system's cryptographic source (`getrandom` on Linux); tests can pass a
/// seeded one to make tokens reproducible. A token is 32 random bytes as lowercase hex: 256 bits, cookie-safe and
/// header-safe without escaping.
public struct TokenGenerator: Sendable {
    private let bytes: @Sendable (Int) -> [UInt8]

    public init(bytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.bytes = bytes
    }

    /// Tokens from the system's cryptographically secure generator.
    public static let system = TokenGenerator { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A 256-bit secret as 64 hex characters.
    public func token() -> String { Self.hex(bytes(32)) }

    /// A 128-bit id as 32 hex characters, for sessions and accounts (unguessable, so ids leak nothing).
    public func identifier() -> String { Self.hex(bytes(16)) }

    /// Hex SHA-256 of a token: what the store keeps instead of the token itself.
    public static func hash(_ token: String) -> String {
        hex(Array(SHA256.hash(data: Data(token.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two secrets in time that does not depend on where they first differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
