import Foundation

/// What a learner has done, across sessions, as the drill filters, the review deck and readiness need it.
///
/// Only *revealed* answers count: those from drills and reviews (feedback was immediate) and from mock exams and
/// diagnostics that have ended. An open mock exam's answers stay out, or a "missed items" drill would give its
/// keys away.
public struct LearnerHistory: Sendable {
    public struct Entry: Sendable, Hashable {
        public let at: Date
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

    public init(_ stored: [StoredSession]) {
        let states = stored.map(\.state).sorted { $0.header.startedAt < $1.header.startedAt }
        sessions = states
        var entries: [Entry] = []
        for state in states {
            let items = Dictionary(uniqueKeysWithValues: state.items.map { ($0.position, $0) })
            if state.header.kind.givesImmediateFeedback {
                for (at, answer) in state.answerLog { if let item = items[answer.position] { entries.append(Entry(at: at, sessionID: state.header.id, kind: state.header.kind, credentialID: state.header.credentialID, item: item, answer: answer)) } }
            } else if let end = state.finished {
                for position in state.answers.keys.sorted() {
                    if let answer = state.answers[position], let item = items[position] {
                        entries.append(Entry(at: end.at, sessionID: state.header.id, kind: state.header.kind, credentialID: state.header.credentialID, item: item, answer: answer))
                    }
                }
            }
        }
        revealed = entries.sorted { $0.at < $1.at }
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
