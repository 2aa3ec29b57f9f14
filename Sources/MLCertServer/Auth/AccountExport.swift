import Foundation
import MLCertPractice

/// All data held about one account, as `GET /api/v1/account/export` returns it: the account without its password
/// hash, the learner record, and every session with its full event log (each view, answer, flag and the end, with
/// times).
///
/// One thing is held back: whether an answer was right, while a mock exam or diagnostic is still open. The learner
/// could otherwise export, see which answers are wrong, and change them before submitting. The verdicts appear in
/// the export as soon as the session ends.
public struct AccountExport: Codable, Sendable {
    public struct AccountInfo: Codable, Sendable, Equatable {
        public let id: String
        public let email: String
        public let createdAt: Date

        init(_ account: Account) {
            id = account.id
            email = account.email
            createdAt = account.createdAt
        }
    }

    /// One event, flattened so that every field is plain JSON.
    public struct Event: Codable, Sendable {
        public let sequence: Int
        public let at: Date
        /// `presented`, `viewed`, `answered`, `flagged` or `finished`.
        public let change: String
        public let position: Int?
        public let itemID: String?
        public let itemVersion: Int?
        /// Authored option indices (0 = the first option as written in the bank).
        public let selected: [Int]?
        /// Nil while the session is an open mock exam or diagnostic.
        public let correct: Bool?
        public let flagged: Bool?
        public let reason: String?

        init(_ event: SessionEvent, revealCorrectness: Bool) {
            sequence = event.sequence
            at = event.at
            change = event.change.name
            position = event.change.position
            switch event.change {
            case .presented(let item):
                (itemID, itemVersion, selected, correct, flagged, reason) = (item.itemID, item.itemVersion, nil, nil, nil, nil)
            case .answered(let answer):
                (itemID, itemVersion, selected, flagged, reason) = (answer.itemID, answer.itemVersion, answer.selected, nil, nil)
                correct = revealCorrectness ? answer.correct : nil
            case .flagged(_, let on):
                (itemID, itemVersion, selected, correct, flagged, reason) = (nil, nil, nil, nil, on, nil)
            case .finished(let why):
                (itemID, itemVersion, selected, correct, flagged, reason) = (nil, nil, nil, nil, nil, why.rawValue)
            case .viewed:
                (itemID, itemVersion, selected, correct, flagged, reason) = (nil, nil, nil, nil, nil, nil)
            }
        }
    }

    public struct Session: Codable, Sendable {
        public let id: String
        public let kind: String
        public let credential: String
        public let blueprintVersion: String
        public let startedAt: Date
        public let deadline: Date?
        public let finished: Bool
        public let events: [Event]

        init(_ stored: StoredSession) {
            let state = stored.state
            let reveal = state.header.kind.givesImmediateFeedback || state.isFinished
            id = stored.header.id
            kind = SessionKindName.name(stored.header.kind)
            credential = stored.header.credentialID
            blueprintVersion = stored.header.blueprintVersion
            startedAt = stored.header.startedAt
            deadline = stored.header.deadline
            finished = state.isFinished
            events = stored.events.map { Event($0, revealCorrectness: reveal) }
        }
    }

    public let account: AccountInfo
    public let learner: Learner?
    public let sessions: [Session]
    public let exportedAt: Date
}
