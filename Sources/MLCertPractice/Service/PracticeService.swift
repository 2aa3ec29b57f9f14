import Foundation
import MLCertCore
import Psychometrics

/// The practice engine's entry point for every interface: start sessions, take commands, report.
///
/// Each call reads the session's log from the store, lets the pure `SessionEngine` decide, and appends the
/// resulting events before returning, so an answer is durable before any interface acknowledges it. The only session
/// state kept between calls is a copy of folded states (`SessionStateCache`), used only after the store confirms the
/// log has not grown since; the store remains the state, which is why a killed process resumes exactly and several
/// server processes can share one database.
public struct PracticeService: Sendable {
    public let catalog: Catalog
    public let bank: ItemIndex
    public let store: any LearnerStore
    /// The clock given to `init`, read to the whole millisecond (`StoredTime`): every time the service records is one
    /// the stores keep exactly, so a session folded in memory equals the session read back.
    public let clock: @Sendable () -> Date
    public let makeID: @Sendable () -> String
    public let makeSeed: @Sendable () -> UInt64
    private let engine: SessionEngine
    private let estimators = BuiltCache<BuildKey, ReadinessEstimator>()
    private let selectors = BuiltCache<BuildKey, DiagnosticSelector>()
    /// Sessions folded by earlier requests, used only after the store confirms they are current (see `session`).
    private let states = SessionStateCache()

    public init(
        catalog: Catalog, items: [Item], store: any LearnerStore, clock: @escaping @Sendable () -> Date = { Date() },
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        makeSeed: @escaping @Sendable () -> UInt64 = { UInt64.random(in: 1...UInt64.max) }
    ) {
        self.catalog = catalog
        self.bank = ItemIndex(items)
        self.store = store
        self.clock = { StoredTime.rounded(clock()) }
        self.makeID = makeID
        self.makeSeed = makeSeed
        engine = SessionEngine(bank: bank)
    }

    // MARK: Learners

    /// The learner, created with `displayName` on first use.
    public func learner(id: String, displayName: String? = nil) async throws -> Learner {
        if let existing = try await store.learner(id: id) { return existing }
        let learner = Learner(id: id, displayName: displayName ?? id)
        try await store.save(learner)
        return learner
    }

    public func setExamDate(_ day: Day?, credentialID: String, learnerID: String) async throws {
        var learner = try await learner(id: learnerID)
        learner.examDates[credentialID] = day
        try await store.save(learner)
    }

    // MARK: Starting sessions

    /// A fresh mock-exam form in the real format: question count and time from the catalog, weighted to the blueprint.
    public func startExam(learnerID: String, credentialID: String, seed: UInt64? = nil, timeLimitMinutes: Double? = nil,
                          assumedPass: Double = ExamFormat.defaultAssumedProportion) async throws -> SessionState {
        let (credential, blueprint) = try resolve(credentialID)
        let format = try ExamFormat(credential: credential, assumedProportion: assumedPass)
        let history = try await history(learnerID: learnerID)
        let seed = seed ?? makeSeed()
        let form = FormAssembler().assemble(count: format.questionCount, blueprint: blueprint,
            items: bank.items(credential: credential.id, blueprint: blueprint), lastSeen: history.lastPresentedAt, seed: seed)
        guard !form.items.isEmpty else { throw PracticeError.noItems(credential.id) }
        let now = clock()
        let seconds = timeLimitMinutes.map { $0 * 60 } ?? Double(format.timeLimitSeconds)
        let deadline = StoredTime.rounded(now.addingTimeInterval(seconds))
        let header = SessionHeader(id: makeID(), learnerID: learnerID, kind: .exam, credentialID: credential.id,
            blueprintVersion: blueprint.version, seed: seed, startedAt: now, deadline: deadline, items: form.items,
            settings: SessionSettings(customTimeLimit: timeLimitMinutes != nil, formNote: [form.note, format.typesNote, format.otherFormsNote].compactMap { $0 }.joined(separator: " ").nilIfEmpty,
                assumedPassProportion: assumedPass))
        // One running mock exam per credential: a second start (a double click, another tab) resumes the open one. The
        // store decides atomically, so two starts racing each other still make one exam.
        let kept = try await store.createUnlessOpen(header, now: now)
        guard kept.id == header.id else { return try await session(kept.id, learnerID: learnerID) }
        return try await begin(header, created: true)
    }

