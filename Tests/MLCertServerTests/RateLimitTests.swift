import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MLCertServer
import Testing

@Suite("Sign-in rate limiting")
struct RateLimitTests {
    /// Checked by raising `maxFailuresPerEmail` to 1000: the sixth attempt then answered 200 and this test failed.
    @Test("after 5 failures in 15 minutes an email is refused with 429 and Retry-After, even with the right password, in every process",
          arguments: StoreKind.allCases)
    func perEmail(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            for _ in 0..<5 {
                let wrong = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "not my password"}"#)
                #expect(wrong.status == .unauthorized)
            }
            let right = #"{"email": "ada@example.org", "password": "correct horse battery"}"#
            let limited = try await client.send(.post, "/api/v1/account/login", json: right)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(limited.headers[.retryAfter] == "900")
            // People read minutes, not "900 seconds" (the header keeps the exact figure for clients).
            #expect(limited.text.contains("Wait 15 minutes, then try again.") && !limited.text.contains("seconds"))
            #expect(limited.headers[.setCookie].map { !$0.contains(SessionCookie.name + "=") } ?? true)

            // A second server process on the same database refuses too: the counter lives in the store.
            var logger = Logger(label: "second")
            logger.logLevel = .critical
            let sibling = ServerDependencies(catalog: bundledContent.catalog, items: bundledContent.items, store: try await app.openSibling(),
                clock: { app.clock.read() }, logger: logger)
            let second = try await buildApplication(configuration: app.configuration, dependencies: sibling)
            let status = try await second.test(.router) { other in
                try await other.send(.post, "/api/v1/account/login", json: right).status
            }
            #expect(status == .tooManyRequests)

            // Once the window has passed, the right password works again and clears the count.
            app.clock.advance(15 * 60 + 1)
            #expect(try await client.send(.post, "/api/v1/account/login", json: right).status == .ok)
        }
    }

    @Test("20 failures from one client address stop further attempts on any email", arguments: StoreKind.allCases)
    func perClient(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            for i in 0..<20 {
                let response = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "user\#(i)@example.org", "password": "guess guess"}"#)
                #expect(response.status == .unauthorized)
            }
            let ada = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#)
            #expect(ada.status == .tooManyRequests)
        }
    }
}

@Suite("Client addresses behind a proxy")
struct ForwardedForTests {
    /// Sends 20 failed sign-ins that claim to come from one address, then one attempt that claims another.
    static func lockOutOneAddress(trust: Bool) async throws -> HTTPResponse.Status {
        var app = try await TestApp(store: .memory)
        app.trustForwardedFor(trust)
        return try await app.run { client in
            _ = try await client.register("ada@example.org")
            let header = HTTPFieldName("X-Forwarded-For")!
            for i in 0..<20 {
                _ = try await client.send(.post, "/api/v1/account/login", headers: [header: "203.0.113.9, 10.0.0.1"],
                    json: #"{"email": "user\#(i)@example.org", "password": "guess guess"}"#)
            }
            return try await client.send(.post, "/api/v1/account/login", headers: [header: "198.51.100.7"],
                json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#).status
        }
    }

    @Test("with --trust-forwarded-for the address limit is per forwarded client; without it the header is ignored")
    func forwardedFor() async throws {
        #expect(try await Self.lockOutOneAddress(trust: true) == .ok)
        #expect(try await Self.lockOutOneAddress(trust: false) == .tooManyRequests)
    }
}
