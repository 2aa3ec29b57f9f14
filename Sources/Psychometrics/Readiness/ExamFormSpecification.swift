/// The real exam as readiness predicts it: how many questions each content domain contributes, and how many must be
/// right to pass.
///
/// ```swift
/// let form = ExamFormSpecification(seats: [15, 12, 18, 15], passProportion: 0.7)   // a 60-question exam, pass at 42
/// ```
public struct ExamFormSpecification: Hashable, Sendable, Codable {
    /// Questions per domain (indexed like the predictor's domains).
    public let seats: [Int]
    /// The fewest right answers that pass.
    public let passCount: Int

    /// A form with `seats` per domain, passed by a proportion correct of at least `passProportion`.
    public init(seats: [Int], passProportion: Double) {
        precondition(seats.allSatisfy { $0 >= 0 } && seats.reduce(0, +) > 0, "a form needs at least one question")
        precondition(passProportion >= 0 && passProportion <= 1)
        self.seats = seats
        let n = seats.reduce(0, +)
        // The smallest count whose proportion reaches the mark (a hair of tolerance so 0.7 × 60 is 42, not 43).
        passCount = min(n, max(0, Int((passProportion * Double(n) - 1e-9).rounded(.up))))
    }

    /// Total number of questions.
    public var questionCount: Int { seats.reduce(0, +) }
}
