import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Concurrent answers")
struct ConcurrentAnswerTests {
    /// Two browser tabs (or two server processes) racing on one exam: every request gets 200 or 409, never 5xx, and
    /// exactly the acknowledged answers are in the store afterwards: an answer is durable once it is acknowledged.
    @Test("racing answers are each acknowledged or refused with 409, and every acknowledged answer is stored", arguments: StoreKind.allCases)
    func race(store: StoreKind) async throws {
        let app = try TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let exam = try sessionID(try await client.startSession(ada, kind: "exam"))
            var chooseCounts: [Int: Int] = [:]
            for position in 0..<12 {
                let view = try await client.send(.get, "/api/v1/sessions/\(exam)?position=\(position)", headers: ada.bearer).json()
                chooseCounts[position] = try #require(try question(view)["choose"] as? Int)
            }
            let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for position in 0..<12 {
                    let letters = ["A", "B", "C"].prefix(chooseCounts[position] ?? 1).map { "\"\($0)\"" }.joined(separator: ",")
                    group.addTask {
                        let response = try await client.send(.post, "/api/v1/sessions/\(exam)/answers", headers: ada.bearer,
                            json: #"{"position": \#(position), "choices": [\#(letters)]}"#)
                        return (position, response.status.code)
                    }
                }
                return try await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.1 == 200 || $0.1 == 409 }, "\(results)")
            let acknowledged = Set(results.filter { $0.1 == 200 }.map(\.0))
            #expect(!acknowledged.isEmpty)
            let stored = try #require(try await app.store.session(id: exam)).state
            #expect(Set(stored.answers.keys) == acknowledged)
        }
    }
}