    /// A drill over the filtered items, with feedback after each answer.
    public func startDrill(learnerID: String, credentialID: String, filter: DrillSelector.Filter, seed: UInt64? = nil) async throws -> SessionState {
        let (credential, blueprint) = try resolve(credentialID)
        let known = Set(blueprint.domains.map(\.id))
        if let unknown = filter.domains.subtracting(known).sorted().first { throw PracticeError.unknownDomain(unknown, known: known.sorted()) }
        let history = try await history(learnerID: learnerID)
        let seed = seed ?? makeSeed()
        let items = DrillSelector().select(from: revealable(bank.items(credential: credential.id, blueprint: blueprint), history: history), history: history,
            filter: filter, seed: seed)
        guard !items.isEmpty else { throw PracticeError.nothingMatches }
        let header = SessionHeader(id: makeID(), learnerID: learnerID, kind: .practice, credentialID: credential.id,
            blueprintVersion: blueprint.version, seed: seed, startedAt: clock(), deadline: nil, items: items, settings: SessionSettings())
        return try await begin(header)
    }

    /// An adaptive diagnostic; its first item is chosen at once.
    ///
    /// A learner has at most one open diagnostic per credential: while one is open, this returns it instead of
    /// starting another (several open at once, answered differently, would let their next questions tell which answer
    /// was right). `seed` is for the terminal and tests; the server never passes a client's seed.
    public func startDiagnostic(learnerID: String, credentialID: String, seed: UInt64? = nil, minItems: Int? = nil, maxItems: Int? = nil,
                                targetStandardError: Double? = nil, assumedPass: Double = ExamFormat.defaultAssumedProportion) async throws -> SessionState {
        let (credential, blueprint) = try resolve(credentialID)
        if let open = try await openSession(kind: .diagnostic, learnerID: learnerID, credentialID: credential.id) { return open }
        let items = bank.items(credential: credential.id, blueprint: blueprint)
        guard !items.isEmpty else { throw PracticeError.noItems(credential.id) }
        let selector = try await diagnosticSelector(credentialID: credential.id, blueprint: blueprint)
        let history = try await history(learnerID: learnerID)
        let maxItems = maxItems ?? DiagnosticSelector.defaultMaxItems
        let minItems = min(minItems ?? DiagnosticSelector.defaultMinItems, maxItems)
        // Items whose key the learner has seen are no fresh evidence, and an open exam's items stay with that exam.
        let seen = Set(history.keyShownAt.keys).union(history.latestAnswerByItem.keys).union(history.itemsOnOpenTests)
        let settings = SessionSettings(minItems: minItems, maxItems: maxItems, targetStandardError: targetStandardError ?? DiagnosticSelector.defaultTargetStandardError,
            excludedItems: selector.exclusions(seen: seen, maxItems: maxItems), assumedPassProportion: assumedPass)
        let header = SessionHeader(id: makeID(), learnerID: learnerID, kind: .diagnostic, credentialID: credential.id,
            blueprintVersion: blueprint.version, seed: seed ?? makeSeed(), startedAt: clock(), deadline: nil, items: [], settings: settings)
        try await store.create(header)
        var state = SessionState(header: header)
        state = try await advanceDiagnostic(state)
        return state
    }

    /// A review of the cards due now (at most `limit`), or nil when nothing is due.
    public func startReview(learnerID: String, credentialID: String, limit: Int = 20, seed: UInt64? = nil) async throws -> SessionState? {
        let (credential, blueprint) = try resolve(credentialID)
        let deck = try await deck(learnerID: learnerID)
        let due = deck.due(credential: credential.id, at: clock())
        let history = try await history(learnerID: learnerID)
        let seed = seed ?? makeSeed()
        let items = ReviewQueue().items(for: due, bank: revealable(bank.items(credential: credential.id, blueprint: blueprint), history: history),
            history: history, limit: limit, seed: seed)
        guard !items.isEmpty else { return nil }
        let header = SessionHeader(id: makeID(), learnerID: learnerID, kind: .review, credentialID: credential.id,
            blueprintVersion: blueprint.version, seed: seed, startedAt: clock(), deadline: nil, items: items, settings: SessionSettings())
        return try await begin(header)
    }

    /// The items a session that shows keys at once may use: none that sits on the learner's open mock exam or
    /// diagnostic (the exam-integrity rule, from the other side).
    private func revealable(_ items: [Item], history: LearnerHistory) -> [Item] {
        let hidden = history.itemsOnOpenTests
        return hidden.isEmpty ? items : items.filter { !hidden.contains($0.id) }
    }

