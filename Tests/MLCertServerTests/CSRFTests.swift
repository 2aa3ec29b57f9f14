import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// Every state-changing route, with a body that would otherwise be accepted or at least parsed.
let stateChangingRoutes: [(HTTPRequest.Method, String, String?)] = [
    (.post, "/api/v1/account/logout", nil),
    (.post, "/api/v1/account/logout-everywhere", nil),
    (.post, "/api/v1/account/password", #"{"current_password": "correct horse battery", "new_password": "another long phrase"}"#),
    (.delete, "/api/v1/account", nil),
    (.post, "/api/v1/sessions", #"{"kind": "drill", "credential": "google-pmle"}"#),
    (.post, "/api/v1/sessions/{id}/answers", #"{"position": 0, "choices": ["A"]}"#),
    (.post, "/api/v1/sessions/{id}/flags", #"{"position": 0, "flagged": true}"#),
    (.post, "/api/v1/sessions/{id}/views", #"{"position": 1}"#),
    (.post, "/api/v1/sessions/{id}/submit", nil),
    (.post, "/api/v1/sessions/{id}/reports", #"{"question": 1, "kind": "typo", "comment": "a stray comma"}"#),
    (.put, "/api/v1/exam-date", #"{"credential": "google-pmle", "date": "2027-03-01"}"#),
    (.post, "/api/v1/plan", #"{"credential": "google-pmle", "from_progress": true}"#),
    (.post, "/api/v1/advise", #"{"cloud": "aws"}"#),
]

@Suite("CSRF protection")
struct CSRFTests {
    /// Checked by making `CSRFMiddleware.check` return early for cookie logins: every route below then changed state
    /// and this test failed.
    @Test("a cookie-authenticated state change without the CSRF token is refused with 403 and changes nothing", arguments: StoreKind.allCases)
    func cookieWithoutToken(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            for (method, template, body) in stateChangingRoutes {
                let uri = template.replacingOccurrences(of: "{id}", with: exam)
                for headers in [ada.cookieWithoutCSRF, ada.cookieWithoutCSRF.merging([HTTPFieldName("X-CSRF-Token")!: String(repeating: "0", count: 64)])] {
                    let response = try await client.send(method, uri, headers: headers, json: body)
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                    #expect(response.errorCode == "csrf", "\(method) \(uri)")
                }
            }
            // Nothing happened: the account, its login and the untouched exam are all still there.
            #expect(try await app.store.account(id: ada.id) != nil)
            #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .ok)
            let detail = try await client.send(.get, "/api/v1/sessions/\(exam)", headers: ada.bearer).json()
            let grid = try #require(detail["grid"] as? [[String: Any]])
            #expect(grid.allSatisfy { $0["answered"] as? Bool == false && $0["flagged"] as? Bool == false })
            #expect(try await app.store.sessions(learnerID: ada.id).count == 1)
        }
    }

    @Test("the same requests with the login's CSRF token, or with a bearer token, get past the check")
    func withToken() async throws {
        try await TestApp(store: .memory).run { client in
            let ada = try await client.register("ada@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            for (method, template, body) in stateChangingRoutes where !template.hasPrefix("/api/v1/account") {
                let uri = template.replacingOccurrences(of: "{id}", with: exam)
                for headers in [ada.cookie, ada.bearer] {
                    let response = try await client.send(method, uri, headers: headers, json: body)
                    #expect(response.status != .forbidden, "\(method) \(uri): \(response.text)")
                    #expect(response.status.code < 500, "\(method) \(uri): \(response.text)")
                }
            }
            #expect(try await client.send(.post, "/api/v1/account/logout", headers: ada.cookie).status == .noContent)
        }
    }

    /// Checked by letting anonymous form posts without the `mlcert_csrf` cookie through: the forged posts then reached
    /// the route (415, not 403) and this test failed.
    @Test("anonymous form posts need the double-submit cookie and field to match")
    func anonymousForms() async throws {
        try await TestApp(store: .memory).run { client in
            let form = "application/x-www-form-urlencoded"
            let body = "email=ada%40example.org&password=correct+horse"
            // No cookie, no field.
            let bare = try await client.send(.post, "/api/v1/account/login", json: body, contentType: form)
            #expect(bare.status == .forbidden)
            // A field without the cookie (a cross-site page can write the field but cannot set our cookie).
            let token = String(repeating: "ab", count: 32)
            let fieldOnly = try await client.send(.post, "/api/v1/account/login", json: body + "&csrf=\(token)", contentType: form)
            #expect(fieldOnly.status == .forbidden)
            // Cookie and field disagree.
            let other = String(repeating: "cd", count: 32)
            let mismatch = try await client.send(.post, "/api/v1/account/login", headers: [.cookie: "\(SessionCookie.csrfBaseName)=\(other)"],
                json: body + "&csrf=\(token)", contentType: form)
            #expect(mismatch.status == .forbidden)
            // Cookie and field agree: the CSRF check passes and the route decides (415: the API wants JSON).
            let matching = try await client.send(.post, "/api/v1/account/login", headers: [.cookie: "\(SessionCookie.csrfBaseName)=\(token)"],
                json: body + "&csrf=\(token)", contentType: form)
            #expect(matching.status == .unsupportedMediaType)
        }
    }

    @Test("a first visit gets an anonymous CSRF cookie, and a page sees the same token in its context")
    func anonymousCookieIssued() async throws {
        try await TestApp(store: .memory).run { client in
            let home = try await client.send(.get, "/")
            let cookie = try #require(home.headers[values: .setCookie].first { $0.hasPrefix("\(SessionCookie.csrfBaseName)=") })
            let token = String(cookie.dropFirst(SessionCookie.csrfBaseName.count + 1).prefix { $0 != ";" })
            #expect(token.count == 64)
            // A returning browser keeps its token: no new cookie.
            let again = try await client.send(.get, "/", headers: [.cookie: "\(SessionCookie.csrfBaseName)=\(token)"])
            #expect(!again.headers[values: .setCookie].contains { $0.hasPrefix("\(SessionCookie.csrfBaseName)=") })
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result[field.name] = field.value }
        return result
    }
}
