import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

@Suite("Health, readiness and request ids")
struct HealthRouteTests {
    @Test("GET /health answers 200 with status ok and a request id", arguments: StoreKind.allCases)
    func health(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            try await client.execute(uri: "/health", method: .get) { response in
                let json = try response.json()
                #expect(response.status == .ok)
                #expect(json["status"] as? String == "ok")
                #expect(response.headers[HTTPFieldName("X-Request-Id")!]?.count == 32)
            }
        }
    }

    @Test("GET /ready runs a store query and answers ready", arguments: StoreKind.allCases)
    func ready(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                let json = try response.json()
                #expect(response.status == .ok)
                #expect(json["status"] as? String == "ready")
            }
        }
    }

    @Test("an unknown path is a JSON 404 and a known path under the wrong method is a 405 with Allow")
    func notFoundAndWrongMethod() async throws {
        try await TestApp(store: .memory).run { client in
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
            try await client.execute(uri: "/health", method: .delete, headers: [.contentType: "application/json"]) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.errorCode == "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
        }
    }
}
