import Foundation
import Hummingbird
import Logging
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
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mlcert"),
        services: extraServices,
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
    // Order matters: the id first (every log line and response carries it), then logging and metrics (they see the
    // final status), then error mapping (so the outer two see a response, never an error), then who is signed in, then
    // error mapping again (with the signed-in learner known), then the CSRF check that depends on it.
    router.add(middleware: RequestIDMiddleware(tokens: dependencies.tokens, maxBodyBytes: configuration.maxBodyBytes,
        trustForwardedFor: configuration.trustForwardedFor))
    router.add(middleware: RequestLogMiddleware(metrics: dependencies.metrics))
    router.add(middleware: ErrorMiddleware(renderer: renderer, routes: routes, catalog: dependencies.catalog))
    router.add(middleware: LoginMiddleware(accounts: accounts))
    // The same error mapping once more inside the login middleware: an error page then knows who is signed in and
    // shows the header accordingly (the outer one still catches what the login middleware itself throws).
    router.add(middleware: ErrorMiddleware(renderer: renderer, routes: routes, catalog: dependencies.catalog))
    router.add(middleware: CSRFMiddleware(tokens: dependencies.tokens, secureCookies: configuration.secureCookies))

    HealthController(store: dependencies.store, clock: dependencies.clock, metrics: dependencies.metrics).register(on: router)
    try registerAPI(on: router, dependencies: dependencies, accounts: accounts, configuration: configuration)
    registerPages(on: router, dependencies: dependencies, renderer: renderer)

    routes.set(router.routes.map { ($0.method, $0.path.description) })
    return router
}
