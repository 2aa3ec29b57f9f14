import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// Simulates learners practising with mlcert's own session rules: drills chosen by `DrillSelector`, reviews of what
/// they missed, adaptive diagnostics run by `DiagnosticSelector`, and mock exams built by `FormAssembler`, recorded as
/// the same session headers and events the stores keep, so `LearnerHistory` applies its evidence rules to them as it
/// does to real learners. Answers come from the true parameters and the learner's ability in the item's domain; once a
/// learner has seen an item's key they answer it right with at least `truth.memory`.
struct PracticeSimulator: Sendable {
    let credentialID: String
    let blueprint: Blueprint
    let format: ExamFormat
    let items: [Item]
    /// True parameters, aligned with `items`.
    let truth: [ItemParameters]
    let memory: Double
    let diagnostic: DiagnosticSelector
    private let indexByID: [String: Int]
    private let domainIndex: [String: Int]

    init(credentialID: String, blueprint: Blueprint, format: ExamFormat, items: [Item], truth: [ItemParameters], memory: Double,
         parameters: BankParameters = .authorEstimates) {
        self.credentialID = credentialID
        self.blueprint = blueprint
        self.format = format
        self.items = items
        self.truth = truth
        self.memory = memory
        diagnostic = DiagnosticSelector(blueprint: blueprint, items: items, parameters: parameters)
        indexByID = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
        domainIndex = Dictionary(uniqueKeysWithValues: blueprint.domains.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// One learner's sessions: between one and eight activities (drills, each maybe followed by a review of its
    /// misses; at most one diagnostic; mock exams), in random order, starting at `start`.
    func practise(learnerID: String, abilities: [Double], start: Date, using rng: inout SeededGenerator) -> [StoredSession] {
        var run = Run(learnerID: learnerID, abilities: abilities, clock: start)
        let activities = Int.random(in: 1...8, using: &rng)
        var diagnosed = false
        for _ in 0..<activities {
            let roll = Double.random(in: 0..<1, using: &rng)
            if roll < 0.2 && !diagnosed {
                diagnosed = true
                diagnose(&run, using: &rng)
            } else if roll < 0.4 {
                mockExam(&run, using: &rng)
            } else {
                drill(&run, using: &rng)
            }
        }
        return run.sessions
    }

    /// What is known about the learner while their sessions are simulated.
    struct Run {
        let learnerID: String
        let abilities: [Double]
        var clock: Date
        var sessions: [StoredSession] = []
        var keySeen: Set<String> = []
        var history: LearnerHistory { LearnerHistory(sessions) }
    }

    /// The learner's answer to `item`: from the truth on a fresh item, from memory (at least) once its key was seen.
    func answer(_ item: Item, run: Run, using rng: inout SeededGenerator) -> Bool {
        let p = truth[indexByID[item.id]!].probability(run.abilities[domainIndex[item.domain] ?? 0])
        return Double.random(in: 0..<1, using: &rng) < (run.keySeen.contains(item.id) ? max(p, memory) : p)
    }

    /// A drill of 10-20 questions on every domain, or (half the time) on the learner's weakest domain, then (most of
    /// the time) a review of the questions missed.
    func drill(_ run: inout Run, using rng: inout SeededGenerator) {
        var filter = DrillSelector.Filter(count: Int.random(in: 10...20, using: &rng))
        if Bool.random(using: &rng), let weakest = run.abilities.indices.min(by: { run.abilities[$0] < run.abilities[$1] }) {
            filter.domains = [blueprint.domains[weakest].id]
        }
        let presented = DrillSelector().select(from: items, history: run.history, filter: filter, seed: rng.next())
        guard !presented.isEmpty else { return }
        let answers = presented.map { answer(item(of: $0), run: run, using: &rng) }
        record(.practice, presented: presented, answers: answers, run: &run, using: &rng)
        let missed = zip(presented, answers).filter { !$0.1 }.map(\.0)
        guard !missed.isEmpty, Double.random(in: 0..<1, using: &rng) < 0.7 else { return }
        let review = missed.enumerated().map { FormAssembler.present(item(of: $0.element), at: $0.offset, using: &rng) }
        let reviewAnswers = review.map { answer(item(of: $0), run: run, using: &rng) }
        record(.review, presented: review, answers: reviewAnswers, run: &run, using: &rng)
    }

    /// A mock exam in the real format, built as the service builds it (fresh questions first).
    func mockExam(_ run: inout Run, using rng: inout SeededGenerator) {
        let form = FormAssembler().assemble(count: format.questionCount, blueprint: blueprint, items: items, lastSeen: run.history.lastPresentedAt,
            seed: rng.next())
        let answers = form.items.map { answer(item(of: $0), run: run, using: &rng) }
        record(.exam, presented: form.items, answers: answers, run: &run, using: &rng)
    }

    /// The adaptive diagnostic, question by question as the service asks them.
    func diagnose(_ run: inout Run, using rng: inout SeededGenerator) {
        finish(diagnostic(run: run, using: &rng).session, run: &run)
    }

    /// A whole diagnostic for the learner as they stand, with why it stopped and the final estimate.
    func diagnostic(run: Run, using rng: inout SeededGenerator) -> (session: StoredSession, stop: CATStopReason, estimate: AbilityEstimate) {
        var run = run
        let settings = SessionSettings(minItems: DiagnosticSelector.defaultMinItems, maxItems: DiagnosticSelector.defaultMaxItems,
            targetStandardError: DiagnosticSelector.defaultTargetStandardError,
            excludedItems: diagnostic.exclusions(seen: run.keySeen, maxItems: DiagnosticSelector.defaultMaxItems))
        let header = header(.diagnostic, items: [], settings: settings, run: run, using: &rng)
        var state = SessionState(header: header)
        var events: [SessionEvent] = []
        func add(_ change: SessionEvent.Change) {
            let event = SessionEvent(sequence: events.count, at: run.clock, change: change)
            events.append(event)
            state.apply(event)
        }
        while true {
            let (step, estimate) = diagnostic.next(after: state)
            guard case .ask(let next) = step else {
                add(.finished(reason: .stoppingRule))
                let reason: CATStopReason = if case .stop(let r) = step { r } else { .bankExhausted }
                return (StoredSession(header: header, events: events), reason, estimate)
            }
            let presented = FormAssembler.present(next, at: state.items.count, using: &rng)
            add(.presented(presented))
            run.clock += 60
            add(.answered(recorded(presented, correct: answer(next, run: run, using: &rng))))
        }
    }

    /// Records a session in which `presented` were answered with `answers`, one a minute, then ended.
    func record(_ kind: SessionKind, presented: [PresentedItem], answers: [Bool], run: inout Run, using rng: inout SeededGenerator) {
        let header = header(kind, items: presented, settings: SessionSettings(), run: run, using: &rng)
        var events: [SessionEvent] = []
        for (p, correct) in zip(presented, answers) {
            run.clock += 60
            events.append(SessionEvent(sequence: events.count, at: run.clock, change: .answered(recorded(p, correct: correct))))
        }
        events.append(SessionEvent(sequence: events.count, at: run.clock, change: .finished(reason: .submitted)))
        finish(StoredSession(header: header, events: events), run: &run)
    }

    private func header(_ kind: SessionKind, items: [PresentedItem], settings: SessionSettings, run: Run, using rng: inout SeededGenerator) -> SessionHeader {
        SessionHeader(id: "\(run.learnerID)-\(run.sessions.count)", learnerID: run.learnerID, kind: kind, credentialID: credentialID,
            blueprintVersion: blueprint.version, seed: rng.next(), startedAt: run.clock,
            deadline: kind == .exam ? run.clock.addingTimeInterval(Double(format.timeLimitSeconds)) : nil, items: items, settings: settings)
    }

    /// Adds the session and notes the keys its feedback or report showed; the next session starts an hour later.
    private func finish(_ session: StoredSession, run: inout Run) {
        run.sessions.append(session)
        for item in session.state.items { run.keySeen.insert(item.itemID) }
        run.clock += 3600
    }

    private func item(of presented: PresentedItem) -> Item { items[indexByID[presented.itemID]!] }

    /// A recorded answer that is right or wrong as asked: the key, or the key with one option swapped for a wrong one.
    private func recorded(_ presented: PresentedItem, correct: Bool) -> RecordedAnswer {
        let item = item(of: presented)
        let key = item.options.indices.filter { item.options[$0].correct }
        let wrong = item.options.indices.filter { !item.options[$0].correct }
        let selected = correct ? key : (Array(key.dropFirst()) + [wrong[0]]).sorted()
        return RecordedAnswer(position: presented.position, itemID: item.id, itemVersion: item.version, selected: selected, correct: correct)
    }
}
