import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("A stale bearer token on public routes")
struct StaleTokenTests {
    /// Checked by restoring the old `LoginMiddleware` (an unknown bearer token threw `invalid_token`): every public
    /// route then answered 401 and this test failed.
    @Test("public routes ignore an expired, signed-out or malformed bearer token; routes that need an account say invalid_token")
    func publicRoutesIgnoreIt() async throws {
        try await TestApp(store: .memory).run { client in
            let ada = try await client.register("ada@example.org")
            #expect(try await client.send(.post, "/api/v1/account/logout", headers: ada.bearer).status == .noContent)
            for bearer in [ada.bearer, [.authorization: "Bearer not-a-token"]] as [HTTPFields] {
                for path in ["/health", "/ready", "/api/v1/catalog", "/api/v1/catalog/google-pmle", "/api/v1/openapi.json", "/", "/catalog", "/login",
                             "/static/app.css", "/static/exam.js"] {
                    let response = try await client.send(.get, path, headers: bearer)
                    #expect(response.status == .ok, "\(path) with a stale bearer: \(response.status)")
                }
                let login = try await client.send(.post, "/api/v1/account/login", headers: bearer,
                    json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#)
                #expect(login.status == .ok, "sign-in with a stale bearer attached: \(login.text)")
                let me = try await client.send(.get, "/api/v1/account", headers: bearer)
                #expect(me.status == .unauthorized)
                #expect(me.errorCode == "invalid_token")
                let start = try await client.send(.post, "/api/v1/sessions", headers: bearer, json: #"{"kind": "drill", "credential": "google-pmle"}"#)
                #expect(start.status == .unauthorized)
                #expect(start.errorCode == "invalid_token")
            }
            // Without any token the same route says unauthenticated.
            #expect(try await client.send(.get, "/api/v1/account").errorCode == "unauthenticated")
        }
    }
}
