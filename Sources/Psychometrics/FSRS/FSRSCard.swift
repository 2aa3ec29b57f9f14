/// How well a learner recalled a card, the four buttons of FSRS.
public enum FSRSRating: Int, Sendable, Codable, CaseIterable {
    case again = 1
    case hard = 2
    case good = 3
    case easy = 4
}

/// Where a card is in its life: short learning steps, long review intervals, or short relearning steps after a lapse.
public enum FSRSState: Int, Sendable, Codable, CaseIterable {
    case learning = 1
    case review = 2
    case relearning = 3
}

/// The memory state of one card, mirroring py-fsrs's `Card` field by field so histories replay exactly.
///
/// A new card is in `.learning` at step 0 with no stability or difficulty; the first review sets both.
/// ```swift
/// var card = FSRSCard(due: now)
/// card = FSRSScheduler().review(card, rating: .good, at: now)
/// ```
public struct FSRSCard: Hashable, Sendable, Codable {
    /// Learning, review or relearning.
    public var state: FSRSState
    /// Index into the learning or relearning steps, `nil` in `.review`.
    public var step: Int?
    /// Days for retrievability to fall from 100% to 90%; `nil` before the first review.
    public var stability: Double?
    /// Intrinsic difficulty on FSRS's 1–10 scale; `nil` before the first review.
    public var difficulty: Double?
    /// When the card should next be shown.
    public var due: FSRSTimestamp
    /// When the card was last reviewed, `nil` for a new card.
    public var lastReview: FSRSTimestamp?

    /// Creates a card; the defaults make a new, unseen card due at `due`.
    public init(
        state: FSRSState = .learning,
        step: Int? = nil,
        stability: Double? = nil,
        difficulty: Double? = nil,
        due: FSRSTimestamp,
        lastReview: FSRSTimestamp? = nil
    ) {
        self.state = state
        self.step = (state == .learning && step == nil) ? 0 : step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }
}
