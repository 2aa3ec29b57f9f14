import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

@Suite("Accounts: register, sign in, sign out, cookies")
struct AccountRouteTests {
    @Test("register signs in; me answers with the account; logout ends the token at once", arguments: StoreKind.allCases)
    func registerLoginLogout(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            let ada = try await client.register("ada@example.org")
            let me = try await client.send(.get, "/api/v1/account", headers: ada.bearer)
            #expect(me.status == .ok)
            let json = try me.json()
            #expect(json["email"] as? String == "ada@example.org")
            #expect(json["display_name"] as? String == "ada")
            #expect(json["password_hash"] == nil)
            #expect(!me.text.contains("$2b$"))

            let login = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "ADA@example.org", "password": "correct horse battery"}"#)
            #expect(login.status == .ok)
            let second = try #require(try login.json()["token"] as? String)
            #expect(second != ada.token)

            let logout = try await client.send(.post, "/api/v1/account/logout", headers: ada.bearer)
            #expect(logout.status == .noContent)
            let after = try await client.send(.get, "/api/v1/account", headers: ada.bearer)
            #expect(after.status == .unauthorized)
            // The other login is untouched.
            #expect(try await client.send(.get, "/api/v1/account", headers: [.authorization: "Bearer \(second)"]).status == .ok)
        }
    }

    /// Fails without `BcryptInput`: bcrypt then reads only the first 72 bytes, so the second password below (which
    /// differs only after them) signs in too; and fails if the 72-byte limit comes back, since the first registration
    /// is then refused although the OpenAPI document allows it.
    @Test("a password longer than bcrypt's 72 bytes is kept whole: only the exact password signs in")
    func longPasswordsAreKeptWhole() async throws {
        try await TestApp(store: .memory).run { client in
            let words = String(repeating: "日本語のパスワード", count: 4)   // 36 characters, 108 bytes
            let register = try await client.send(.post, "/api/v1/account/register",
                json: #"{"email": "kana@example.org", "password": "\#(words)1", "display_name": "K"}"#)
            #expect(register.status == .created, "\(register.text)")
            let exact = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "kana@example.org", "password": "\#(words)1"}"#)
            #expect(exact.status == .ok)
            let tail = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "kana@example.org", "password": "\#(words)2"}"#)
            #expect(tail.status == .unauthorized, "a password differing after byte 72 signed in")
            let tooLong = try await client.send(.post, "/api/v1/account/register",
                json: #"{"email": "long@example.org", "password": "\#(String(repeating: "ab", count: 129))", "display_name": "L"}"#)
            #expect(tooLong.status == .badRequest && tooLong.text.contains("256"))
        }
    }

    @Test("anonymous requests to account routes answer 401 with the error shape")
    func unauthenticated() async throws {
        try await TestApp(store: .memory).run { client in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/account"), (.get, "/api/v1/account/export"), (.get, "/api/v1/sessions"),
                                  (.get, "/api/v1/progress?credential=google-pmle")] {
                let response = try await client.send(method, uri)
                #expect(response.status == .unauthorized, "\(uri)")
                #expect(response.errorCode == "unauthenticated", "\(uri)")
            }
            let forged = try await client.send(.get, "/api/v1/account", headers: [.authorization: "Bearer " + String(repeating: "a", count: 64)])
            #expect(forged.status == .unauthorized)
            #expect(forged.errorCode == "invalid_token")
        }
    }

    @Test("bad registrations name the field; a taken email is 409", arguments: StoreKind.allCases)
    func badRegistrations(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            _ = try await client.register("ada@example.org")
            let cases: [(String, String)] = [
                (#"{"email": "not-an-email", "password": "long enough", "display_name": "A"}"#, "email"),
                (#"{"email": "b@example.org", "password": "short", "display_name": "B"}"#, "password"),
                (#"{"email": "b@example.org", "password": "long enough", "display_name": "   "}"#, "display_name"),
                (#"{"email": "b@example.org", "display_name": "B"}"#, "password"),
            ]
            for (body, field) in cases {
                let response = try await client.send(.post, "/api/v1/account/register", json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "invalid_field")
                let message = (try response.json()["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix(field), "\(message)")
            }
            let taken = try await client.send(.post, "/api/v1/account/register",
                json: #"{"email": " Ada@Example.org", "password": "another password", "display_name": "Imposter"}"#)
            #expect(taken.status == .conflict)
            #expect(taken.errorCode == "email_taken")
        }
    }

    @Test("a wrong password and an unknown email both answer 401 invalid_credentials", arguments: StoreKind.allCases)
    func wrongPassword(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            _ = try await client.register("ada@example.org")
            for body in [#"{"email": "ada@example.org", "password": "wrong password"}"#, #"{"email": "nobody@example.org", "password": "whatever it is"}"#] {
                let response = try await client.send(.post, "/api/v1/account/login", json: body)
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "invalid_credentials")
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    /// Checked by three local edits of `SessionCookie`, one at a time: `httpOnly: false`, `sameSite: .none`, and
    /// `secure: false` regardless of the setting; each made this test fail. The `__Host-` names were checked by
    /// making `SessionCookie.prefixed` return the name unchanged: the secure case then failed.
    @Test("the session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure with a __Host- name exactly when configured", arguments: [false, true])
    func cookieFlags(secure: Bool) async throws {
        try await TestApp(store: .memory, secureCookies: secure).run { client in
            let response = try await client.send(.post, "/api/v1/account/register",
                json: #"{"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada"}"#)
            let cookies = response.headers[values: .setCookie]
            let name = secure ? "__Host-mlcert_session" : "mlcert_session"
            let session = try #require(cookies.first { $0.hasPrefix("\(name)=") }, "\(cookies)")
            let attributes = Set(session.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=lax"))
            #expect(attributes.contains("path=/"))
            #expect(attributes.contains("secure") == secure)
            #expect(!attributes.contains { $0.hasPrefix("domain") })
            let token = try #require(try response.json()["token"] as? String)
            #expect(session.hasPrefix("\(name)=\(token);"))
            // The anonymous CSRF cookie has the same protections.
            let csrfName = secure ? "__Host-mlcert_csrf" : "mlcert_csrf"
            let csrf = try #require(cookies.first { $0.hasPrefix("\(csrfName)=") })
            #expect(csrf.lowercased().contains("httponly"))
            #expect(csrf.lowercased().contains("secure") == secure)
        }
    }

    @Test("the store keeps only the SHA-256 of a login token, and an expired login stops working", arguments: StoreKind.allCases)
    func hashedAndExpiring(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            #expect(try await app.store.login(tokenHash: ada.token) == nil)
            let stored = try #require(try await app.store.login(tokenHash: TokenGenerator.hash(ada.token)))
            #expect(stored.accountID == ada.id)
            #expect(stored.expiresAt.timeIntervalSince(stored.createdAt) == 14 * 24 * 3600)
            app.clock.advance(14 * 24 * 3600 + 1)
            let expired = try await client.send(.get, "/api/v1/account", headers: ada.bearer)
            #expect(expired.status == .unauthorized)
            #expect(try await app.store.login(tokenHash: TokenGenerator.hash(ada.token)) == nil)
        }
    }
}
