import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

/// JSON keys that carry a key, a rationale, an explanation or a verdict. None may appear for an open mock exam or
/// diagnostic.
let revealingKeys: Set<String> = ["key", "rationale", "rationales", "explanation", "correct", "feedback", "chosen_correct", "is_correct", "answer_key"]

/// Every key anywhere in a JSON document.
func allKeys(_ value: Any) -> Set<String> {
    switch value {
    case let object as [String: Any]: Set(object.keys).union(object.values.flatMap(allKeys))
    case let array as [Any]: array.reduce(into: Set<String>()) { $0.formUnion(allKeys($1)) }
    default: []
    }
}

@Suite("Exam integrity: nothing about the answers leaves the server before the end")
struct ExamIntegrityTests {
    /// Checked by three local edits, one at a time: feedback for every kind in `SessionDetail`, `state.correctCount` in
    /// `SessionSummary` for open sessions, and verdicts in the export of open sessions; this test failed each time.
    @Test("an open mock exam and diagnostic reveal no key, rationale, explanation or verdict in any JSON; the report does after submission",
          arguments: ["exam", "diagnostic"])
    func openSessionsRevealNothing(kind: String) async throws {
        let app = try await TestApp(store: .sqlite)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let start = try await client.startSession(ada, kind: kind)
            let id = try sessionID(start)
            var documents: [(String, TestResponse)] = [("start", try await client.send(.get, "/api/v1/sessions/\(id)", headers: ada.bearer))]

            // Answer a few questions (the exam by position, the diagnostic at its cursor) and keep every answer response.
            for step in 0..<4 {
                let detail = try await client.send(.get, "/api/v1/sessions/\(id)", headers: ada.bearer).json()
                let current = try question(detail)
                let position = try #require(current["position"] as? Int)
                let choose = try #require(current["choose"] as? Int)
                let letters = ["A", "B", "C", "D"].prefix(choose).map { "\"\($0)\"" }.joined(separator: ", ")
                let answer = try await client.send(.post, "/api/v1/sessions/\(id)/answers", headers: ada.bearer,
                    json: #"{"position": \#(position), "choices": [\#(letters)]}"#)
                #expect(answer.status == .ok, "\(answer.text)")
                documents.append(("answer \(step)", answer))
                if kind == "exam" {
                    _ = try await client.send(.post, "/api/v1/sessions/\(id)/views", headers: ada.bearer, json: #"{"position": \#(position + 1)}"#)
                }
            }
            let flag = try await client.send(.post, "/api/v1/sessions/\(id)/flags", headers: ada.bearer, json: #"{"position": 0, "flagged": true}"#)
            documents.append(("flag", flag))
            // Every question view of the form, answered or not.
            let detail = try await client.send(.get, "/api/v1/sessions/\(id)", headers: ada.bearer).json()
            let grid = try #require(detail["grid"] as? [[String: Any]])
            for cell in grid {
                let position = try #require(cell["position"] as? Int)
                documents.append(("question \(position)", try await client.send(.get, "/api/v1/sessions/\(id)?position=\(position)", headers: ada.bearer)))
            }
            documents.append(("list", try await client.send(.get, "/api/v1/sessions", headers: ada.bearer)))
            let report = try await client.send(.get, "/api/v1/sessions/\(id)/report", headers: ada.bearer)
            #expect(report.status == .conflict)
            #expect(report.errorCode == "session_open")
            documents.append(("report while open", report))

            for (name, response) in documents {
                let keys = allKeys(try JSONSerialization.jsonObject(with: Data(buffer: response.body)))
                #expect(keys.isDisjoint(with: revealingKeys), "\(name) reveals \(keys.intersection(revealingKeys))")
            }
            // The export keeps the answers but not their verdicts while the session is open.
            let export = try await client.send(.get, "/api/v1/account/export", headers: ada.bearer)
            let exportKeys = allKeys(try JSONSerialization.jsonObject(with: Data(buffer: export.body)))
            #expect(exportKeys.contains("selected"))
            #expect(!exportKeys.contains("correct"))
            // Answers in an open exam do not move readiness (it counts only answers whose key was seen).
            let readiness = try await client.send(.get, "/api/v1/readiness?credential=google-pmle", headers: ada.bearer).json()
            #expect(readiness["answered"] as? Int == 0)

            // After submission the report has keys, rationales and explanations, and the export the verdicts.
            if kind == "exam" {
                #expect(try await client.send(.post, "/api/v1/sessions/\(id)/submit", headers: ada.bearer).status == .ok)
            } else {
                #expect(try await client.send(.post, "/api/v1/sessions/\(id)/submit", headers: ada.bearer).status.code < 500)
            }
            let finished = try await client.send(.get, "/api/v1/sessions/\(id)/report", headers: ada.bearer)
            #expect(finished.status == .ok, "\(finished.text)")
            let reportKeys = allKeys(try JSONSerialization.jsonObject(with: Data(buffer: finished.body)))
            #expect(reportKeys.isSuperset(of: ["key", "rationale", "explanation", "correct"]))
            let exportAfter = allKeys(try JSONSerialization.jsonObject(with: Data(buffer: try await client.send(.get, "/api/v1/account/export",
                headers: ada.bearer).body)))
            #expect(exportAfter.contains("correct"))
        }
    }

    @Test("a drill gives feedback with the key right after each answer (the contrast that shows the check can see keys)")
    func drillsDoGiveFeedback() async throws {
        try await TestApp(store: .memory).run { client in
            let ada = try await client.register("ada@example.org")
            let id = try sessionID(try await client.startSession(ada, kind: "drill", extra: #", "count": 2"#))
            let answer = try await client.answer(ada, session: id, position: 0)
            let keys = allKeys(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)))
            #expect(keys.isSuperset(of: ["key", "rationale", "explanation", "correct", "feedback"]))
        }
    }

    @Test("the exam clock is the server's: past the deadline an answer is refused and the exam is submitted as it stood")
    func serverClock() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let start = try await client.startSession(ada, kind: "exam", extra: #", "time_limit_minutes": 1"#)
            let id = try sessionID(start)
            let remaining = try #require(start["seconds_remaining"] as? Double)
            #expect(remaining == 60)
            #expect(try await client.answer(ada, session: id, position: 0).status == .ok)
            app.clock.advance(61)
            let late = try await client.send(.post, "/api/v1/sessions/\(id)/answers", headers: ada.bearer, json: #"{"position": 1, "choices": ["A", "B", "C"]}"#)
            #expect(late.status == .conflict)
            #expect(late.errorCode == "time_up")
            let report = try await client.send(.get, "/api/v1/sessions/\(id)/report", headers: ada.bearer).json()
            #expect(report["answered"] as? Int == 1)
            #expect(report["finish_reason"] as? String == "time_up")
        }
    }
}
