import Foundation

/// A range for a proportion correct from few answers: the Wilson score interval at 90%.
///
/// Four right out of five is not "80%, full stop"; the chart band shows how far the true figure could plausibly be
/// from it. Wilson's interval stays inside 0...1 and behaves at 0 and n correct, where the textbook ± formula fails.
struct ProportionInterval: Sendable, Equatable {
    let low: Double
    let high: Double

    /// z for a central 90% interval.
    static let z = 1.6449

    init(correct: Int, total: Int) {
        guard total > 0 else {
            low = 0
            high = 1
            return
        }
        let n = Double(total)
        let p = Double(min(max(correct, 0), total)) / n
        let z2 = Self.z * Self.z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = Self.z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        low = max(0, centre - half)
        high = min(1, centre + half)
    }
}
