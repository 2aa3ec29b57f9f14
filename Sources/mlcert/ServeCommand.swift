import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MLCertPractice
import MLCertServer

/// `mlcert serve`: the web app and JSON API on the bundled content and the learner store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app and the JSON API (http://127.0.0.1:8080 by default).",
        discussion: """
            Every flag falls back to an environment variable: MLCERT_HOST, MLCERT_PORT, MLCERT_DATABASE, MLCERT_CONTENT,
            MLCERT_SECURE_COOKIES (true/false), MLCERT_BCRYPT_COST, MLCERT_TRUST_FORWARDED_FOR (true/false), MLCERT_TRUSTED_PROXIES,
            MLCERT_IDLE_TIMEOUT, MLCERT_REQUEST_TIMEOUT, MLCERT_METRICS_TOKEN, MLCERT_RECALIBRATE_INTERVAL, MLCERT_MIN_RESPONSES. LOG_LEVEL sets the log level (default info).
            SIGTERM or Ctrl-C stops accepting connections, lets requests in flight finish, then exits.
            """)

    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Address to listen on (default: $MLCERT_HOST, else 127.0.0.1: only this machine).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default: $MLCERT_PORT, else 8080).") var port: Int?
    @Option(help: "SQLite path or postgres:// URL (default: $MLCERT_DATABASE, else the platform data directory).") var database: String?
    @Flag(inversion: .prefixedNo, help: "Mark cookies Secure; turn on behind TLS (default: $MLCERT_SECURE_COOKIES, else off).")
    var secureCookies: Bool?
    @Option(help: "bcrypt work factor, 4-31 (default: $MLCERT_BCRYPT_COST, else 12).") var bcryptCost: Int?
    @Flag(inversion: .prefixedNo, help: "Take client addresses from X-Forwarded-For; only behind a proxy that sets it (default: $MLCERT_TRUST_FORWARDED_FOR, else off).")
    var trustForwardedFor: Bool?
    @Option(help: "How many proxies in front append to X-Forwarded-For; the client is that many entries from the right (default: $MLCERT_TRUSTED_PROXIES, else 1).")
    var trustedProxies: Int?
    @Option(help: "Seconds a connection may send nothing before it is closed (default: $MLCERT_IDLE_TIMEOUT, else 30).")
    var idleTimeout: Double?
    @Option(help: "Seconds from a request's head to its last body byte before the connection is closed (default: $MLCERT_REQUEST_TIMEOUT, else 60).")
    var requestTimeout: Double?
    @Option(help: "Serve /metrics to requests with Authorization: Bearer TOKEN; without it /metrics is off (default: $MLCERT_METRICS_TOKEN).")
    var metricsToken: String?
    @Option(help: "Recalibrate every exam's bank from learners' first attempts this often, in seconds; 0 turns it off (default: $MLCERT_RECALIBRATE_INTERVAL, else 0).")
    var recalibrateInterval: Int?
    @Option(help: """
        With --recalibrate-interval: answers an item needs before its calibration replaces the writers' estimate, as `mlcert calibrate \
        --min-responses` (default: $MLCERT_MIN_RESPONSES, else 50). Lower it only for a small test: a few answers say little about an item.
        """)
    var minResponses: Int?

    func run() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.resolve(host: host, port: port, database: database, contentPath: contentOptions.content,
                secureCookies: secureCookies, bcryptCost: bcryptCost, trustForwardedFor: trustForwardedFor, trustedProxies: trustedProxies,
                idleTimeout: idleTimeout, requestTimeout: requestTimeout, metricsToken: metricsToken)
        } catch {
            throw ValidationFailure(message: "error: \(error.description)")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let interval = try Self.interval(recalibrateInterval)
        let minimumResponses = try Self.minimumResponses(minResponses)
        let content = try contentOptions.loadContent(includeItems: true, allItemRules: false)
        var (store, services) = try await openPracticeStore(database: configuration.database)
        let dependencies = ServerDependencies(catalog: content.catalog, items: content.practiceItems, store: store, logger: Logger(label: "mlcert.server"))
        if interval > 0 {
            // After the store's own services, so it stops before them.
            services.append(RecalibrationService(
                calibration: StoreCalibration(practice: dependencies.practice, calibration: BankCalibration(minimumResponses: minimumResponses)),
                credentialIDs: dependencies.practice.examCredentialIDs, interval: .seconds(interval), logger: Logger(label: "mlcert.recalibration")))
        }
        let host = configuration.host
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies, extraServices: services) { port in
            emitLine("mlcert is listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
        }
        try await app.runService()
    }

    /// The recalibration interval from the flag, then `MLCERT_RECALIBRATE_INTERVAL`, else 0 (off).
    static func interval(_ flag: Int?) throws -> Int {
        let text = ProcessInfo.processInfo.environment["MLCERT_RECALIBRATE_INTERVAL"]
        let seconds = flag ?? text.map { Int($0) ?? -1 } ?? 0
        guard seconds >= 0 else {
            throw ValidationFailure(message: "error: --recalibrate-interval (or MLCERT_RECALIBRATE_INTERVAL) must be a whole number of seconds, 0 or more")
        }
        return seconds
    }

    /// The answers an item needs before the recalibration service uses its calibration: the flag, then
    /// `MLCERT_MIN_RESPONSES`, else `BankCalibration`'s default (50).
    static func minimumResponses(_ flag: Int?) throws -> Int {
        let text = ProcessInfo.processInfo.environment["MLCERT_MIN_RESPONSES"]
        let count = flag ?? text.map { Int($0) ?? 0 } ?? BankCalibration().minimumResponses
        guard count >= 1 else {
            throw ValidationFailure(message: "error: --min-responses (or MLCERT_MIN_RESPONSES) must be a whole number, 1 or more")
        }
        return count
    }
}
