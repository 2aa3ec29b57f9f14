import Foundation

/// A session's current state, rebuilt by folding its events over its header. Pure: no clock, no store.
public struct SessionState: Sendable {
    public let header: SessionHeader
    public private(set) var items: [PresentedItem]
    /// The latest answer per position.
    public private(set) var answers: [Int: RecordedAnswer] = [:]
    /// How many times each answer was replaced.
    public private(set) var changes: [Int: Int] = [:]
    public private(set) var flagged: Set<Int> = []
    /// The item on screen.
    public private(set) var cursor: Int = 0
    /// Seconds spent on each item, from the view events.
    public private(set) var secondsSpent: [Int: Double] = [:]
    /// When the learner arrived at the item under the cursor.
    public private(set) var viewStartedAt: Date?
    public private(set) var finished: (at: Date, reason: FinishReason)?
    /// Answers in the order they were given, with their times (replaced answers included).
    public private(set) var answerLog: [(at: Date, answer: RecordedAnswer)] = []
    /// The sequence number the next event must carry.
    public private(set) var nextSequence = 0

    public init(header: SessionHeader) {
        self.header = header
        self.items = header.items
    }

    /// The state after `events`, which must be the session's log in order.
    public static func replay(_ header: SessionHeader, events: [SessionEvent]) -> SessionState {
        var state = SessionState(header: header)
        for event in events { state.apply(event) }
        return state
    }

    public var isFinished: Bool { finished != nil }

    /// Positions not answered yet.
    public var unanswered: [Int] { items.map(\.position).filter { answers[$0] == nil } }

    public var correctCount: Int { answers.values.filter(\.correct).count }

    /// Positions whose answer is still in progress: fewer options chosen than a "choose N" question asks for (a mock
    /// exam stores these; they score as wrong if still partial at the end).
    public var partiallyAnswered: Set<Int> {
        Set(items.filter { item in answers[item.position].map { $0.selected.count < item.choose } ?? false }.map(\.position))
    }

    /// Applies one event. Events are facts already accepted by `SessionEngine`, so nothing here can fail.
    public mutating func apply(_ event: SessionEvent) {
        nextSequence = event.sequence + 1
        switch event.change {
        case .presented(let item):
            if !items.contains(where: { $0.position == item.position }) { items.append(item) }
        case .viewed(let position):
            closeView(at: event.at)
            cursor = position
            viewStartedAt = event.at
        case .answered(let answer):
            // A change of mind is one whole answer replaced by another; completing or clearing a partial "choose N"
            // selection is not.
            if let previous = answers[answer.position], isComplete(previous), isComplete(answer) { changes[answer.position, default: 0] += 1 }
            // An empty selection (a mock exam only) clears the answer: the question counts as unanswered again.
            answers[answer.position] = answer.selected.isEmpty ? nil : answer
            answerLog.append((event.at, answer))
        case .flagged(let position, let on):
            if on { flagged.insert(position) } else { flagged.remove(position) }
        case .finished(let reason):
            closeView(at: event.at)
            viewStartedAt = nil
            finished = (event.at, reason)
        }
    }

    /// Whether `answer` chooses as many options as its question asks for.
    public func isComplete(_ answer: RecordedAnswer) -> Bool {
        answer.selected.count >= (items.first { $0.position == answer.position }?.choose ?? 1)
    }

    private mutating func closeView(at time: Date) {
        guard let start = viewStartedAt else { return }
        secondsSpent[cursor, default: 0] += max(0, time.timeIntervalSince(start))
    }
}
