#if Postgres
import Foundation

/// Where a PostgreSQL learner store lives, parsed from the `--database` value.
///
/// The accepted form is libpq's URL, limited to what mlcert uses:
///
/// ```
/// postgres://user:secret@db.example.org:5432/mlcert?sslmode=require
/// postgresql://mlcert@/mlcert?host=/run/postgresql          (unix socket directory)
/// postgres://mlcert@127.0.0.1/mlcert?schema=test_1234       (tables in their own schema)
/// ```
///
/// Parsing is separate from connecting so that a typo is reported before any network traffic, naming the part of
/// the URL that is wrong. The password never appears in `description` or in an error.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` names it (the modes mlcert supports).
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or address; nil when `socketDirectory` is set.
    public var host: String?
    public var port: Int
    /// The directory holding the server's `.s.PGSQL.<port>` socket (libpq's `host=/path`).
    public var socketDirectory: String?
    public var database: String
    public var sslMode: SSLMode
    /// The schema that holds mlcert's tables (created if missing); nil means the server's default search path.
    public var schema: String?

    /// The path of the unix-domain socket, when connecting through one.
    public var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`, or throws `PostgresURLError` naming the part that is wrong.
    public init(_ text: String) throws {
        guard let schemeEnd = text.range(of: "://"), ["postgres", "postgresql"].contains(text[..<schemeEnd.lowerBound]) else {
            throw PostgresURLError(part: "scheme", message: "expected a URL starting with postgres:// or postgresql://")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            authority = rest
            path = ""
        }
        var hostPort = authority
        var userInfo: Substring?
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }

        user = "postgres"
        if let userInfo {
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], part: "user")
            if !name.isEmpty { user = name }
            if parts.count == 2 { password = try Self.decode(parts[1], part: "password") }
        }

        port = 5432
        var hostText = hostPort
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw PostgresURLError(part: "host", message: "an IPv6 address opened with '[' is never closed")
            }
            hostText = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresURLError(part: "host", message: "unexpected '\(after)' after the IPv6 address") }
                port = try Self.port(after.dropFirst())
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            hostText = hostPort[..<colon]
            port = try Self.port(hostPort[hostPort.index(after: colon)...])
        }
        let decodedHost = try Self.decode(hostText, part: "host")
        host = decodedHost.isEmpty ? nil : decodedHost

        database = try Self.decode(path, part: "database")
        if database.contains("/") { throw PostgresURLError(part: "database", message: "'\(database)' is not a database name (it contains '/')") }
        if database.isEmpty { database = user }

        sslMode = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(kv[0], part: "query")
            let value = kv.count == 2 ? try Self.decode(kv[1], part: key) : ""
            try apply(key: key, value: value)
        }
        if let socketDirectory, sslMode == .require || sslMode == .verifyFull {
            throw PostgresURLError(part: "sslmode", message: "sslmode=\(sslMode.rawValue) cannot be used with a unix socket (host=\(socketDirectory))")
        }
        if host == nil, socketDirectory == nil { host = "localhost" }
    }

    private mutating func apply(key: String, value: String) throws {
        switch key {
        case "sslmode":
            guard let mode = SSLMode(rawValue: value) else {
                throw PostgresURLError(part: "sslmode", message: "'\(value)' is not supported; use one of: \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sslMode = mode
        case "host":
            guard value.hasPrefix("/") else {
                throw PostgresURLError(part: "host", message: "the host parameter must be an absolute socket directory, got '\(value)'")
            }
            socketDirectory = value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
            host = nil
        case "port":
            port = try Self.port(Substring(value))
        case "user":
            guard !value.isEmpty else { throw PostgresURLError(part: "user", message: "the user parameter is empty") }
            user = value
        case "password":
            password = value
        case "dbname":
            guard !value.isEmpty else { throw PostgresURLError(part: "dbname", message: "the dbname parameter is empty") }
            database = value
        case "schema":
            schema = try Self.identifier(value, part: "schema")
        default:
            throw PostgresURLError(part: key, message: "unknown parameter '\(key)'; mlcert understands sslmode, host, port, user, password, dbname and schema")
        }
    }

    /// The URL with the password masked, fit for logs and error messages.
    public var description: String {
        var text = "postgres://\(user)\(password == nil ? "" : ":***")@\(host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""):\(port)/\(database)"
        var parameters: [String] = []
        if let socketDirectory { parameters.append("host=\(socketDirectory)") }
        if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
        if let schema { parameters.append("schema=\(schema)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// A schema (or other SQL) name mlcert can quote safely: letters, digits and underscores, not starting with a
    /// digit, at most 63 bytes (PostgreSQL's limit).
    static func identifier(_ text: String, part: String) throws -> String {
        let valid = !text.isEmpty && text.utf8.count <= 63 && text.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }
            && !(text.first?.isNumber ?? true)
        guard valid else {
            throw PostgresURLError(part: part, message: "'\(text)' is not a valid name: use letters, digits and '_', start with a letter or '_', at most 63 characters")
        }
        return text
    }

    private static func port(_ text: Substring) throws -> Int {
        guard let value = Int(text), (1...65535).contains(value) else {
            throw PostgresURLError(part: "port", message: "'\(text)' is not a port number (1-65535)")
        }
        return value
    }

    private static func decode(_ text: Substring, part: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresURLError(part: part, message: "invalid percent-encoding")
        }
        return decoded
    }
}

/// A `--database` URL that cannot be used, naming the part of it that is wrong.
public struct PostgresURLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL component or query parameter at fault ("scheme", "port", "sslmode", ...).
    public let part: String
    public let message: String

    public var description: String { "invalid PostgreSQL URL (\(part)): \(message)" }
}
#endif
