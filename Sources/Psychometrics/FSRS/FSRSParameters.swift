/// The 21 model weights of FSRS-6, the version py-fsrs 6.x implements.
///
/// Weights are kept as a plain array because the optimizer (py-fsrs's `Optimizer`, or fsrs-rs) publishes them that
/// way; `init(weights:)` checks them against the same bounds py-fsrs enforces, so a set that py-fsrs would reject is
/// rejected here too instead of producing silently different schedules.
public struct FSRSParameters: Hashable, Sendable, Codable {
    /// w[0]…w[20]: initial stabilities (0–3), initial difficulty (4–5), difficulty update (6–7), recall stability
    /// (8–10), forget stability (11–14), hard penalty and easy bonus (15–16), same-day reviews (17–19), decay (20).
    public let weights: [Double]

    /// The default weights of py-fsrs 6.3.
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// Lower bounds on each weight, as in py-fsrs.
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// Upper bounds on each weight, as in py-fsrs.
    public static let upperBounds: [Double] = [
        100, 100, 100, 100, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    /// Why a weight vector was refused.
    public enum ValidationError: Error, Equatable, Sendable {
        /// FSRS-6 has exactly 21 weights.
        case wrongCount(Int)
        /// Weight `index` lies outside py-fsrs's bounds.
        case outOfBounds(index: Int, value: Double)
    }

    /// The default FSRS-6 weights.
    public init() { weights = Self.defaultWeights }

    /// Validated custom weights, for example from an optimizer run on a learner's own history.
    public init(weights: [Double]) throws(ValidationError) {
        guard weights.count == 21 else { throw .wrongCount(weights.count) }
        for (i, w) in weights.enumerated() where !(Self.lowerBounds[i] <= w && w <= Self.upperBounds[i]) {
            throw .outOfBounds(index: i, value: w)
        }
        self.weights = weights
    }
}
