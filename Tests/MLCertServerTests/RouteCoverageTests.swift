import Foundation
import Hummingbird
@testable import MLCertServer
import Testing

/// Keeps the security tests' route lists complete: a new state-changing route or a new route with an id fails here
/// until it is added to the CSRF or ownership test.
@Suite("Security tests cover every route")
struct RouteCoverageTests {
    static func apiRoutes() async throws -> [(method: HTTPRequest.Method, path: String)] {
        let app = try TestApp(store: .memory)
        let router = try await buildRouter(configuration: app.configuration, dependencies: app.dependencies)
        return router.routes.map { ($0.method, $0.path.description) }.filter { $0.path.hasPrefix("/api/") }
    }

    static func strip(_ uri: String) -> String { String(uri.prefix { $0 != "?" }) }

    @Test("every state-changing API route except sign-in and registration is in the CSRF test")
    func csrfCoversEveryUnsafeRoute() async throws {
        let unsafe = Set(try await Self.apiRoutes().filter { CSRFMiddleware.unsafeMethods.contains($0.method) }.map { "\($0.method) \($0.path)" })
            .subtracting(["POST /api/v1/account/register", "POST /api/v1/account/login"])
        let tested = Set(stateChangingRoutes.map { "\($0.0) \(Self.strip($0.1))" })
        #expect(unsafe == tested, "not in the CSRF test: \(unsafe.subtracting(tested).sorted()); not routes: \(tested.subtracting(unsafe).sorted())")
    }

    /// `/api/v1/catalog/{id}` takes a credential id: public catalog data, not a learner's.
    @Test("every API route that takes a session id is in the ownership test")
    func ownershipCoversEveryIDRoute() async throws {
        let withID = Set(try await Self.apiRoutes().filter { $0.path.contains("{id}") && !$0.path.hasPrefix("/api/v1/catalog/") }
            .map { "\($0.method) \($0.path)" })
        let tested = Set(idRoutes.map { "\($0.0) \(Self.strip($0.1))" })
        #expect(withID == tested, "not in the ownership test: \(withID.subtracting(tested).sorted())")
    }
}
