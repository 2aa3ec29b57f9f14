import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// Every route that takes an id, with a request that would succeed for the owner.
let idRoutes: [(HTTPRequest.Method, String, String?)] = [
    (.get, "/api/v1/sessions/{id}", nil),
    (.get, "/api/v1/sessions/{id}?position=1", nil),
    (.post, "/api/v1/sessions/{id}/answers", #"{"position": 0, "choices": ["A"]}"#),
    (.post, "/api/v1/sessions/{id}/flags", #"{"position": 0, "flagged": true}"#),
    (.post, "/api/v1/sessions/{id}/views", #"{"position": 1}"#),
    (.post, "/api/v1/sessions/{id}/submit", nil),
    (.post, "/api/v1/sessions/{id}/reports", #"{"question": 1, "kind": "typo", "comment": "a stray comma"}"#),
    (.get, "/api/v1/sessions/{id}/report", nil),
]

@Suite("A learner reaches only their own data")
struct OwnershipTests {
    /// Checked by making `PracticeService.session` skip its owner check (a local edit, reverted): Bob then read and
    /// answered Ada's exam and this test failed on every route.
    @Test("another learner's session id answers 404, exactly like an unknown id, on every id route, and nothing changes",
          arguments: StoreKind.allCases)
    func otherLearnersSessions(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let bob = try await client.register("bob@example.org")
            let adaExam = try sessionID(try await client.startSession(ada, kind: "exam"))
            let before = try #require(try await app.store.session(id: adaExam))
            for (method, template, body) in idRoutes {
                let mine = try await client.send(method, template.replacingOccurrences(of: "{id}", with: adaExam), headers: bob.bearer, json: body)
                let unknown = try await client.send(method, template.replacingOccurrences(of: "{id}", with: "0123456789abcdef0123456789abcdef"),
                    headers: bob.bearer, json: body)
                #expect(mine.status == .notFound, "\(method) \(template): \(mine.text)")
                #expect(mine.errorCode == "not_found")
                #expect(unknown.status == .notFound)
                // Same shape and same wording apart from the id itself.
                #expect(mine.text.replacingOccurrences(of: adaExam, with: "ID") == unknown.text.replacingOccurrences(of: "0123456789abcdef0123456789abcdef", with: "ID"))
            }
            let after = try #require(try await app.store.session(id: adaExam))
            #expect(after.events == before.events)
            // Bob's lists hold nothing of Ada's.
            let list = try await client.send(.get, "/api/v1/sessions", headers: bob.bearer)
            #expect(!list.text.contains(adaExam))
            let export = try await client.send(.get, "/api/v1/account/export", headers: bob.bearer)
            #expect(!export.text.contains(adaExam))
            #expect(!export.text.contains(ada.id))
            // Ada still reaches her own exam.
            #expect(try await client.send(.get, "/api/v1/sessions/\(adaExam)", headers: ada.bearer).status == .ok)
        }
    }

    @Test("progress, readiness and plans from progress read only the signed-in learner's answers", arguments: StoreKind.allCases)
    func progressIsPerLearner(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            let ada = try await client.register("ada@example.org")
            let bob = try await client.register("bob@example.org")
            let drill = try await client.startSession(ada, kind: "drill", extra: #", "count": 3"#)
            let id = try sessionID(drill)
            for position in 0..<3 {
                let answer = try await client.answer(ada, session: id, position: position)
                #expect(answer.status == .ok, "\(answer.text)")
            }
            let adaProgress = try await client.send(.get, "/api/v1/progress?credential=google-pmle", headers: ada.bearer).json()
            let bobProgress = try await client.send(.get, "/api/v1/progress?credential=google-pmle", headers: bob.bearer).json()
            #expect(adaProgress["answers_given"] as? Int == 3)
            #expect(bobProgress["answers_given"] as? Int == 0)
            let bobReadiness = try await client.send(.get, "/api/v1/readiness?credential=google-pmle", headers: bob.bearer).json()
            #expect(bobReadiness["answered"] as? Int == 0)
            let adaPlan = try await client.send(.post, "/api/v1/plan", headers: ada.bearer, json: #"{"credential": "google-pmle", "from_progress": true}"#)
            let bobPlan = try await client.send(.post, "/api/v1/plan", headers: bob.bearer, json: #"{"credential": "google-pmle", "from_progress": true}"#)
            #expect(adaPlan.status == .ok)
            #expect(bobPlan.status == .ok)
            #expect(adaPlan.text.contains("\"practice_score\""))
            #expect(!bobPlan.text.contains("\"practice_score\""))
        }
    }
}
