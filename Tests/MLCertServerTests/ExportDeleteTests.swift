import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

@Suite("A learner can export and delete their data")
struct ExportDeleteTests {
    @Test("the export holds the account (without its hash), the learner and every answer with its item", arguments: StoreKind.allCases)
    func export(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            let ada = try await client.register("ada@example.org")
            let drill = try sessionID(try await client.startSession(ada, kind: "drill", extra: #", "count": 2"#))
            let first = try await client.answer(ada, session: drill, position: 0)
            let answered = try #require((try first.json()["feedback"] as? [String: Any])?["item_id"] as? String)
            let response = try await client.send(.get, "/api/v1/account/export", headers: ada.bearer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(!response.text.contains("$2b$"))
            #expect(!response.text.contains("password"))
            let json = try response.json()
            #expect((json["account"] as? [String: Any])?["email"] as? String == "ada@example.org")
            #expect((json["learner"] as? [String: Any])?["display_name"] as? String == "ada")
            let sessions = try #require(json["sessions"] as? [[String: Any]])
            let session = try #require(sessions.first { $0["id"] as? String == drill })
            let events = try #require(session["events"] as? [[String: Any]])
            let answers = events.filter { $0["change"] as? String == "answered" }
            #expect(answers.count == 1)
            #expect(answers.first?["item_id"] as? String == answered)
            #expect(answers.first?["correct"] is Bool)
            #expect(answers.first?["selected"] is [Int])
        }
    }

    /// Checked by making the route only sign out instead of deleting (a local edit, reverted): the account, learner and
    /// sessions were then still found and this test failed.
    @Test("deleting the account removes the account, learner, sessions, answers and logins, and needs the CSRF token", arguments: StoreKind.allCases)
    func delete(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let bob = try await client.register("bob@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            try await client.answer(ada, session: exam, position: 0)
            let bobsDrill = try sessionID(try await client.startSession(bob, kind: "drill"))
            #expect(try await client.send(.delete, "/api/v1/account", headers: ada.cookieWithoutCSRF).status == .forbidden)

            let deleted = try await client.send(.delete, "/api/v1/account", headers: ada.cookie)
            #expect(deleted.status == .noContent)
            #expect(deleted.headers[values: .setCookie].contains { $0.hasPrefix("\(SessionCookie.baseName)=;") && $0.contains("Max-Age=0") })
            #expect(try await app.store.account(id: ada.id) == nil)
            #expect(try await app.store.account(email: "ada@example.org") == nil)
            #expect(try await app.store.learner(id: ada.id) == nil)
            #expect(try await app.store.sessions(learnerID: ada.id).isEmpty)
            #expect(try await app.store.session(id: exam) == nil)
            #expect(try await app.store.login(tokenHash: TokenGenerator.hash(ada.token)) == nil)
            #expect(try await client.send(.get, "/api/v1/account", headers: ada.bearer).status == .unauthorized)
            // Bob is untouched, and the email can be registered again.
            #expect(try await app.store.session(id: bobsDrill) != nil)
            #expect(try await client.send(.get, "/api/v1/account", headers: bob.bearer).status == .ok)
            _ = try await client.register("ada@example.org")
        }
    }
}
