import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics
import Testing

@Suite("Practice service")
struct PracticeServiceTests {
    @Test("a full mock exam: clock from the catalog, no feedback, report with score, scaled score, domains, pace and changes")
    func mockExam() async throws {
        let (service, clock, _) = try await makeService()
        var state = try await service.startExam(learnerID: "ada", credentialID: "aws-mla-c01", seed: 5)
        #expect(state.items.count == 65)
        #expect(state.header.deadline == clock.date.addingTimeInterval(130 * 60))
        let half = state.items.count / 2
        for (i, item) in state.items.enumerated() {
            clock.advance(60)
            let outcome = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: i < half)), session: state.header.id, learnerID: "ada")
            #expect(outcome.feedback == nil, "a mock exam gives no feedback before it ends")
            state = outcome.state
        }
        // Change one wrong answer to right, and one right answer to wrong.
        _ = try await service.perform(.answer(position: state.items[half].position, shown: shownKey(state.items[half])), session: state.header.id, learnerID: "ada")
        _ = try await service.perform(.answer(position: state.items[0].position, shown: shownKey(state.items[0], correct: false)), session: state.header.id, learnerID: "ada")
        await #expect(throws: PracticeError.sessionStillOpen(state.header.id)) { try await service.report(session: state.header.id, learnerID: "ada") }
        _ = try await service.perform(.submit, session: state.header.id, learnerID: "ada")
        let report = try await service.report(session: state.header.id, learnerID: "ada")
        #expect(report.finishReason == .submitted)
        #expect(report.questions == 65)
        #expect(report.correct == half)
        #expect(report.answersChanged == 2)
        #expect(report.changedWrongToRight == 1)
        #expect(report.changedRightToWrong == 1)
        #expect(report.scaledScore == report.passMark?.scaled(Double(half) / 65))
        #expect(report.passed == false)
        #expect(report.domains.map(\.questions).reduce(0, +) == 65)
        #expect(report.domains.map(\.correct).reduce(0, +) == half)
        #expect(report.paceBudgetSeconds == 120)
        #expect(report.formNote?.contains("ME1-C02") == true, "the report says that the MLA-C02 beta differs from the standard form")
        #expect(report.items.allSatisfy { !$0.explanation.isEmpty && $0.options.allSatisfy { !$0.rationale.isEmpty } })
    }

    /// Fails without `PracticeService.revealable`: the drill (every item of the bank) and the review then include
    /// questions of the open exam, with their keys.
    @Test("a drill or review started during a mock exam never shows a question of that exam")
    func openExamItemsStayOutOfDrillsAndReviews() async throws {
        let (service, clock, _) = try await makeService()
        // Miss a drill's questions and let ten days pass, so review cards (item and objective cards) fall due.
        let missed = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 20), seed: 2)
        for item in missed.items {
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: false)), session: missed.header.id, learnerID: "ada")
        }
        clock.advance(10 * 86_400)
        let exam = try await service.startExam(learnerID: "ada", credentialID: "aws-mla-c01", seed: 5)
        let onExam = Set(exam.items.map(\.itemID))
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 500), seed: 3)
        #expect(!drill.items.isEmpty)
        #expect(onExam.isDisjoint(with: drill.items.map(\.itemID)))
        let review = try #require(try await service.startReview(learnerID: "ada", credentialID: "aws-mla-c01", limit: 100, seed: 4))
        #expect(onExam.isDisjoint(with: review.items.map(\.itemID)))
        // Once the exam is over its items are fair game again.
        _ = try await service.perform(.submit, session: exam.header.id, learnerID: "ada")
        let later = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 500), seed: 6)
        #expect(!onExam.isDisjoint(with: later.items.map(\.itemID)))
    }

    /// Two services over one store are two server processes over one database. Each keeps the states it folded
    /// (`SessionStateCache`); fails if a kept state is used without checking the store's log: the first process would
    /// then show the answer it recorded before and refuse its next answer as a conflict (its sequence number taken).
    @Test("a session answered by another process is current in this one: reads show it, and the next answer follows it")
    func keptStatesFollowOtherProcesses() async throws {
        let (first, clock, store) = try await makeService()
        let (second, _, _) = try await makeService(clock: clock, store: store)
        let exam = try await first.startExam(learnerID: "ada", credentialID: "aws-mla-c01", seed: 5)
        let id = exam.header.id
        let (a, b, c) = (exam.items[0], exam.items[1], exam.items[2])
        _ = try await first.perform(.answer(position: a.position, shown: shownKey(a)), session: id, learnerID: "ada")
        _ = try await first.session(id, learnerID: "ada")
        // The other process answers question b and changes the answer to a.
        _ = try await second.perform(.answer(position: b.position, shown: shownKey(b)), session: id, learnerID: "ada")
        _ = try await second.perform(.answer(position: a.position, shown: shownKey(a, correct: false)), session: id, learnerID: "ada")
        let seen = try await first.session(id, learnerID: "ada")
        #expect(seen.answers[b.position] != nil)
        #expect(seen.answers[a.position]?.correct == false, "the first process sees the other's changed answer")
        let next = try await first.perform(.answer(position: c.position, shown: shownKey(c)), session: id, learnerID: "ada")
        #expect(Set(next.state.answers.keys) == [a.position, b.position, c.position])
        let stored = try #require(try await store.session(id: id))
        #expect(stored.events.map(\.sequence) == Array(0..<stored.events.count))
        #expect(next.state.nextSequence == stored.events.count, "the state returned is the stored log's")
        // Another learner still cannot touch the session, kept or not.
        await #expect(throws: SessionError.notYours(id)) { try await first.session(id, learnerID: "bob") }
    }

    /// Fails without the `createUnlessOpen` call in `startExam`.
    @Test("starting a mock exam twice resumes the open one; after submitting, a new one starts")
    func startingTwiceResumes() async throws {
        let (service, _, _) = try await makeService()
        let first = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 1)
        let again = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 2)
        #expect(again.header.id == first.header.id)
        #expect(try await service.sessions(learnerID: "ada").count == 1)
        let other = try await service.startExam(learnerID: "ada", credentialID: "aws-mla-c01", seed: 3)
        #expect(other.header.id != first.header.id, "another credential's exam is a separate exam")
        _ = try await service.perform(.submit, session: first.header.id, learnerID: "ada")
        let next = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 4)
        #expect(next.header.id != first.header.id)
    }

    @Test("time-out: answers after the deadline are refused, the exam is submitted as it stood at the deadline")
    func timeOut() async throws {
        let (service, clock, store) = try await makeService()
        let state = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 3, timeLimitMinutes: 10)
        let first = state.items[0]
        clock.advance(300)
        _ = try await service.perform(.answer(position: first.position, shown: shownKey(first)), session: state.header.id, learnerID: "ada")
        clock.advance(301)
        let before = await store.eventCount(state.header.id)
        await #expect(throws: SessionError.timeUp) {
            try await service.perform(.answer(position: state.items[1].position, shown: shownKey(state.items[1])), session: state.header.id, learnerID: "ada")
        }
        #expect(await store.eventCount(state.header.id) == before + 1, "only the automatic submission is written")
        let report = try await service.report(session: state.header.id, learnerID: "ada")
        #expect(report.finishReason == .timeUp)
        #expect(report.finishedAt == state.header.deadline)
        #expect(report.answered == 1)
        #expect(report.customTimeLimit)
    }

    @Test("resume: a new service on the same store continues the exam exactly, with the clock still running")
    func resume() async throws {
        let store = InMemoryLearnerStore()
        let clock = FakeClock()
        let (first, _, _) = try await makeService(clock: clock, store: store)
        let state = try await first.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 8)
        _ = try await first.perform(.answer(position: 0, shown: shownKey(state.items[0])), session: state.header.id, learnerID: "ada")
        _ = try await first.perform(.flag(position: 0, on: true), session: state.header.id, learnerID: "ada")
        _ = try await first.perform(.view(position: 4), session: state.header.id, learnerID: "ada")
        clock.advance(3600)
        let (second, _, _) = try await makeService(clock: clock, store: store)
        let resumed = try #require(try await second.openSession(kind: .exam, learnerID: "ada", credentialID: "google-pmle"))
        #expect(resumed.header == state.header)
        #expect(resumed.answers[0]?.correct == true)
        #expect(resumed.flagged == [0])
        #expect(resumed.cursor == 4)
        clock.advance(3601)
        #expect(try await second.openSession(kind: .exam, learnerID: "ada") == nil, "past the deadline the exam is submitted, not resumed")
        #expect(try await second.report(session: state.header.id, learnerID: "ada").finishReason == .timeUp)
    }

    @Test("another learner's session is refused, and so is an unknown one")
    func ownership() async throws {
        let (service, _, _) = try await makeService()
        _ = try await service.learner(id: "bob")
        let state = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 3), seed: 1)
        await #expect(throws: SessionError.notYours(state.header.id)) { try await service.session(state.header.id, learnerID: "bob") }
        await #expect(throws: SessionError.notYours(state.header.id)) { try await service.perform(.submit, session: state.header.id, learnerID: "bob") }
        await #expect(throws: SessionError.notFound("zzz")) { try await service.session("zzz", learnerID: "ada") }
    }

    @Test("a drill gives feedback with every option's rationale, refuses a second answer, and ends after the last item")
    func drill() async throws {
        let (service, _, _) = try await makeService()
        let state = try await service.startDrill(learnerID: "ada", credentialID: "azure-ai-103", filter: .init(domains: ["text-analysis"], count: 3), seed: 2)
        #expect(state.items.count == 3)
        #expect(state.items.allSatisfy { $0.domain == "text-analysis" })
        var last: PracticeService.Outcome?
        for item in state.items {
            let outcome = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: false)), session: state.header.id, learnerID: "ada")
            let feedback = try #require(outcome.feedback)
            #expect(!feedback.correct)
            #expect(feedback.options.count == bank.item(item.itemID)?.options.count)
            #expect(feedback.options.allSatisfy { !$0.rationale.isEmpty })
            last = outcome
        }
        #expect(last?.state.finished?.reason == .submitted)
        await #expect(throws: SessionError.finished) {
            try await service.perform(.answer(position: 0, shown: shownKey(state.items[0])), session: state.header.id, learnerID: "ada")
        }
        await #expect(throws: PracticeError.unknownDomain("nope", known: ["computer-vision", "generative-agentic", "information-extraction", "plan-manage-solution", "text-analysis"])) {
            try await service.startDrill(learnerID: "ada", credentialID: "azure-ai-103", filter: .init(domains: ["nope"]))
        }
    }

    @Test("drill filters: missed items are those answered wrongly, unseen excludes answered ones")
    func drillFilters() async throws {
        let (service, _, _) = try await makeService()
        let first = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 4), seed: 3)
        for (i, item) in first.items.enumerated() {
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: i % 2 == 0)), session: first.header.id, learnerID: "ada")
        }
        let missed = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(missed: true, count: 10), seed: 4)
        #expect(Set(missed.items.map(\.itemID)) == Set([first.items[1].itemID, first.items[3].itemID]))
        let unseen = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(unseen: true, count: 500), seed: 5)
        #expect(Set(unseen.items.map(\.itemID)).isDisjoint(with: first.items.map(\.itemID)))
    }

    @Test("a retired credential is refused with its successor named")
    func retired() async throws {
        let (service, _, _) = try await makeService()
        await #expect(throws: PracticeError.retired("aws-mls-c01", successor: "aws-mla-c01")) {
            try await service.startExam(learnerID: "ada", credentialID: "aws-mls-c01")
        }
    }
}

