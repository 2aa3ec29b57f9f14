import Foundation

/// How `mlcert serve` runs: where it listens, which store and content it uses, how it treats cookies, proxies and slow
/// clients.
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
/// | trusted proxies | `--trusted-proxies` | `MLCERT_TRUSTED_PROXIES` | 1 (how many proxies in front append to the header) |
/// | idle timeout | `--idle-timeout` | `MLCERT_IDLE_TIMEOUT` | 30 seconds without a byte of a request, then the connection closes |
/// | request timeout | `--request-timeout` | `MLCERT_REQUEST_TIMEOUT` | 60 seconds from a request's head to its last body byte |
/// | metrics token | `--metrics-token` | `MLCERT_METRICS_TOKEN` | none: `/metrics` answers 404 until a token is set |
public struct ServerConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A SQLite path, or a `postgres://` URL; nil means the default path the executable chooses.
    public var database: String?
    /// The Content/ directory; nil means the content locator's search.
    public var contentPath: String?
    /// Adds `Secure` to every cookie, the `__Host-` prefix to their names, and Strict-Transport-Security to every
    /// response. Browsers then send the cookies only over HTTPS, so turn it on behind TLS only.
    public var secureCookies: Bool
    /// bcrypt's work factor (4...31). Each step doubles the time a hash takes; 12 is about a quarter second.
    public var bcryptCost: UInt8
    /// Take the client address for rate limits from `X-Forwarded-For`. Behind a reverse proxy every request comes
    /// from the proxy's address, so without this the per-address limits would be shared by everyone; without a proxy a
    /// client could send any address, so it stays off unless a proxy sets the header.
    public var trustForwardedFor: Bool
    /// How many trusted proxies append to `X-Forwarded-For` in front of the server; the client is the address the
    /// outermost of them appended, that many entries from the right (see `ForwardedFor`).
    public var trustedProxies: Int
    /// The largest request body any route reads; larger bodies are answered 413 before they are parsed, and a larger
    /// declared `Content-Length` is answered 413 at once and the connection closed.
    public var maxBodyBytes: Int
    /// A connection that sends no request part (an idle keep-alive, a request head that never ends, a body that stops
    /// coming) for this long is closed.
    public var idleTimeout: TimeInterval
    /// A request whose body has not arrived in full this long after its head is abandoned and its connection closed,
    /// however slowly the bytes keep trickling in.
    public var requestTimeout: TimeInterval
    /// `GET /metrics` requires `Authorization: Bearer <this>`; nil turns the route off (404).
    public var metricsToken: String?
    /// Sign-in, registration and login lifetimes (not configurable by flags; tests shorten them).
    public var signInPolicy: SignInPolicy
    /// How often ended logins and old attempt rows are deleted.
    public var pruneInterval: TimeInterval

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultBcryptCost: UInt8 = 12
    public static let defaultMaxBodyBytes = 256 * 1024
    public static let defaultIdleTimeout: TimeInterval = 30
    public static let defaultRequestTimeout: TimeInterval = 60

    public init(
        host: String = ServerConfiguration.defaultHost, port: Int = ServerConfiguration.defaultPort, database: String? = nil,
        contentPath: String? = nil, secureCookies: Bool = false, bcryptCost: UInt8 = ServerConfiguration.defaultBcryptCost,
        maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes, trustForwardedFor: Bool = false, trustedProxies: Int = 1,
        idleTimeout: TimeInterval = ServerConfiguration.defaultIdleTimeout, requestTimeout: TimeInterval = ServerConfiguration.defaultRequestTimeout,
        metricsToken: String? = nil, signInPolicy: SignInPolicy = SignInPolicy(), pruneInterval: TimeInterval = 600
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.contentPath = contentPath
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.maxBodyBytes = maxBodyBytes
        self.trustForwardedFor = trustForwardedFor
        self.trustedProxies = trustedProxies
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.metricsToken = metricsToken
        self.signInPolicy = signInPolicy
        self.pruneInterval = pruneInterval
    }

    /// The configuration from flags (non-nil values win) and then the environment, with each bad value named.
    public static func resolve(
        host: String? = nil, port: Int? = nil, database: String? = nil, contentPath: String? = nil, secureCookies: Bool? = nil,
        bcryptCost: Int? = nil, trustForwardedFor: Bool? = nil, trustedProxies: Int? = nil, idleTimeout: Double? = nil,
        requestTimeout: Double? = nil, metricsToken: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
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
        if let hops = try number("trusted-proxies", trustedProxies.map(Double.init), env("MLCERT_TRUSTED_PROXIES"), "MLCERT_TRUSTED_PROXIES") {
            guard hops == hops.rounded(), (1...10).contains(hops) else {
                throw ConfigurationError(field: "trusted-proxies", message: "\(hops) is not a whole number from 1 to 10")
            }
            configuration.trustedProxies = Int(hops)
        }
        if let seconds = try number("idle-timeout", idleTimeout, env("MLCERT_IDLE_TIMEOUT"), "MLCERT_IDLE_TIMEOUT") {
            guard seconds > 0, seconds <= 3600 else { throw ConfigurationError(field: "idle-timeout", message: "\(seconds) is outside 0-3600 seconds") }
            configuration.idleTimeout = seconds
        }
        if let seconds = try number("request-timeout", requestTimeout, env("MLCERT_REQUEST_TIMEOUT"), "MLCERT_REQUEST_TIMEOUT") {
            guard seconds > 0, seconds <= 3600 else { throw ConfigurationError(field: "request-timeout", message: "\(seconds) is outside 0-3600 seconds") }
            configuration.requestTimeout = seconds
        }
        configuration.metricsToken = metricsToken ?? env("MLCERT_METRICS_TOKEN")
        if let token = configuration.metricsToken, token.utf8.count < 16 {
            throw ConfigurationError(field: "metrics-token", message: "use at least 16 characters")
        }
        return configuration
    }

    /// A flag's number, else the environment variable's, else nil; a variable that is not a number is named.
    private static func number(_ flag: String, _ value: Double?, _ text: String?, _ variable: String) throws(ConfigurationError) -> Double? {
        if let value { return value }
        guard let text else { return nil }
        guard let value = Double(text), value.isFinite else { throw ConfigurationError(field: variable, message: "'\(text)' is not a number") }
        return value
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
