import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Bad requests get 4xx, never 5xx")
struct MalformedInputTests {
    /// Bodies that are wrong in every way we could think of: not JSON, the wrong JSON type, wrong field types, out of
    /// range numbers, unknown letters and ids, deep nesting, invalid UTF-8, and a body over the size limit.
    static let bodies: [ByteBuffer?] = {
        var texts: [String] = [
            "", " ", "{", "}", "[]", "null", "1", "\"text\"", "true", "{\"a\":", "{}", "{\"kind\": 5}", "{\"kind\": \"drill\"}",
            #"{"kind": "exam", "credential": "no-such-exam"}"#, #"{"kind": "drill", "credential": "aws-mls-c01"}"#,
            #"{"kind": "drill", "credential": "google-pmle", "count": 0}"#, #"{"kind": "drill", "credential": "google-pmle", "domains": ["nope"]}"#,
            #"{"kind": "exam", "credential": "google-pmle", "time_limit_minutes": -5}"#, #"{"kind": "review", "credential": "google-pmle"}"#,
            #"{"kind": "drill", "credential": "google-pmle", "seed": -1}"#, #"{"kind": "drill", "credential": "google-pmle", "count": 1e308}"#,
            #"{"position": "zero", "choices": ["A"]}"#, #"{"position": -1, "choices": ["A"]}"#, #"{"position": 0, "choices": []}"#,
            #"{"position": 0, "choices": ["AA"]}"#, #"{"position": 0, "choices": ["Z"]}"#, #"{"position": 0, "choices": [1]}"#,
            #"{"position": 99999999999999999999999, "choices": ["A"]}"#, #"{"position": 100000, "flagged": true}"#, #"{"position": 0, "flagged": "yes"}"#,
            #"{"email": 1, "password": 2}"#, #"{"email": "a@b.c", "password": "x", "display_name": "y"}"#, #"{"email": "", "password": ""}"#,
            #"{"email": "a@b.c", "password": "\#(String(repeating: "p", count: 100))", "display_name": "long"}"#,
            #"{"cloud": "mars"}"#, #"{"weekly_study_hours": -3}"#, #"{"production_ml_years": "lots"}"#, #"{"unknown_key": true}"#,
            #"{"credential": "google-pmle", "hours_per_week": 0}"#, #"{"credential": "google-pmle", "results": {"nope": 2}}"#,
            #"{"credential": "google-pmle", "exam_date": "2027-13-45"}"#, #"{"credential": "google-pmle", "profile": [1, 2]}"#,
            #"{"credential": "google-pmle", "from_progress": true, "results": {}}"#, #"{"credential": "aws-mls-c01"}"#,
            #"{"credential": "google-pmle", "date": "tomorrow"}"#, #"{"credential": "no-such", "date": null}"#,
            String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
            "{\"a\": \"\\ud800\"}", "{\"a\": 1,,}",
        ]
        texts.append("{\"pad\": \"" + String(repeating: "x", count: ServerConfiguration.defaultMaxBodyBytes + 10) + "\"}")
        var buffers: [ByteBuffer?] = [nil] + texts.map { ByteBuffer(string: $0) }
        buffers.append(ByteBuffer(bytes: [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))
        return buffers
    }()

    static let contentTypes: [String?] = [nil, "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8"]

    /// Sends the whole corpus to every route (ids filled with an owned session, another learner's, and garbage),
    /// signed in and anonymous, and checks that nothing answers 5xx and every error has the error shape.
    @Test("no request in the malformed corpus gets a 5xx, and every error has the JSON error shape", arguments: StoreKind.allCases)
    func corpus(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        let router = try await buildRouter(configuration: app.configuration, dependencies: app.dependencies)
        let routes = router.routes.map { ($0.method, $0.path.description) }.filter { $1.hasPrefix("/api/") } + [(.get, "/no/such/route"), (.patch, "/api/v1/sessions")]
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let bob = try await client.register("bob@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            let bobs = try sessionID(try await client.startSession(bob, kind: "drill"))
            var sent = 0
            let queries = ["", "?position=abc", "?position=-1", "?credential=", "?credential=nope", "?format=xml", "?position=999999"]
            for (routeIndex, (method, template)) in routes.enumerated() where template != "/api/v1/account" || method != .delete {
                // Routes that end Ada's logins would end the test's own sign-in; their bodies are checked elsewhere.
                if ["/api/v1/account/logout", "/api/v1/account/logout-everywhere"].contains(template) { continue }
                for (idIndex, id) in [exam, bobs, "%2E%2E", String(repeating: "9", count: 300)].enumerated() {
                    let uri = template.replacingOccurrences(of: "{id}", with: id) + queries[(routeIndex + idIndex) % queries.count]
                    for (index, body) in Self.bodies.enumerated() {
                        let contentType = Self.contentTypes[index % Self.contentTypes.count]
                        var headers: HTTPFields = index % 3 == 0 ? [:] : ada.bearer
                        if let contentType { headers[.contentType] = contentType }
                        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
                        sent += 1
                        #expect(response.status.code < 500, "\(method) \(uri) [\(contentType ?? "-")] body #\(index): \(response.status) \(response.text.prefix(300))")
                        if response.status.code >= 400, response.headers[.contentType]?.hasPrefix("text/html") == true {
                            // A browser posting a form outside the API gets the HTML error page instead.
                            #expect(!uri.hasPrefix("/api/") && contentType == "application/x-www-form-urlencoded")
                            #expect(response.text.contains("<section role=\"alert\">"), "the HTML error page has no message")
                        } else if response.status.code >= 400 {
                            #expect(response.errorCode != nil, "\(method) \(uri) body #\(index): no error shape: \(response.text.prefix(200))")
                        }
                    }
                }
            }
            #expect(sent > 3000)
            // Ada's account still works and the server still answers.
            #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .ok)
        }
    }

    @Test("an oversized body is 413 and a non-JSON body is 415 on a JSON route")
    func sizeAndType() async throws {
        try await TestApp(store: .memory, maxBodyBytes: 1024).run { client in
            let ada = try await client.register("ada@example.org")
            let big = "{\"kind\": \"drill\", \"credential\": \"google-pmle\", \"pad\": \"" + String(repeating: "x", count: 2000) + "\"}"
            let tooLarge = try await client.send(.post, "/api/v1/sessions", headers: ada.bearer, json: big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "body_too_large")
            let text = try await client.send(.post, "/api/v1/sessions", headers: ada.bearer, json: #"{"kind": "drill", "credential": "google-pmle"}"#,
                contentType: "text/plain")
            #expect(text.status == .unsupportedMediaType)
            #expect(text.errorCode == "unsupported_media_type")
            let malformed = try await client.send(.post, "/api/v1/sessions", headers: ada.bearer, json: #"{"kind": "drill", "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "malformed_json")
            let missing = try await client.send(.post, "/api/v1/sessions", headers: ada.bearer, json: #"{"kind": "drill"}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains("credential"))
        }
    }
}