@Suite("Keys stay on the server until they are earned")
struct ExamIntegrityTests {
    @Test("a question view carries no key, rationale or explanation")
    func questionView() async throws {
        let (service, _, _) = try await makeService()
        let state = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 1)
        for presented in state.items {
            let view = try #require(QuestionView(state: state, position: presented.position, bank: bank))
            let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
            let item = try #require(bank.item(presented.itemID))
            #expect(!json.contains("\"correct\""))
            #expect(!json.contains("rationale"))
            for option in item.options { #expect(!json.contains(jsonFragment(option.rationale))) }
            #expect(!json.contains(jsonFragment(item.explanation)))
        }
    }

    @Test("an open exam's answers stay out of the learner's history, so a missed-items drill cannot reveal them")
    func openExamHidden() async throws {
        let (service, _, _) = try await makeService()
        let exam = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 1)
        for item in exam.items.prefix(5) {
            _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: false)), session: exam.header.id, learnerID: "ada")
        }
        #expect(try await service.history(learnerID: "ada").revealed.isEmpty)
        await #expect(throws: PracticeError.nothingMatches) {
            try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(missed: true))
        }
        _ = try await service.perform(.submit, session: exam.header.id, learnerID: "ada")
        #expect(try await service.history(learnerID: "ada").revealed.count == 5)
    }

    /// How a string appears inside JSON (slashes and quotes escaped), shortened to a distinctive prefix.
    func jsonFragment(_ text: String) -> String {
        let encoded = String(decoding: try! JSONEncoder().encode(String(text.prefix(40))), as: UTF8.self)
        return String(encoded.dropFirst().dropLast())
    }
}

