import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MLCertServer
import Testing

private let forwardedFor = HTTPFieldName("X-Forwarded-For")!
private let right = #"{"email": "ada@example.org", "password": "correct horse battery"}"#
private let wrong = #"{"email": "ada@example.org", "password": "not my password"}"#

@Suite("Sign-in and registration limits")
struct RateLimitTests {
    /// Checked by raising `maxFailuresPerEmailAndAddress` to 1000: the sixth attempt then answered 200 and this test
    /// failed.
    @Test("after 5 failures in 15 minutes an email is refused from that address with 429 and Retry-After, even with the right password, in every process",
          arguments: StoreKind.allCases)
    func perEmailAndAddress(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            for _ in 0..<5 {
                #expect(try await client.send(.post, "/api/v1/account/login", json: wrong).status == .unauthorized)
            }
            let limited = try await client.send(.post, "/api/v1/account/login", json: right)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(limited.headers[.retryAfter] == "900")
            // People read minutes, not "900 seconds" (the header keeps the exact figure for clients).
            #expect(limited.text.contains("Wait 15 minutes, then try again.") && !limited.text.contains("seconds"))
            #expect(limited.headers[.setCookie].map { !$0.contains(SessionCookie.baseName + "=") } ?? true)

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

    /// Checked by restoring the old order in `AccountService.signIn` (count, then bcrypt, then record): all 30 guesses
    /// were evaluated (30 × 401) and this test failed.
    @Test("30 guesses sent at once are counted as 30: only 5 are evaluated, the rest are refused before bcrypt", arguments: StoreKind.allCases)
    func concurrentGuesses(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<30 {
                    group.addTask { try await client.send(.post, "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "guess number \#(i)"}"#).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
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
            #expect(try await client.send(.post, "/api/v1/account/login", json: right).status == .tooManyRequests)
        }
    }

    /// Checked by restoring the old per-email limit (5 failures from anywhere locked the email): the owner's sign-in
    /// from another address then answered 429 and this test failed.
    @Test("an attacker's wrong guesses do not lock the owner out: the owner signs in from another address", arguments: StoreKind.allCases)
    func noLockoutFromElsewhere(store: StoreKind) async throws {
        var app = try await TestApp(store: store)
        app.trustForwardedFor(true)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            for _ in 0..<5 {
                #expect(try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "203.0.113.66"], json: wrong).status == .unauthorized)
            }
            #expect(try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "203.0.113.66"], json: wrong).status == .tooManyRequests)
            let owner = try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "198.51.100.7"], json: right)
            #expect(owner.status == .ok, "\(owner.text)")
        }
    }

    /// Checked by ignoring the device cookie in `AccountService.signIn`: the owner's remembered browser was then refused
    /// with 429 once the distributed attack passed the per-email ceiling, and this test failed.
    @Test("past the per-email ceiling, new browsers wait out the window but the owner's remembered browser still signs in")
    func rememberedDeviceKeepsAccess() async throws {
        var app = try await TestApp(store: .memory)
        app.trustForwardedFor(true)
        try await app.run { client in
            _ = try await client.register("ada@example.org")
            // The owner signed in from this browser before: it holds a device cookie.
            let earlier = try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "198.51.100.7"], json: right)
            let deviceCookie = try #require(earlier.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.deviceBaseName + "=") })
            let device = String(deviceCookie.split(separator: ";")[0])
            // Eleven addresses guess five times each: 55 failures, over the ceiling of 50.
            for address in 0..<11 {
                for _ in 0..<5 {
                    _ = try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "203.0.113.\(address)"], json: wrong)
                }
            }
            let newBrowser = try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "198.51.100.8"], json: right)
            #expect(newBrowser.status == .tooManyRequests)
            let remembered = try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "198.51.100.8", .cookie: device], json: right)
            #expect(remembered.status == .ok, "\(remembered.text)")
            // A device cookie that this account never saw counts as a new browser.
            let forged = try await client.send(.post, "/api/v1/account/login",
                headers: [forwardedFor: "198.51.100.9", .cookie: "\(SessionCookie.deviceBaseName)=\(String(repeating: "ab", count: 32))"], json: right)
            #expect(forged.status == .tooManyRequests)
        }
    }

    /// Checked by removing the reservation from `AccountService.register`: the eleventh registration then answered 201
    /// and this test failed.
    @Test("registration is limited to 10 an hour per address; another address is not affected", arguments: StoreKind.allCases)
    func registrationLimit(store: StoreKind) async throws {
        var configured = try await TestApp(store: store)
        configured.trustForwardedFor(true)
        let app = configured
        try await app.run { client in
            func register(_ i: Int, from address: String) async throws -> TestResponse {
                try await client.send(.post, "/api/v1/account/register", headers: [forwardedFor: address],
                    json: #"{"email": "user\#(i)@example.org", "password": "correct horse battery", "display_name": "U"}"#)
            }
            for i in 0..<10 { #expect(try await register(i, from: "203.0.113.5").status == .created) }
            let refused = try await register(10, from: "203.0.113.5")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "3600")
            #expect(try await register(11, from: "203.0.113.6").status == .created)
            app.clock.advance(3600 + 1)
            #expect(try await register(12, from: "203.0.113.5").status == .created)
        }
    }
}

@Suite("Client addresses behind a proxy")
struct ForwardedForTests {
    /// Sends 25 failed sign-ins whose X-Forwarded-For starts with a rotating fake address, as a client behind an
    /// appending proxy can, and returns the statuses.
    static func rotateFirstEntry(trust: Bool) async throws -> [HTTPResponse.Status] {
        var app = try await TestApp(store: .memory)
        app.trustForwardedFor(trust)
        return try await app.run { client in
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<25 {
                statuses.append(try await client.send(.post, "/api/v1/account/login", headers: [forwardedFor: "198.51.100.\(100 + i), 203.0.113.9"],
                    json: #"{"email": "user\#(i)@example.org", "password": "guess guess"}"#).status)
            }
            return statuses
        }
    }

    /// Checked by restoring the first-entry rule in `RequestIDMiddleware`: every one of the 25 guesses was then
    /// evaluated (no 429) and this test failed.
    @Test("with --trust-forwarded-for the address is the one the trusted proxy appended; rotating the first entry does not escape the limit")
    func rotatingFirstEntry() async throws {
        let trusted = try await Self.rotateFirstEntry(trust: true)
        #expect(trusted.prefix(20).allSatisfy { $0 == .unauthorized })
        #expect(trusted.dropFirst(20).allSatisfy { $0 == .tooManyRequests })
        // Without trust the header is ignored: every request is from the one peer address, limited the same way.
        let untrusted = try await Self.rotateFirstEntry(trust: false)
        #expect(untrusted.dropFirst(20).allSatisfy { $0 == .tooManyRequests })
    }

    @Test("the client is the entry that many hops from the right; too few entries or a non-address mean the peer address")
    func hops() {
        #expect(ForwardedFor.client(header: "198.51.100.1, 203.0.113.9", hops: 1) == "203.0.113.9")
        #expect(ForwardedFor.client(header: "fake, 198.51.100.7, 10.0.0.1", hops: 2) == "198.51.100.7")
        #expect(ForwardedFor.client(header: "198.51.100.7,10.0.0.1", hops: 2) == "198.51.100.7")
        #expect(ForwardedFor.client(header: "10.0.0.1", hops: 2) == nil)
        #expect(ForwardedFor.client(header: "", hops: 1) == nil)
        #expect(ForwardedFor.client(header: "2001:db8::1", hops: 1) == "2001:db8::1")
        #expect(ForwardedFor.client(header: "evil|key", hops: 1) == nil)
    }
}
