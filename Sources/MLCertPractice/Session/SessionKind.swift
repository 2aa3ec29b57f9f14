/// The four kinds of study session. They share one event log and one state machine; what differs is when feedback
/// is shown and how items are chosen.
public enum SessionKind: String, Sendable, Codable, CaseIterable {
    /// A drill over chosen domains or objectives, with feedback after every answer.
    case practice
    /// A mock exam in the real exam's format: fixed form, clock, no feedback until it is submitted.
    case exam
    /// An adaptive test that stops when the ability estimate is precise enough; no feedback until it ends.
    case diagnostic
    /// Spaced review of what was missed, due by the FSRS schedule, with feedback after every answer.
    case review

    /// Whether each answer is scored and explained at once. Mock exams and diagnostics hold feedback back until the
    /// end, as the real exams do, so that no key or rationale is shown for an item that can still be answered.
    public var givesImmediateFeedback: Bool { self == .practice || self == .review }

    /// Whether a recorded answer may be replaced. On a mock exam you may change your mind until you submit; in the
    /// other kinds the feedback (or the next adaptive item) already depends on the first answer.
    public var allowsChangingAnswers: Bool { self == .exam }
}

/// Why a session ended.
public enum FinishReason: String, Sendable, Codable, Hashable {
    /// The learner submitted (a mock exam) or answered the last item (drill, review).
    case submitted
    /// The exam clock ran out; the engine submitted what was recorded.
    case timeUp = "time_up"
    /// The adaptive test's stopping rule was met.
    case stoppingRule = "stopping_rule"
}