    private func begin(_ header: SessionHeader, created: Bool = false) async throws -> SessionState {
        if !created { try await store.create(header) }
        let state = SessionState(header: header)
        let events = engine.events([.viewed(position: 0)], after: state, at: header.startedAt)
        try await store.append(events, to: header.id)
        return SessionState.replay(header, events: events)
    }

    // MARK: Commands

    /// The outcome of a command: the new state, and feedback when the session kind gives it.
    public struct Outcome: Sendable {
        public let state: SessionState
        public let feedback: AnswerFeedback?
    }

    /// The session, with an overdue exam submitted first. Refuses another learner's session.
    public func session(_ id: String, learnerID: String) async throws -> SessionState {
        var state = try await current(id)
        guard state.header.learnerID == learnerID else { throw SessionError.notYours(id) }
        if let expiry = engine.expiry(of: state, at: clock()) {
            // Whether the expiry is appended here, by another writer, or not at all, the kept state is now behind.
            defer { states.forget(id) }
            try await appendExpiry(expiry, to: id)
            state.apply(expiry)
        }
        return state
    }

    /// The session as the store holds it now. A state kept from an earlier request is used when the store's log still
    /// ends where it ends (one small read instead of reading, decoding and replaying the whole log); otherwise the log
    /// is read and folded, and kept for next time.
    private func current(_ id: String) async throws -> SessionState {
        if let kept = states.candidate(id) {
            guard let next = try await store.nextSequence(session: id) else {
                states.forget(id)
                throw SessionError.notFound(id)
            }
            if next == kept.nextSequence { return kept }
        }
        guard let stored = try await store.session(id: id) else {
            states.forget(id)
            throw SessionError.notFound(id)
        }
        let state = stored.state
        states.keep(state)
        return state
    }

    /// Records an overdue exam's automatic submission. Reading a session may do this, so two readers can race to
    /// write the same event: the loser finds it written (the event is the same whoever writes it), which is not a
    /// conflict for a read.
    private func appendExpiry(_ expiry: SessionEvent, to id: String) async throws {
        do {
            try await store.append([expiry], to: id)
        } catch StoreError.conflict {
            guard let now = try await store.session(id: id)?.state, now.isFinished else { throw SessionError.conflict }
        }
    }

    /// The learner's open session of `kind` (for `credentialID`, if given), after expiring overdue exams.
    public func openSession(kind: SessionKind, learnerID: String, credentialID: String? = nil) async throws -> SessionState? {
        let sessions = try await store.sessions(learnerID: learnerID)
        for stored in sessions.reversed() where stored.header.kind == kind && (credentialID == nil || stored.header.credentialID == credentialID) {
            let state = try await session(stored.header.id, learnerID: learnerID)
            if !state.isFinished { return state }
        }
        return nil
    }

    /// Applies a command. After the last answer of a drill or review the session ends by itself; after each answer of
    /// a diagnostic the next item is chosen, or the session ends when the stopping rule is met.
    public func perform(_ command: SessionEngine.Command, session id: String, learnerID: String) async throws -> Outcome {
        var state = try await session(id, learnerID: learnerID)
        if state.finished?.reason == .timeUp { throw SessionError.timeUp }
        let now = clock()
        let changes = try engine.decide(command, in: state, at: now)
        var events = engine.events(changes, after: state, at: now)
        var next = state
        for event in events { next.apply(event) }
        if case .answer = command, [.practice, .review].contains(state.header.kind), next.unanswered.isEmpty {
            let end = engine.events([.finished(reason: .submitted)], after: next, at: now)
            events += end
            next.apply(end[0])
        }
        try await append(events, to: id)
        state = next
        states.keep(state)
        if case .answer = command, state.header.kind == .diagnostic {
            state = try await advanceDiagnostic(state)
            states.keep(state)
        }
        var feedback: AnswerFeedback?
        if case .answer(let position, _) = command, state.header.kind.givesImmediateFeedback,
           let presented = state.items.first(where: { $0.position == position }), let answer = state.answers[position],
           let item = bank.item(presented.itemID) {
            feedback = AnswerFeedback(item: item, presented: presented, answer: answer)
        }
        return Outcome(state: state, feedback: feedback)
    }

    private func append(_ events: [SessionEvent], to id: String) async throws {
        guard !events.isEmpty else { return }
        do {
            try await store.append(events, to: id)
        } catch StoreError.conflict {
            throw SessionError.conflict
        }
    }

