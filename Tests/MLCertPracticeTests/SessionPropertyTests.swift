import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics
import Testing

@Suite("Session properties")
struct SessionPropertyTests {
    @Test("random command sequences: the log replays to the live state, numbers stay gap-free, and nothing follows the end",
          arguments: [SessionKind.exam, .practice])
    func randomCommands(kind: SessionKind) async throws {
        var rng = SeededGenerator(seed: kind == .exam ? 101 : 202)
        for round in 0..<30 {
            let store = InMemoryLearnerStore()
            let (service, clock, _) = try await makeService(store: store)
            var state = kind == .exam
                ? try await service.startExam(learnerID: "ada", credentialID: "databricks-ml-professional", seed: UInt64(round + 1), timeLimitMinutes: 30)
                : try await service.startDrill(learnerID: "ada", credentialID: "databricks-ml-professional", filter: .init(count: 8), seed: UInt64(round + 1))
            var acknowledged: [Int: [Int]] = [:]
            for _ in 0..<60 {
                clock.advance(Double.random(in: 0...70, using: &rng))
                let position = Int.random(in: -1...state.items.count, using: &rng)
                let command: SessionEngine.Command = switch Int.random(in: 0..<10, using: &rng) {
                case 0...5: .answer(position: position, shown: (0..<Int.random(in: 1...3, using: &rng)).map { _ in Int.random(in: 0...5, using: &rng) })
                case 6: .view(position: position)
                case 7, 8: .flag(position: position, on: Bool.random(using: &rng))
                default: .submit
                }
                do {
                    state = try await service.perform(command, session: state.header.id, learnerID: "ada").state
                    if case .answer(let p, _) = command, let answer = state.answers[p] { acknowledged[p] = answer.selected }
                } catch let error as SessionError {
                    // Refusals are the learner's mistakes, never a lost answer: the state is what it was.
                    let stored = try await service.session(state.header.id, learnerID: "ada")
                    #expect(stored.answers.count >= state.answers.count || error == .timeUp)
                    if error == .finished || error == .timeUp { break }
                }
            }
            let stored = try #require(try await store.session(id: state.header.id))
            #expect(stored.events.map(\.sequence) == Array(0..<stored.events.count))
            if let end = stored.events.firstIndex(where: { if case .finished = $0.change { true } else { false } }) {
                #expect(end == stored.events.count - 1, "no event after the session ended")
            }
            let replayed = stored.state
            for (position, selected) in acknowledged {
                #expect(replayed.answers[position]?.selected == selected, "acknowledged answer to \(position) kept")
            }
            #expect(replayed.answers.keys.allSatisfy { p in replayed.items.contains { $0.position == p } })
            if let deadline = replayed.header.deadline {
                #expect(replayed.answerLog.allSatisfy { $0.at < deadline }, "no answer recorded at or after the deadline")
            }
        }
    }
}
