import Foundation

/// What a learner has done, across sessions, as the drill filters, the review deck, form assembly and readiness need it.
///
/// Three views of the same sessions, each with its own rule:
/// - `revealed`: answers whose verdict the learner has been shown (drills and reviews at once; mock exams and
///   diagnostics once they end). An open mock exam's answers stay out, or a "missed items" drill would give its keys
///   away. The review deck and the drill filters use these.
/// - `evidence`: for each item, the first answer the learner gave before its key was shown to them. Readiness uses
///   only these: a right answer after the key was shown (in a review, a drill repeat, a later mock) measures memory of
///   the key, not ability.
/// - `keyShownAt` and `lastPresentedAt`: when each item's key was first shown, and when the item was last put in
///   front of the learner in any session, so that adaptive tests and mock forms prefer items that are still fresh.
public struct LearnerHistory: Sendable {
    public struct Entry: Sendable, Hashable {
        /// When the verdict was revealed (for a mock exam or diagnostic, when it ended).
        public let at: Date
        /// When the answer was recorded (for a mock exam, the final answer's time).
        public let answeredAt: Date
        public let sessionID: String
        public let kind: SessionKind
        public let credentialID: String
        public let item: PresentedItem
        public let answer: RecordedAnswer
    }

    public let sessions: [SessionState]
    /// Revealed answers, oldest first. For a mock exam only the final answer to each question counts, dated when the
    /// exam ended (the learner learned the result then).
    public let revealed: [Entry]
    /// First attempts given before the item's key was shown: one per item at most, oldest first.
    public let evidence: [Entry]
    /// When each item's key was first shown: feedback on a drill or review answer, or the report of a finished
    /// session (which shows every question's key, answered or not).
    public let keyShownAt: [String: Date]
    /// When each item was last in front of the learner, in a session of any kind: the end of a finished session (its
    /// report shows every question), else the session's latest event.
    public let lastPresentedAt: [String: Date]

    public init(_ stored: [StoredSession]) {
        let states = stored.map(\.state).sorted { $0.header.startedAt < $1.header.startedAt }
        sessions = states
        var entries: [(entry: Entry, session: Int)] = []
        // The first reveal of each key, ordered by time and then by session (sessions in the order they started), so
        // that a key shown at the same instant in an earlier session counts as shown first.
        var keyShown: [String: (at: Date, session: Int)] = [:]
        var presented: [String: Date] = [:]
        for (order, state) in states.enumerated() {
            func shown(_ itemID: String, at time: Date) {
                if let first = keyShown[itemID], (first.at, first.session) <= (time, order) { return }
                keyShown[itemID] = (time, order)
            }
            let header = state.header
            let items = Dictionary(uniqueKeysWithValues: state.items.map { ($0.position, $0) })
            // Seen at the end of a finished session (its report shows every question), else when last started.
            let seen = state.finished?.at ?? state.lastActivity
            for item in state.items { presented[item.itemID] = max(presented[item.itemID] ?? seen, seen) }
            func entry(_ answer: RecordedAnswer, revealedAt: Date, answeredAt: Date) -> Entry? {
                items[answer.position].map {
                    Entry(at: revealedAt, answeredAt: answeredAt, sessionID: header.id, kind: header.kind, credentialID: header.credentialID, item: $0,
                        answer: answer)
                }
            }
            if header.kind.givesImmediateFeedback {
                for (at, answer) in state.answerLog {
                    shown(answer.itemID, at: at)
                    if let e = entry(answer, revealedAt: at, answeredAt: at) { entries.append((e, order)) }
                }
            } else if let end = state.finished {
                let answeredAt = Dictionary(state.answerLog.map { ($0.answer.position, $0.at) }, uniquingKeysWith: { _, last in last })
                for position in state.answers.keys.sorted() {
                    if let answer = state.answers[position], let e = entry(answer, revealedAt: end.at, answeredAt: answeredAt[position] ?? end.at) {
                        entries.append((e, order))
                    }
                }
            }
            // A finished session's report shows every question's key.
            if let end = state.finished { for item in state.items { shown(item.itemID, at: end.at) } }
        }
        revealed = entries.map(\.entry).sorted { $0.at < $1.at }
        var first: [String: (entry: Entry, session: Int)] = [:]
        for e in entries.sorted(by: { ($0.entry.answeredAt, $0.session) < ($1.entry.answeredAt, $1.session) }) where first[e.entry.answer.itemID] == nil {
            first[e.entry.answer.itemID] = e
        }
        // Fresh: the key was first shown by the answer's own session (its feedback or report), or only after it.
        evidence = first.values.filter { e in
            guard let reveal = keyShown[e.entry.answer.itemID] else { return true }
            return reveal.session == e.session || (e.entry.answeredAt, e.session) < (reveal.at, reveal.session)
        }.map(\.entry).sorted { ($0.at, $0.answer.itemID) < ($1.at, $1.answer.itemID) }
        keyShownAt = keyShown.mapValues(\.at)
        lastPresentedAt = presented
    }

    /// The latest revealed answer to each item.
    public var latestAnswerByItem: [String: RecordedAnswer] {
        var latest: [String: RecordedAnswer] = [:]
        for entry in revealed { latest[entry.answer.itemID] = entry.answer }
        return latest
    }

    /// Items flagged (and not unflagged) in any session.
    public var flaggedItems: Set<String> {
        var ids: Set<String> = []
        for state in sessions {
            for item in state.items where state.flagged.contains(item.position) { ids.insert(item.itemID) }
        }
        return ids
    }

    /// Items on an open mock exam or diagnostic. Drills and reviews leave them out: they show keys at once, and a key
    /// shown there would answer a question the learner can still change.
    public var itemsOnOpenTests: Set<String> {
        Set(sessions.filter { !$0.isFinished && !$0.header.kind.givesImmediateFeedback }.flatMap { $0.items.map(\.itemID) })
    }

    /// How many mock-exam forms held each item.
    public func formExposure(credential: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for state in sessions where state.header.kind == .exam && state.header.credentialID == credential {
            for item in state.items { counts[item.itemID, default: 0] += 1 }
        }
        return counts
    }

    /// The learner's unfinished session of `kind` for `credential`, newest first.
    public func open(kind: SessionKind, credential: String?) -> SessionState? {
        sessions.last { !$0.isFinished && $0.header.kind == kind && (credential == nil || $0.header.credentialID == credential) }
    }
}