    private func advanceDiagnostic(_ state: SessionState) async throws -> SessionState {
        guard !state.isFinished, state.unanswered.isEmpty else { return state }
        let (_, blueprint) = try resolve(state.header.credentialID)
        let selector = try await diagnosticSelector(credentialID: state.header.credentialID, blueprint: blueprint)
        let now = clock()
        let change: [SessionEvent.Change]
        switch selector.next(after: state).step {
        case .ask(let item):
            var rng = SeededGenerator(seed: state.header.seed ^ UInt64(state.items.count + 1))
            let presented = FormAssembler.present(item, at: state.items.count, using: &rng)
            change = [.presented(presented), .viewed(position: presented.position)]
        case .stop:
            change = [.finished(reason: .stoppingRule)]
        }
        let events = engine.events(change, after: state, at: now)
        try await append(events, to: state.header.id)
        var next = state
        for event in events { next.apply(event) }
        return next
    }

    // MARK: Reports

    /// The report of a finished session. An open session has no report (its keys must not leave the engine).
    public func report(session id: String, learnerID: String) async throws -> SessionReport {
        let state = try await session(id, learnerID: learnerID)
        let (credential, blueprint) = try resolve(state.header.credentialID, allowRetired: true)
        let format = try? ExamFormat(credential: credential, assumedProportion: state.header.settings.assumedPassProportion ?? ExamFormat.defaultAssumedProportion)
        var report: SessionReport
        do {
            report = try SessionReport(state: state, bank: bank, blueprint: blueprint, format: format)
        } catch {
            throw PracticeError.sessionStillOpen(id)
        }
        if [.diagnostic, .exam].contains(state.header.kind), let format {
            let history = try await history(learnerID: learnerID)
            report.readiness = try? await estimator(format: format, blueprint: blueprint).estimate(history, at: report.finishedAt)
        }
        return report
    }

    /// Readiness for `credentialID` now.
    public func readiness(learnerID: String, credentialID: String, assumedPass: Double = ExamFormat.defaultAssumedProportion) async throws -> ReadinessReport {
        let (credential, blueprint) = try resolve(credentialID)
        let format = try ExamFormat(credential: credential, assumedProportion: assumedPass)
        let history = try await history(learnerID: learnerID)
        return try await estimator(format: format, blueprint: blueprint).estimate(history, at: clock())
    }

    /// Readiness now, its course over time, reviews due, and what to study next.
    public func progress(learnerID: String, credentialID: String, assumedPass: Double = ExamFormat.defaultAssumedProportion) async throws -> ProgressReport {
        let (credential, blueprint) = try resolve(credentialID)
        let format = try ExamFormat(credential: credential, assumedProportion: assumedPass)
        let learner = try await learner(id: learnerID)
        let history = try await history(learnerID: learnerID)
        let estimator = try await estimator(format: format, blueprint: blueprint)
        let deck = ReviewDeck(history: history, examDates: examDates(learner))
        return ProgressReport(credential: credential, history: history, estimator: estimator, deck: deck, examDate: learner.examDates[credential.id], now: clock())
    }

    /// Every session of the learner, newest first, with overdue exams submitted.
    public func sessions(learnerID: String) async throws -> [SessionState] {
        try await history(learnerID: learnerID).sessions.reversed()
    }

    public func deck(learnerID: String) async throws -> ReviewDeck {
        let learner = try await learner(id: learnerID)
        return ReviewDeck(history: try await history(learnerID: learnerID), examDates: examDates(learner))
    }

    /// The learner's history, after submitting any exam whose clock ran out while nobody was looking.
    public func history(learnerID: String) async throws -> LearnerHistory {
        var stored = try await store.sessions(learnerID: learnerID)
        let now = clock()
        for (i, s) in stored.enumerated() {
            if let expiry = engine.expiry(of: s.state, at: now) {
                try await appendExpiry(expiry, to: s.header.id)
                stored[i] = StoredSession(header: s.header, events: s.events + [expiry])
            }
        }
        return LearnerHistory(stored)
    }

    // MARK: Problem reports

