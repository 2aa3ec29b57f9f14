import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MLCertPractice
@testable import MLCertServer
import Testing

@Suite("Several server processes on one database act as one service")
struct SharedStoreTests {
    /// A second application over its own connection to the same database, as a second `mlcert serve` process would be.
    static func sibling(of app: TestApp) async throws -> some ApplicationProtocol {
        let store = try await app.openSibling()
        var logger = Logger(label: "sibling")
        logger.logLevel = .critical
        let dependencies = ServerDependencies(catalog: bundledContent.catalog, items: bundledContent.items, store: store,
            clock: { app.clock.read() }, logger: logger)
        return try await buildApplication(configuration: app.configuration, dependencies: dependencies)
    }

    @Test("a login made on one server works on another, an exam continues there with the same clock, and metrics agree",
          arguments: StoreKind.allCases.filter { $0 != .memory })
    func loginsExamsAndCountsAreShared(store: StoreKind) async throws {
        var app = try await TestApp(store: store)
        app.configure { $0.metricsToken = MetricsTests.token }
        let sibling = try await Self.sibling(of: app)
        let (user, exam) = try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam", extra: #", "time_limit_minutes": 10"#))
            try await client.answer(ada, session: exam, position: 0)
            return (ada, exam)
        }
        app.clock.advance(120)
        try await sibling.test(.router) { other in
            #expect(try await other.send(.get, "/api/v1/account", headers: user.bearer).status == .ok)
            let detail = try await other.send(.get, "/api/v1/sessions/\(exam)", headers: user.bearer).json()
            #expect(detail["seconds_remaining"] as? Double == 480)
            let grid = try #require(detail["grid"] as? [[String: Any]])
            #expect(grid.first?["answered"] as? Bool == true)
            #expect(try await other.answer(user, session: exam, position: 1).status == .ok)
            let metrics = try await other.send(.get, "/metrics", headers: MetricsTests.operatorHeaders).text
            #expect(metrics.contains("\nmlcert_answers_recorded 2\n"))
            // Signing out on this server ends the login everywhere.
            #expect(try await other.send(.post, "/api/v1/account/logout", headers: user.bearer).status == .noContent)
        }
        try await app.run { client in
            #expect(try await client.send(.get, "/api/v1/account", headers: user.bearer).status == .unauthorized)
            let metrics = try await client.send(.get, "/metrics", headers: MetricsTests.operatorHeaders).text
            #expect(metrics.contains("\nmlcert_answers_recorded 2\n"))
        }
    }

    @Test("a browser gets an HTML error page with the right status; an API client gets JSON")
    func htmlErrorPages() async throws {
        try await TestApp(store: .memory).run { client in
            let page = try await client.send(.get, "/no/such/page", headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("There is no page here"))
            #expect(page.text.contains("<main"))
            let api = try await client.send(.get, "/api/v1/no/such", headers: [.accept: "text/html"])
            #expect(api.status == .notFound)
            #expect(api.errorCode == "not_found")
        }
    }
}
