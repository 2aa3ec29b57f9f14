import Foundation

/// How `mlcert serve` runs: where it listens, which store and content it uses, and how it treats cookies.
///
/// Every value comes from a flag first, then from the environment, then from the default below, so a container can be
/// configured without flags and a developer without environment:
///
/// | setting | flag | environment | default |
/// |---|---|---|---|
/// | host | `--host` | `MLCERT_HOST` | `127.0.0.1` (only this machine; pass `0.0.0.0` to listen everywhere) |
/// | port | `--port` | `MLCERT_PORT` | `8080` |
/// | database | `--database` | `MLCERT_DATABASE` | the platform data directory's `mlcert.sqlite` |
/// | content | `--content` | `MLCERT_CONTENT` | the nearest `Content/` directory |
/// | secure cookies | `--secure-cookies` | `MLCERT_SECURE_COOKIES` (`1`, `true`, `yes`) | off (turn on behind TLS) |
/// | bcrypt cost | `--bcrypt-cost` | `MLCERT_BCRYPT_COST` | 12 |
/// | trust `X-Forwarded-For` | `--trust-forwarded-for` | `MLCERT_TRUST_FORWARDED_FOR` | off (turn on only behind a proxy that sets it) |
public struct ServerConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A SQLite path, or a `postgres://` URL; nil means the default path the executable chooses.
    public var database: String?
    /// The Content/ directory; nil means the content locator's search.
    public var contentPath: String?
    /// Adds `Secure` to every cookie. Browsers then send them only over HTTPS, so turn it on behind TLS only.
    public var secureCookies: Bool
    /// bcrypt's work factor (4...31). Each step doubles the time a hash takes; 12 is about a quarter second.
    public var bcryptCost: UInt8
    /// Take the client address for sign-in limits from `X-Forwarded-For`. Behind a reverse proxy every request comes
    /// from the proxy's address, so without this the per-address limit would be shared by everyone; without a proxy a
    /// client could send any address, so it stays off unless a proxy sets the header.
    public var trustForwardedFor: Bool
    /// The largest request body any route reads; larger bodies are answered 413 before they are parsed.
    public var maxBodyBytes: Int

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultBcryptCost: UInt8 = 12
    public static let defaultMaxBodyBytes = 256 * 1024

    public init(
        host: String = ServerConfiguration.defaultHost, port: Int = ServerConfiguration.defaultPort, database: String? = nil,
        contentPath: String? = nil, secureCookies: Bool = false, bcryptCost: UInt8 = ServerConfiguration.defaultBcryptCost,
        maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes, trustForwardedFor: Bool = false
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.contentPath = contentPath
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.maxBodyBytes = maxBodyBytes
        self.trustForwardedFor = trustForwardedFor
    }

    /// The configuration from flags (non-nil values win) and then the environment, with each bad value named.
    public static func resolve(
        host: String? = nil, port: Int? = nil, database: String? = nil, contentPath: String? = nil, secureCookies: Bool? = nil,
        bcryptCost: Int? = nil, trustForwardedFor: Bool? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ServerConfiguration {
        func env(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var configuration = ServerConfiguration()
        configuration.host = host ?? env("MLCERT_HOST") ?? defaultHost
        if let port {
            configuration.port = port
        } else if let text = env("MLCERT_PORT") {
            guard let value = Int(text) else { throw ConfigurationError(field: "MLCERT_PORT", message: "'\(text)' is not a port number") }
            configuration.port = value
        }
        guard (0...65_535).contains(configuration.port) else {
            throw ConfigurationError(field: "port", message: "\(configuration.port) is outside 0-65535")
        }
        configuration.database = database ?? env("MLCERT_DATABASE")
        configuration.contentPath = contentPath ?? env("MLCERT_CONTENT")
        let secureFromEnvironment = try boolean("MLCERT_SECURE_COOKIES", env("MLCERT_SECURE_COOKIES"))
        configuration.secureCookies = secureCookies ?? secureFromEnvironment ?? false
        let trustFromEnvironment = try boolean("MLCERT_TRUST_FORWARDED_FOR", env("MLCERT_TRUST_FORWARDED_FOR"))
        configuration.trustForwardedFor = trustForwardedFor ?? trustFromEnvironment ?? false
        var cost = bcryptCost
        if cost == nil, let text = env("MLCERT_BCRYPT_COST") {
            guard let value = Int(text) else { throw ConfigurationError(field: "MLCERT_BCRYPT_COST", message: "'\(text)' is not a number") }
            cost = value
        }
        if let cost {
            guard (4...31).contains(cost) else { throw ConfigurationError(field: "bcrypt-cost", message: "\(cost) is outside 4-31") }
            configuration.bcryptCost = UInt8(cost)
        }
        return configuration
    }

    private static func boolean(_ name: String, _ text: String?) throws(ConfigurationError) -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(field: name, message: "'\(text)' is not one of true, false, 1, 0, yes, no")
        }
    }
}

/// A configuration value that cannot be used, with the flag or variable it came from.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

    public var description: String { "\(field): \(message)" }
}
