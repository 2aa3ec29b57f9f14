import Foundation
import MLCertCore
import MLCertPractice
import Testing

@Suite("Session rules")
struct SessionRuleTests {
    /// A choose-2 item presented with options in a known order.
    func chooseTwoState(kind: SessionKind) throws -> (SessionState, PresentedItem, Item) {
        let item = try #require(content.items.first { $0.choose == 2 && $0.options.count >= 4 })
        let presented = PresentedItem(position: 0, itemID: item.id, itemVersion: item.version, domain: item.domain, objective: item.objective,
            optionOrder: Array(item.options.indices.reversed()), choose: 2)
        let header = SessionHeader(id: "s", learnerID: "ada", kind: kind, credentialID: item.credential, blueprintVersion: item.blueprint, seed: 1,
            startedAt: Date(timeIntervalSince1970: 0), deadline: kind == .exam ? Date(timeIntervalSince1970: 600) : nil, items: [presented], settings: SessionSettings())
        return (SessionState(header: header), presented, item)
    }

    @Test("choose N: a drill needs exactly N options, and only the whole key scores")
    func chooseN() throws {
        let (state, presented, _) = try chooseTwoState(kind: .practice)
        let engine = SessionEngine(bank: bank)
        let now = Date(timeIntervalSince1970: 10)
        let key = shownKey(presented)
        #expect(key.count == 2)
        #expect(throws: SessionError.wrongNumberOfChoices(expected: 2, got: 1)) { try engine.decide(.answer(position: 0, shown: [key[0]]), in: state, at: now) }
        #expect(throws: SessionError.wrongNumberOfChoices(expected: 2, got: 1)) { try engine.decide(.answer(position: 0, shown: [key[0], key[0]]), in: state, at: now) }
        #expect(throws: SessionError.wrongNumberOfChoices(expected: 2, got: 3)) {
            try engine.decide(.answer(position: 0, shown: [0, 1, 2]), in: state, at: now)
        }
        #expect(throws: SessionError.noSuchOption("A,Z")) { try engine.decide(.answer(position: 0, shown: [0, 25]), in: state, at: now) }
        guard case .answered(let right) = try engine.decide(.answer(position: 0, shown: key.reversed()), in: state, at: now).first else {
            Issue.record("no answer recorded"); return
        }
        #expect(right.correct)
        guard case .answered(let half) = try engine.decide(.answer(position: 0, shown: shownKey(presented, correct: false)), in: state, at: now).first else {
            Issue.record("no answer recorded"); return
        }
        #expect(!half.correct, "one right option of two scores nothing, as on the real exams")
    }

    /// Fails without the partial-answer rule in `SessionEngine.decide` (a mock exam then refuses one of two options).
    @Test("choose N on a mock exam: a partial selection is stored as an answer in progress and scores wrong; none clears it")
    func partialAnswersOnAMockExam() throws {
        var (state, presented, _) = try chooseTwoState(kind: .exam)
        let engine = SessionEngine(bank: bank)
        let now = Date(timeIntervalSince1970: 10)
        let key = shownKey(presented)
        #expect(try engine.decide(.answer(position: 0, shown: []), in: state, at: now).isEmpty, "clearing an unanswered question records nothing")
        let partial = engine.events(try engine.decide(.answer(position: 0, shown: [key[0]]), in: state, at: now), after: state, at: now)
        partial.forEach { state.apply($0) }
        #expect(state.answers[0]?.selected.count == 1)
        #expect(state.answers[0]?.correct == false, "a partial answer scores wrong")
        #expect(state.partiallyAnswered == [0])
        #expect(throws: SessionError.wrongNumberOfChoices(expected: 2, got: 3)) {
            try engine.decide(.answer(position: 0, shown: [0, 1, 2]), in: state, at: now)
        }
        let whole = engine.events(try engine.decide(.answer(position: 0, shown: key), in: state, at: now), after: state, at: now)
        whole.forEach { state.apply($0) }
        #expect(state.answers[0]?.correct == true)
        #expect(state.partiallyAnswered.isEmpty)
        #expect(state.changes.isEmpty, "completing a partial answer is not a change of mind")
        let cleared = engine.events(try engine.decide(.answer(position: 0, shown: []), in: state, at: now), after: state, at: now)
        cleared.forEach { state.apply($0) }
        #expect(state.answers[0] == nil, "an empty selection clears the answer")
        #expect(state.unanswered == [0])
    }

    @Test("answers are stored by authored option, whatever order the options were shown in")
    func optionOrderMapping() throws {
        let (state, presented, item) = try chooseTwoState(kind: .exam)
        let changes = try SessionEngine(bank: bank).decide(.answer(position: 0, shown: shownKey(presented)), in: state, at: Date(timeIntervalSince1970: 1))
        guard case .answered(let answer) = changes.first else { Issue.record("no answer"); return }
        #expect(answer.selected == item.options.indices.filter { item.options[$0].correct })
        #expect(answer.itemVersion == item.version)
    }

    @Test("a mock exam lets answers change until submission; a drill refuses a second answer")
    func changingAnswers() throws {
        let engine = SessionEngine(bank: bank)
        for kind in [SessionKind.exam, .practice] {
            var (state, presented, _) = try chooseTwoState(kind: kind)
            let first = engine.events(try engine.decide(.answer(position: 0, shown: shownKey(presented, correct: false)), in: state, at: Date(timeIntervalSince1970: 5)), after: state, at: Date(timeIntervalSince1970: 5))
            first.forEach { state.apply($0) }
            let again = Result { () throws(SessionError) in try engine.decide(.answer(position: 0, shown: shownKey(presented)), in: state, at: Date(timeIntervalSince1970: 6)) }
            if kind == .exam {
                let events = engine.events(try again.get(), after: state, at: Date(timeIntervalSince1970: 6))
                events.forEach { state.apply($0) }
                #expect(state.answers[0]?.correct == true)
                #expect(state.changes[0] == 1)
            } else {
                #expect(throws: SessionError.alreadyAnswered(position: 0)) { try again.get() }
            }
        }
    }

    @Test("the engine, not the interface, enforces the deadline; expiry submits at the deadline itself")
    func deadline() throws {
        let engine = SessionEngine(bank: bank)
        var (state, presented, _) = try chooseTwoState(kind: .exam)
        let deadline = try #require(state.header.deadline)
        #expect(engine.expiry(of: state, at: deadline.addingTimeInterval(-1)) == nil)
        let late = deadline.addingTimeInterval(1)
        #expect(throws: SessionError.timeUp) { try engine.decide(.answer(position: 0, shown: shownKey(presented)), in: state, at: late) }
        #expect(throws: SessionError.timeUp) { try engine.decide(.flag(position: 0, on: true), in: state, at: deadline) }
        let expiry = try #require(engine.expiry(of: state, at: late.addingTimeInterval(3600)))
        #expect(expiry.at == deadline)
        #expect(expiry.change == .finished(reason: .timeUp))
        state.apply(expiry)
        #expect(throws: SessionError.finished) { try engine.decide(.submit, in: state, at: late) }
        #expect(engine.expiry(of: state, at: late) == nil, "a finished session owes no second submission")
    }

    @Test("time per item comes from view events, and a flag toggles without duplicate events")
    func timeAndFlags() throws {
        let engine = SessionEngine(bank: bank)
        var (state, _, _) = try chooseTwoState(kind: .exam)
        func run(_ command: SessionEngine.Command, at seconds: Double) throws {
            let at = Date(timeIntervalSince1970: seconds)
            engine.events(try engine.decide(command, in: state, at: at), after: state, at: at).forEach { state.apply($0) }
        }
        try run(.view(position: 0), at: 0)
        try run(.flag(position: 0, on: true), at: 30)
        #expect(try engine.decide(.flag(position: 0, on: true), in: state, at: Date(timeIntervalSince1970: 31)).isEmpty)
        try run(.submit, at: 95)
        #expect(state.secondsSpent[0] == 95)
        #expect(state.flagged == [0])
        #expect(state.finished?.reason == .submitted)
    }

    @Test("replaying the stored log gives the same state as applying the events live")
    func replay() throws {
        let engine = SessionEngine(bank: bank)
        var (state, presented, _) = try chooseTwoState(kind: .exam)
        var log: [SessionEvent] = []
        let commands: [SessionEngine.Command] = [.view(position: 0), .answer(position: 0, shown: shownKey(presented, correct: false)), .flag(position: 0, on: true), .answer(position: 0, shown: shownKey(presented))]
        for (i, command) in commands.enumerated() {
            let at = Date(timeIntervalSince1970: Double(i * 10))
            let events = engine.events(try engine.decide(command, in: state, at: at), after: state, at: at)
            events.forEach { state.apply($0) }
            log += events
        }
        let replayed = SessionState.replay(state.header, events: log)
        #expect(replayed.answers == state.answers)
        #expect(replayed.flagged == state.flagged)
        #expect(replayed.changes == state.changes)
        #expect(replayed.nextSequence == log.count)
        #expect(log.map(\.sequence) == Array(0..<log.count))
    }
}
