import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Login lifetime, signing out everywhere and password changes")
struct LoginLifetimeTests {
    /// Checked by removing the idle check from `AccountService.current`: the login left alone for 12 hours then still
    /// answered 200 and this test failed.
    @Test("a login unused for 12 hours ends; one in use lasts until its 14 days are up", arguments: StoreKind.allCases)
    func idleAndAbsolute(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            for _ in 0..<31 {  // used every 11 hours (0 h to 330 h), never idle for 12; at 341 h the 14 days (336 h) are up
                #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .ok)
                app.clock.advance(11 * 3600)
            }
            #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .unauthorized)

            let bob = try await client.register("bob@example.org")
            app.clock.advance(12 * 3600 + 1)
            #expect(try await client.send(.get, "/api/v1/account", headers: bob.bearer).status == .unauthorized)
            #expect(try await app.store.login(tokenHash: TokenGenerator.hash(bob.token)) == nil)
        }
    }

    /// The account page's forms: a password change says how many other logins ended and keeps this browser signed in;
    /// "sign out everywhere" ends this browser's login too.
    @Test("the account page changes the password and signs out everywhere")
    func accountPageForms() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register(email: "ada@example.org")
            let token = try await client.signIn("ada@example.org")
            try await browser.get("/account")
            let wrong = try await browser.post("/account/password", [("current_password", "nope nope nope"), ("new_password", "another long phrase")])
            #expect(wrong.status == .forbidden)
            #expect(wrong.html.contains("not your current password"))
            let changed = try await browser.post("/account/password", [("current_password", "correct horse battery"), ("new_password", "another long phrase")])
            #expect(changed.status == .ok)
            #expect(changed.html.contains("1 other login was signed out"))
            #expect(try await client.send(.get, "/api/v1/account", headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            #expect(try await browser.get("/account").status == .ok)
            let out = try await browser.post("/account/logout-everywhere", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/account").status == .seeOther)
        }
    }

    /// Checked by making `signOutEverywhere` delete only the current login: the other login then still answered 200.
    @Test("sign out everywhere ends every login of the account, and no other account's", arguments: StoreKind.allCases)
    func signOutEverywhere(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let first = try await client.register("ada@example.org")
            let secondToken = try await client.signIn("ada@example.org")
            let bob = try await client.register("bob@example.org")
            let response = try await client.send(.post, "/api/v1/account/logout-everywhere", headers: first.bearer)
            #expect(response.status == .ok)
            #expect(try response.json()["signed_out"] as? Int == 2)
            #expect(try await client.send(.get, "/api/v1/account", headers: first.bearer).status == .unauthorized)
            #expect(try await client.send(.get, "/api/v1/account", headers: [.authorization: "Bearer \(secondToken)"]).status == .unauthorized)
            #expect(try await client.send(.get, "/api/v1/account", headers: bob.bearer).status == .ok)
        }
    }

    /// Checked by skipping `deleteLogins` in `changePassword`: the other login then survived the change.
    @Test("a password change needs the current password, refuses common passwords, and ends every other login", arguments: StoreKind.allCases)
    func changePassword(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let otherToken = try await client.signIn("ada@example.org")
            let wrong = try await client.send(.post, "/api/v1/account/password", headers: ada.bearer,
                json: #"{"current_password": "not it at all", "new_password": "a brand new phrase"}"#)
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorCode == "wrong_password")
            let common = try await client.send(.post, "/api/v1/account/password", headers: ada.bearer,
                json: #"{"current_password": "correct horse battery", "new_password": "password1234"}"#)
            #expect(common.status == .badRequest)
            #expect(common.text.contains("new_password"))
            let changed = try await client.send(.post, "/api/v1/account/password", headers: ada.bearer,
                json: #"{"current_password": "correct horse battery", "new_password": "a brand new phrase"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.json()["signed_out"] as? Int == 1)
            #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .ok)
            #expect(try await client.send(.get, "/api/v1/account", headers: [.authorization: "Bearer \(otherToken)"]).status == .unauthorized)
            #expect(try await client.send(.post, "/api/v1/account/login",
                json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#).status == .unauthorized)
            #expect(try await client.send(.post, "/api/v1/account/login",
                json: #"{"email": "ada@example.org", "password": "a brand new phrase"}"#).status == .ok)
        }
    }

    /// Checked by removing the `CommonPasswords` check from `AccountRules.password` (and, for "aaaaaaaa", the repeated
    /// character rule): these registrations then answered 201 and this test failed.
    @Test("registration refuses the most common passwords, whatever their case, and one character repeated", arguments: ["password", "12345678", "aaaaaaaa", "Baseball", "qwertyuiop"])
    func commonPasswords(password: String) async throws {
        try await TestApp(store: .memory).run { client in
            let response = try await client.send(.post, "/api/v1/account/register",
                json: #"{"email": "ada@example.org", "password": "\#(password)", "display_name": "Ada"}"#)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_field")
            #expect(response.text.contains("password: this is one of the most common passwords") || response.text.contains("password: a password of one repeated character"))
        }
    }

    /// Checked by leaving the login rows out of `prune` (SQLite, PostgreSQL and memory each): the expired login was
    /// then still stored and this test failed.
    @Test("pruning deletes attempts older than every window and logins that have ended, and nothing else", arguments: StoreKind.allCases)
    func pruning(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let idle = try await client.register("idle@example.org")
            for _ in 0..<3 {
                _ = try await client.send(.post, "/api/v1/account/login", json: #"{"email": "idle@example.org", "password": "wrong wrong"}"#)
            }
            app.clock.advance(13 * 3600)
            let active = try await client.register("active@example.org")
            let pruned = try await app.dependencies.configured(by: app.configuration).accounts.prune()
            #expect(pruned.logins == 1)
            #expect(pruned.attempts >= 3)  // the three failures, and the registrations more than an hour old
            #expect(try await app.store.login(tokenHash: TokenGenerator.hash(idle.token)) == nil)
            #expect(try await app.store.login(tokenHash: TokenGenerator.hash(active.token)) != nil)
            #expect(try await app.store.attempts(key: "register:unknown", since: .distantPast) == 1)
        }
    }
}