    /// Records a learner's report on question `number` (1-based) of one of their sessions, with the item id and the
    /// version they saw. The comment is trimmed and kept to `ItemReport.maxComment` characters.
    public func reportProblem(session id: String, questionNumber number: Int, kind: ItemReport.Kind, comment: String, learnerID: String) async throws
        -> ItemReport
    {
        let state = try await session(id, learnerID: learnerID)
        guard let presented = state.items.first(where: { $0.position == number - 1 }) else {
            throw SessionError.noSuchPosition(number - 1, count: state.items.count)
        }
        let report = ItemReport(id: makeID(), learnerID: learnerID, sessionID: id, questionNumber: number, itemID: presented.itemID,
            itemVersion: presented.itemVersion, credentialID: state.header.credentialID, kind: kind,
            comment: String(comment.trimmingCharacters(in: .whitespacesAndNewlines).prefix(ItemReport.maxComment)), at: clock())
        try await store.addItemReport(report)
        return report
    }

    /// Problem reports: the learner's own, or everyone's for authors (`learnerID` nil).
    public func itemReports(learnerID: String?) async throws -> [ItemReport] {
        try await store.itemReports(learnerID: learnerID)
    }

    // MARK: Helpers

    /// The active exams that have a current exam guide: the credentials whose banks practice (and calibration) use.
    public var examCredentialIDs: [String] {
        catalog.credentials.filter { $0.kind == .exam && !$0.isRetired && $0.currentBlueprint != nil }.map(\.id)
    }

    /// The credential and its current blueprint; a retired credential is refused with its successor named.
    public func resolve(_ id: String, allowRetired: Bool = false) throws -> (Credential, Blueprint) {
        let credential = try catalog.requireCredential(id)
        if credential.isRetired && !allowRetired {
            throw PracticeError.retired(id, successor: catalog.activeSuccessor(of: credential)?.id)
        }
        guard let blueprint = credential.currentBlueprint else { throw PracticeError.noBlueprint(id) }
        return (credential, blueprint)
    }

    /// The item parameters in use for a credential: its newest calibrated set, read from the store on every call so
    /// that a new calibration takes effect at once (falling back per item to the authors' estimates).
    public func parameters(credentialID: String) async throws -> BankParameters {
        BankParameters(set: try await store.newestParameterSet(credentialID: credentialID))
    }

    /// The readiness estimator for a credential's exam format, with the parameters in use (built once per parameter
    /// set and pass mark, then shared).
    public func estimator(format: ExamFormat, blueprint: Blueprint) async throws -> ReadinessEstimator {
        let parameters = try await parameters(credentialID: format.credentialID)
        let key = BuildKey(credentialID: format.credentialID, blueprint: blueprint.version, setVersion: parameters.set?.version,
            passMark: format.passMark.proportion, questions: format.questionCount)
        let items = bank.items(credential: format.credentialID, blueprint: blueprint)
        return try await estimators.value(for: key) { try ReadinessEstimator(format: format, blueprint: blueprint, bank: items, parameters: parameters) }
    }

    /// The diagnostic's item selection for a credential with the parameters in use (built once per parameter set).
    public func diagnosticSelector(credentialID: String, blueprint: Blueprint) async throws -> DiagnosticSelector {
        let parameters = try await parameters(credentialID: credentialID)
        let items = bank.items(credential: credentialID, blueprint: blueprint)
        return await selectors.value(for: BuildKey(credentialID: credentialID, blueprint: blueprint.version, setVersion: parameters.set?.version)) {
            DiagnosticSelector(blueprint: blueprint, items: items, parameters: parameters)
        }
    }

    private func examDates(_ learner: Learner) -> [String: Date] {
        learner.examDates.mapValues { Date(timeIntervalSince1970: Double($0.ordinal - Day(year: 1970, month: 1, day: 1)!.ordinal) * 86_400) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Why a session could not start or report.
public enum PracticeError: Error, Equatable, Sendable, CustomStringConvertible {
    case noItems(String)
    case nothingMatches
    case retired(String, successor: String?)
    case noBlueprint(String)
    case unknownDomain(String, known: [String])
    case sessionStillOpen(String)

    public var description: String {
        switch self {
        case .noItems(let id): "the bank has no items for \(id)"
        case .nothingMatches: "no items match these filters"
        case .retired(let id, let successor): "\(id) is retired" + (successor.map { "; practise for its successor \($0)" } ?? "")
        case .noBlueprint(let id): "\(id) has no current exam guide to practise against"
        case .unknownDomain(let d, let known): "no domain '\(d)'; domains are: \(known.joined(separator: ", "))"
        case .sessionStillOpen(let id): "session \(id) is still open; its results appear when it ends"
        }
    }
}
