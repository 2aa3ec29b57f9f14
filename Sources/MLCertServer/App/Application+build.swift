import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The web app: the same function serves `mlcert serve` and the in-process route tests.
///
/// ```swift
/// let app = try await buildApplication(configuration: ServerConfiguration(), dependencies: dependencies)
/// try await app.runService()   // SIGTERM and SIGINT finish in-flight requests, then exit
/// ```
///
/// `extraServices` run in the application's service group (a PostgreSQL client, for example), so they start before
/// the server listens and stop after it has drained.
///
/// `onServerRunning` receives the port the server listens on once it accepts connections (useful with port 0).
public func buildApplication(
    configuration: ServerConfiguration, dependencies: ServerDependencies, extraServices: [any Service] = [],
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, dependencies: dependencies)
    let pruning = PruneService(accounts: dependencies.configured(by: configuration).accounts,
        interval: .milliseconds(Int64(configuration.pruneInterval * 1000)), logger: dependencies.logger)
    let requestTimeout = TimeAmount.milliseconds(Int64(configuration.requestTimeout * 1000))
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadlineHandler(timeout: requestTimeout)],
            idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mlcert"),
        services: extraServices + [pruning],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: dependencies.logger
    )
}

/// The router with every middleware and route; exposed so tests can compare its routes with the OpenAPI document.
public func buildRouter(configuration: ServerConfiguration, dependencies: ServerDependencies) async throws -> Router<AppRequestContext> {
    let renderer = try await PageRenderer.load()
    let dependencies = dependencies.configured(by: configuration)
    let accounts = dependencies.accounts
    let routes = RouteIndex()
    let router = Router(context: AppRequestContext.self)
    // Order matters: the id first (every log line and response carries it), then the security headers, logging and
    // metrics (they see the final response), then error mapping (so the outer ones see a response, never an error),
    // then the declared-length check (a 413 before anything reads), who is signed in, error mapping again (with the
    // signed-in learner known, so an error page shows the right header), and the CSRF check that depends on it.
    router.add(middleware: RequestIDMiddleware(tokens: dependencies.tokens, maxBodyBytes: configuration.maxBodyBytes,
        trustForwardedFor: configuration.trustForwardedFor, trustedProxies: configuration.trustedProxies))
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: configuration.secureCookies))
    router.add(middleware: RequestLogMiddleware(metrics: dependencies.metrics))
    router.add(middleware: ErrorMiddleware(renderer: renderer, routes: routes, catalog: dependencies.catalog))
    router.add(middleware: DeclaredLengthMiddleware(maxBodyBytes: configuration.maxBodyBytes))
    router.add(middleware: LoginMiddleware(accounts: accounts, cookies: dependencies.cookies))
    // The same error mapping once more inside the login middleware: an error page then knows who is signed in and
    // shows the header accordingly (the outer one still catches what the login middleware itself throws).
    router.add(middleware: ErrorMiddleware(renderer: renderer, routes: routes, catalog: dependencies.catalog))
    router.add(middleware: CSRFMiddleware(tokens: dependencies.tokens, cookies: dependencies.cookies, routes: routes))

    HealthController(store: dependencies.store, clock: dependencies.clock, metrics: dependencies.metrics, metricsToken: configuration.metricsToken)
        .register(on: router)
    try registerAPI(on: router, dependencies: dependencies, accounts: accounts, configuration: configuration)
    registerPages(on: router, dependencies: dependencies, renderer: renderer)

    routes.set(router.routes.map { ($0.method, $0.path.description) })
    return router
}
