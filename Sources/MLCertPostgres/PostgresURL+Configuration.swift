#if Postgres
import PostgresNIO

/// The PostgresNIO configurations a `PostgresURL` stands for: one for the single connection that migrates at start-up,
/// one for the pool that serves requests afterwards. Both set the same search path, so a `?schema=` URL keeps every
/// table, and every query, inside that schema.
extension PostgresURL {
    /// For `PostgresClient` (the pool).
    public func clientConfiguration(connectTimeout: Duration) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = PostgresClient.Configuration(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            configuration = PostgresClient.Configuration(host: host ?? "localhost", port: port, username: user, password: password, database: database,
                tls: clientTLS)
        }
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// For one `PostgresConnection`.
    public func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = PostgresConnection.Configuration(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            configuration = PostgresConnection.Configuration(host: host ?? "localhost", port: port, username: user, password: password, database: database,
                tls: try connectionTLS())
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
            + connectTimeout.components.attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// `search_path` quoted, so that the schema name is used exactly as written (unquoted names are lower-cased).
    private var startupParameters: [(String, String)] {
        schema.map { [("search_path", "\"\($0)\"")] } ?? []
    }

    /// libpq's meaning of the modes: `prefer` and `require` encrypt without checking the certificate (they protect
    /// against eavesdropping, not impersonation); `verify-full` checks the chain and the host name.
    private var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if sslMode != .verifyFull { tls.certificateVerification = .none }
        return tls
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration)
        case .require, .verifyFull: .require(tlsConfiguration)
        }
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        case .require, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
    }
}
#endif
