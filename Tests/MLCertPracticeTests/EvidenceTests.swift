import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics
import Testing

/// What counts as evidence of readiness: first attempts before the key was shown, never answers after it.
@Suite("Readiness evidence")
struct EvidenceTests {
    func answerAll(_ service: PracticeService, _ state: SessionState, correct: (PresentedItem) -> Bool) async throws {
        for item in state.items {
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: correct(item))), session: state.header.id, learnerID: "ada")
        }
    }

    @Test("right answers after the key was shown (a review, a repeated drill) never raise readiness")
    func repeatsDoNotCount() async throws {
        let (service, clock, _) = try await makeService()
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 30), seed: 3)
        try await answerAll(service, drill) { _ in false }
        let before = try await service.readiness(learnerID: "ada", credentialID: "google-pmle")
        #expect(before.answered == 30 && before.correct == 0)
        // The same questions again, now answered right from memory: a missed-items drill, then (days later) a review.
        let again = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(missed: true, count: 100), seed: 4)
        #expect(Set(again.items.map(\.itemID)) == Set(drill.items.map(\.itemID)))
        try await answerAll(service, again) { _ in true }
        let repeated = try await service.readiness(learnerID: "ada", credentialID: "google-pmle")
        #expect(repeated.answered == 30 && repeated.correct == 0)
        #expect(repeated.probabilityOfPassing == before.probabilityOfPassing)
        #expect(repeated.evidence.repeatsLeftOut == 30)
        clock.advance(30 * 86_400)
        let review = try #require(try await service.startReview(learnerID: "ada", credentialID: "google-pmle", limit: 100))
        try await answerAll(service, review) { _ in true }
        let after = try await service.readiness(learnerID: "ada", credentialID: "google-pmle")
        let repeatedIDs = Set(drill.items.map(\.itemID))
        let fresh = review.items.filter { !repeatedIDs.contains($0.itemID) }.count  // objective cards bring new questions
        #expect(after.answered == 30 + fresh)
        #expect(after.correct == fresh)
        // The old rule (latest answer) would have counted 30 right answers; readiness must stay far below that.
        let everyAnswer = try await service.estimator(format: ExamFormat(credential: content.catalog.requireCredential("google-pmle")),
            blueprint: try #require(content.catalog.requireCredential("google-pmle").currentBlueprint))
        let history = try await service.history(learnerID: "ada")
        var latest: [String: LearnerHistory.Entry] = [:]
        for entry in history.revealed { latest[entry.answer.itemID] = entry }
        let naive = everyAnswer.estimate(evidence: Array(latest.values), revealedCount: history.revealed.count, at: clock.date)
        #expect(naive.probabilityOfPassing > after.probabilityOfPassing + 0.1, "latest answers \(naive.probabilityOfPassing) vs first \(after.probabilityOfPassing)")
    }

    @Test("a mock exam's final answers are first attempts; its unanswered questions are not fresh afterwards")
    func examAnswers() async throws {
        let (service, _, _) = try await makeService()
        let exam = try await service.startExam(learnerID: "ada", credentialID: "aws-mla-c01", seed: 5)
        let answered = Array(exam.items.prefix(10))
        for item in answered {
            // A changed answer: wrong first, then right; the final answer is the attempt.
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: false)), session: exam.header.id, learnerID: "ada")
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item)), session: exam.header.id, learnerID: "ada")
        }
        #expect(try await service.readiness(learnerID: "ada", credentialID: "aws-mla-c01").answered == 0, "nothing counts while the exam is open")
        _ = try await service.perform(.submit, session: exam.header.id, learnerID: "ada")
        let afterExam = try await service.readiness(learnerID: "ada", credentialID: "aws-mla-c01")
        #expect(afterExam.answered == 10 && afterExam.correct == 10)
        // The report showed every question's key, answered or not: drilling the unanswered ones adds no evidence.
        let history = try await service.history(learnerID: "ada")
        let unanswered = Set(exam.items.dropFirst(10).map(\.itemID))
        #expect(unanswered.isSubset(of: Set(history.keyShownAt.keys)))
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 100), seed: 6)
        try await answerAll(service, drill) { _ in true }
        let after = try await service.readiness(learnerID: "ada", credentialID: "aws-mla-c01")
        let freshInDrill = drill.items.filter { !unanswered.contains($0.itemID) && !answered.map(\.itemID).contains($0.itemID) }.count
        #expect(after.answered == 10 + freshInDrill)
    }

    @Test("while a mock exam is open its questions stay out of drills and reviews")
    func openExamHeld() async throws {
        let (service, clock, store) = try await makeService()
        // A missed question makes a review card; then an exam holding that question is opened.
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 5), seed: 7)
        try await answerAll(service, drill) { _ in false }
        let missed = drill.items[0]
        let blueprint = try #require(content.catalog.requireCredential("google-pmle").currentBlueprint)
        var rng = SeededGenerator(seed: 1)
        let examItems = [missed] + bank.items(credential: "google-pmle", blueprint: blueprint).filter { $0.id != missed.itemID }.prefix(59).map {
            FormAssembler.present($0, at: 0, using: &rng)
        }
        let presented = examItems.enumerated().map {
            PresentedItem(position: $0.offset, itemID: $0.element.itemID, itemVersion: $0.element.itemVersion, domain: $0.element.domain,
                objective: $0.element.objective, optionOrder: $0.element.optionOrder, choose: $0.element.choose)
        }
        try await store.create(SessionHeader(id: "open-exam", learnerID: "ada", kind: .exam, credentialID: "google-pmle", blueprintVersion: blueprint.version,
            seed: 1, startedAt: clock.date, deadline: clock.date.addingTimeInterval(30 * 86_400), items: presented, settings: SessionSettings()))
        let held = Set(presented.map(\.itemID))
        clock.advance(2 * 86_400)
        if let review = try await service.startReview(learnerID: "ada", credentialID: "google-pmle", limit: 100) {
            #expect(held.isDisjoint(with: review.items.map(\.itemID)), "a review showed an open exam's question")
        }
        let everything = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 100), seed: 8)
        #expect(held.isDisjoint(with: everything.items.map(\.itemID)), "a drill showed an open exam's question")
        #expect(!everything.items.isEmpty)
    }

    @Test("a diagnostic leaves out questions whose key the learner has seen")
    func diagnosticFresh() async throws {
        let (service, _, _) = try await makeService()
        let exam = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 9)
        _ = try await service.perform(.submit, session: exam.header.id, learnerID: "ada")
        let seen = Set(exam.items.map(\.itemID))
        var state = try await service.startDiagnostic(learnerID: "ada", credentialID: "google-pmle", seed: 10)
        while !state.isFinished {
            let item = try #require(state.items.first { state.answers[$0.position] == nil })
            #expect(!seen.contains(item.itemID), "the diagnostic asked \(item.itemID), whose key the exam's report showed")
            state = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: item.position % 2 == 0)),
                session: state.header.id, learnerID: "ada").state
        }
    }

    @Test("one open diagnostic per credential: starting another returns the open one")
    func oneOpenDiagnostic() async throws {
        let (service, _, _) = try await makeService()
        let first = try await service.startDiagnostic(learnerID: "ada", credentialID: "google-pmle", seed: 1)
        let second = try await service.startDiagnostic(learnerID: "ada", credentialID: "google-pmle", seed: 2)
        #expect(second.header.id == first.header.id)
        let other = try await service.startDiagnostic(learnerID: "ada", credentialID: "aws-mla-c01", seed: 3)
        #expect(other.header.id != first.header.id)
    }
}
