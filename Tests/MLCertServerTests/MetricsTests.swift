import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Metrics and request ids")
struct MetricsTests {
    /// The value of an unlabelled sample in Prometheus text.
    static func sample(_ name: String, in text: String) -> Int? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ")[1]) }
    }

    @Test("metrics count answers, sessions in progress and accounts from the store, and request latency by route template",
          arguments: StoreKind.allCases)
    func reflectAnAnswer(store: StoreKind) async throws {
        var app = try await TestApp(store: store)
        app.configure { $0.metricsToken = Self.token }
        try await app.run { client in
            let before = try await client.send(.get, "/metrics", headers: Self.operatorHeaders)
            #expect(before.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(Self.sample("mlcert_answers_recorded", in: before.text) == 0)
            #expect(Self.sample("mlcert_accounts", in: before.text) == 0)
            let ada = try await client.register("ada@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            try await client.answer(ada, session: exam, position: 0)
            let after = try await client.send(.get, "/metrics", headers: Self.operatorHeaders).text
            #expect(Self.sample("mlcert_answers_recorded", in: after) == 1)
            #expect(Self.sample("mlcert_sessions_in_progress", in: after) == 1)
            #expect(Self.sample("mlcert_accounts", in: after) == 1)
            // The route label is the template, not the id.
            #expect(after.contains(#"mlcert_http_request_duration_seconds_count{method="POST",route="/api/v1/sessions/{id}/answers",status="2xx"} 1"#))
            #expect(!after.contains(exam))
            #expect(after.contains(#"route="/api/v1/account/register",status="2xx",le="+Inf"} 1"#))
        }
    }

    static let token = "operator-metrics-token-0123456789"
    static let operatorHeaders: HTTPFields = [.authorization: "Bearer \(token)"]

    /// Checked by removing the token check from `HealthController.scrape`: anonymous scrapes then answered 200 and this
    /// test failed.
    @Test("/metrics is off without a token, and with one answers only requests that carry it")
    func metricsNeedTheToken() async throws {
        try await TestApp(store: .memory).run { client async throws in
            #expect(try await client.send(.get, "/metrics").status == .notFound)
            #expect(try await client.send(.get, "/metrics", headers: Self.operatorHeaders).status == .notFound)
        }
        var app = try await TestApp(store: .memory)
        app.configure { $0.metricsToken = Self.token }
        try await app.run { client in
            let anonymous = try await client.send(.get, "/metrics")
            #expect(anonymous.status == .unauthorized)
            #expect(!anonymous.text.contains("mlcert_accounts"))
            let ada = try await client.register("ada@example.org")
            #expect(try await client.send(.get, "/metrics", headers: ada.bearer).status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", headers: [.authorization: "Bearer wrong-token-0123456789"]).status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", headers: Self.operatorHeaders).status == .ok)
        }
    }

    @Test("a sane X-Request-Id is kept and echoed; an unsafe one is replaced")
    func requestIDs() async throws {
        try await TestApp(store: .memory).run { client in
            let header = HTTPFieldName("X-Request-Id")!
            let kept = try await client.send(.get, "/health", headers: [header: "proxy-1234.abc_9"])
            #expect(kept.headers[header] == "proxy-1234.abc_9")
            let replaced = try await client.send(.get, "/api/v1/nothing", headers: [header: "bad id\" with quotes"])
            #expect(replaced.status == .notFound)
            #expect(replaced.headers[header]?.count == 32)
        }
    }
}