@Suite("Diagnostic, review and readiness")
struct AdaptiveAndReviewTests {
    /// Answers a diagnostic like a learner who knows the items `knows` says.
    func runDiagnostic(_ service: PracticeService, learnerID: String = "ada", seed: UInt64, knows: (Item) -> Bool) async throws -> SessionState {
        var state = try await service.startDiagnostic(learnerID: learnerID, credentialID: "aws-mla-c01", seed: seed)
        while !state.isFinished {
            let item = try #require(state.items.first { state.answers[$0.position] == nil })
            state = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: knows(bank.item(item.itemID)!))),
                session: state.header.id, learnerID: learnerID).state
        }
        return state
    }

    @Test("the diagnostic stops within its limits, balances domains, and is reproducible from its seed and answers")
    func diagnostic() async throws {
        let knows: (Item) -> Bool = { $0.difficulty != .hard }
        let (a, _, _) = try await makeService()
        let first = try await runDiagnostic(a, seed: 77, knows: knows)
        #expect(first.finished?.reason == .stoppingRule)
        #expect((DiagnosticSelector.defaultMinItems...DiagnosticSelector.defaultMaxItems).contains(first.items.count))
        #expect(Set(first.items.map(\.itemID)).count == first.items.count)
        #expect(Set(first.items.map(\.domain)).count == 4, "every domain of the blueprint is sampled")
        let (b, _, _) = try await makeService()
        let second = try await runDiagnostic(b, seed: 77, knows: knows)
        #expect(second.items == first.items)
        let report = try await a.report(session: first.header.id, learnerID: "ada")
        #expect(report.readiness != nil)
    }

    /// The service passes each answer to the selection (`DiagnosticSelectionTests` checks the selection itself). One
    /// service, so the selection is built once; each run has its own learner, so no run excludes another's questions.
    @Test("the diagnostic adapts: a learner who knows everything is asked harder questions than one who knows nothing")
    func diagnosticAdapts() async throws {
        let (service, _, _) = try await makeService()
        func meanDifficulty(knowsAll: Bool, seed: UInt64) async throws -> Double {
            let learner = try await service.learner(id: "\(knowsAll ? "strong" : "weak")-\(seed)")
            let state = try await runDiagnostic(service, learnerID: learner.id, seed: seed) { _ in knowsAll }
            // After the opening questions, the choice follows the answers.
            let later = state.items.dropFirst(5).map { bank.item($0.itemID)!.difficulty.priorDifficulty }
            return later.reduce(0, +) / Double(later.count)
        }
        for seed: UInt64 in [1, 2, 3] {
            let strong = try await meanDifficulty(knowsAll: true, seed: seed)
            let weak = try await meanDifficulty(knowsAll: false, seed: seed)
            #expect(strong > weak + 0.5, "seed \(seed): strong \(strong), weak \(weak)")
        }
    }

    @Test("readiness from a handful of answers says there is not enough evidence")
    func fewAnswers() async throws {
        let (service, _, _) = try await makeService()
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 5), seed: 1)
        for item in drill.items { _ = try await service.perform(.answer(position: item.position, shown: shownKey(item)), session: drill.header.id, learnerID: "ada") }
        let readiness = try await service.readiness(learnerID: "ada", credentialID: "aws-mla-c01")
        #expect(readiness.answered == 5)
        #expect(readiness.outcome == .notEnoughEvidence)
        #expect(readiness.abilityLow < readiness.cut && readiness.cut < readiness.abilityHigh)
    }

    @Test("readiness separates a strong learner from a weak one once the evidence is there")
    func strongAndWeak() async throws {
        for strong in [true, false] {
            let (service, _, _) = try await makeService()
            let drill = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(count: 120), seed: 1)
            for (i, item) in drill.items.enumerated() {
                _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: strong ? i % 20 != 0 : i % 3 == 0)), session: drill.header.id, learnerID: "ada")
            }
            let readiness = try await service.readiness(learnerID: "ada", credentialID: "aws-mla-c01")
            #expect(readiness.outcome == (strong ? .likelyPass : .likelyFail), "strong \(strong): p = \(readiness.probabilityOfPassing)")
            #expect(readiness.domains.count == 4)
            #expect(!readiness.studyNext.isEmpty)
        }
    }

    @Test("missed items become review cards due by FSRS, a right answer pushes them out, and no review falls after the exam date")
    func review() async throws {
        let (service, clock, _) = try await makeService()
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 3), seed: 6)
        for item in drill.items { _ = try await service.perform(.answer(position: item.position, shown: shownKey(item, correct: false)), session: drill.header.id, learnerID: "ada") }
        #expect(try await service.startReview(learnerID: "ada", credentialID: "google-pmle") == nil, "nothing is due the same minute")
        clock.advance(86_400)
        let deck = try await service.deck(learnerID: "ada")
        #expect(deck.cards.keys.filter { $0.kind == .item }.map(\.id).sorted() == drill.items.map(\.itemID).sorted())
        let review = try #require(try await service.startReview(learnerID: "ada", credentialID: "google-pmle"))
        // Each missed item comes back, and each missed objective brings another of its items.
        #expect(Set(drill.items.map(\.itemID)).isSubset(of: review.items.map(\.itemID)))
        #expect(Set(review.items.map(\.objective)) == Set(drill.items.map(\.objective)))
        for item in review.items { _ = try await service.perform(.answer(position: item.position, shown: shownKey(item)), session: review.header.id, learnerID: "ada") }
        let after = try await service.deck(learnerID: "ada")
        let now = FSRSTimestamp(secondsSinceEpoch: clock.date.timeIntervalSince1970)
        #expect(after.due(credential: "google-pmle", at: clock.date).filter { $0.key.kind == .item }.isEmpty)
        #expect(after.cards.values.filter { $0.key.kind == .item }.allSatisfy { $0.card.due > now && $0.reviews == 2 && $0.lapses == 1 })
        // With the exam two days away, nothing is scheduled after it.
        let examDay = Day(year: 2026, month: 9, day: 24)!
        try await service.setExamDate(examDay, credentialID: "google-pmle", learnerID: "ada")
        let clamped = try await service.deck(learnerID: "ada")
        let examAt = FSRSTimestamp(secondsSinceEpoch: Date(timeIntervalSince1970: Double(examDay.ordinal - Day(year: 1970, month: 1, day: 1)!.ordinal) * 86_400).timeIntervalSince1970)
        #expect(clamped.cards.values.allSatisfy { $0.card.due <= examAt })
        let progress = try await service.progress(learnerID: "ada", credentialID: "google-pmle")
        #expect(progress.examDate == examDay)
        #expect(progress.answersGiven == drill.items.count + review.items.count)
        #expect(Set(progress.domainResults.keys).isSubset(of: Set(try #require(content.catalog.requireCredential("google-pmle").currentBlueprint).domains.map(\.id))))
    }
}
