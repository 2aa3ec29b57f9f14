import Foundation

/// One step of a session, appended to the learner store before it is acknowledged.
///
/// A session is nothing but its header and this log: the current state is a fold over the events
/// (`SessionState.replay`). That is what makes a killed process lose nothing, lets a session resume exactly where it
/// was, and lets several server processes share one database: there is no state that lives only in memory.
public struct SessionEvent: Sendable, Codable, Hashable {
    /// 0-based and gap-free within a session; the store refuses a second event with the same number, which turns a
    /// race between two writers into a clear conflict instead of a lost answer.
    public let sequence: Int
    /// A whole millisecond (`StoredTime`): the same `Date` whether the event was just made or read back from any store.
    public let at: Date
    public let change: Change

    public init(sequence: Int, at: Date, change: Change) {
        self.sequence = sequence
        self.at = StoredTime.rounded(at)
        self.change = change
    }

    public enum Change: Sendable, Codable, Hashable {
        /// An item was added to the session (adaptive and review sessions grow one item at a time).
        case presented(PresentedItem)
        /// The learner moved to an item.
        case viewed(position: Int)
        case answered(RecordedAnswer)
        case flagged(position: Int, flagged: Bool)
        case finished(reason: FinishReason)

        /// A short stable name, stored in its own column so that stores can query by kind.
        public var name: String {
            switch self {
            case .presented: "presented"
            case .viewed: "viewed"
            case .answered: "answered"
            case .flagged: "flagged"
            case .finished: "finished"
            }
        }

        /// The position the change concerns, when it concerns one.
        public var position: Int? {
            switch self {
            case .presented(let item): item.position
            case .viewed(let p), .flagged(let p, _): p
            case .answered(let a): a.position
            case .finished: nil
            }
        }
    }
}
