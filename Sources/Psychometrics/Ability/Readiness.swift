/// The three answers a learner can get to "am I ready to sit the exam?".
public enum ReadinessOutcome: String, Hashable, Sendable, Codable {
    /// The whole credible interval lies at or above the cut.
    case likelyPass
    /// The whole credible interval lies below the cut.
    case likelyFail
    /// The interval straddles the cut: more answers are needed before saying either.
    case notEnoughEvidence
}

/// A readiness verdict with the numbers behind it.
public struct ReadinessAssessment: Hashable, Sendable {
    /// Posterior probability that ability is at or above the cut.
    public var probabilityOfPassing: Double
    /// EAP ability and posterior SD.
    public var ability: AbilityEstimate
    /// Central credible interval for ability at `ReadinessModel.credibleLevel`.
    public var credibleInterval: ClosedRange<Double>
    /// The pass mark on the θ scale.
    public var cut: Double
    /// The verdict.
    public var outcome: ReadinessOutcome
}

/// Turns an ability posterior into a pass probability and a cautious verdict.
///
/// The cut is on the θ scale; an exam's published pass mark is usually a proportion correct, which
/// `ReadinessModel.cut(forProportionCorrect:items:weights:)` converts through the (blueprint-weighted) test
/// characteristic curve. The verdict is "likely pass" or "likely fail" only when the credible interval clears the cut,
/// so a learner with three answers is told that there is not enough evidence yet rather than a coin flip.
///
/// ```swift
/// let model = ReadinessModel(cut: try ReadinessModel.cut(forProportionCorrect: 0.7, items: form, weights: w))
/// let verdict = model.assess(posterior)
/// ```
public struct ReadinessModel: Hashable, Sendable {
    /// The pass mark on the θ scale.
    public var cut: Double
    /// Mass of the credible interval used for the verdict (0.9: a verdict is given at 95% one-sided confidence).
    public var credibleLevel: Double

    public init(cut: Double, credibleLevel: Double = 0.9) {
        precondition(credibleLevel > 0 && credibleLevel < 1)
        self.cut = cut
        self.credibleLevel = credibleLevel
    }

    /// Assesses a learner from their posterior.
    public func assess(_ posterior: AbilityPosterior) -> ReadinessAssessment {
        let interval = posterior.credibleInterval(level: credibleLevel)
        let outcome: ReadinessOutcome =
            interval.lowerBound >= cut ? .likelyPass : interval.upperBound < cut ? .likelyFail : .notEnoughEvidence
        return ReadinessAssessment(
            probabilityOfPassing: posterior.probability(atLeast: cut), ability: posterior.expectedAPosteriori(),
            credibleInterval: interval, cut: cut, outcome: outcome)
    }

    /// Assesses a learner from scored responses, starting from `prior`.
    public func assess(_ responses: [ScoredResponse], prior: NormalPrior = NormalPrior(mean: 0, sd: 1)) -> ReadinessAssessment {
        var posterior = AbilityPosterior(prior: prior)
        posterior.update(responses)
        return assess(posterior)
    }

    /// Why a proportion-correct cut could not be placed on the θ scale.
    public enum CutError: Error, Equatable, Sendable {
        /// The target is below the guessing floor or above what any ability reaches on this form.
        case unreachable(proportion: Double, range: ClosedRange<Double>)
    }

    /// The θ at which the expected weighted proportion correct on `items` equals `proportion`.
    ///
    /// `weights` (one per item, need not sum to 1) express the blueprint: give each item its domain's share divided
    /// by the number of that domain's items on the form. Solved by bisection on the monotone curve over θ ∈ [−8, 8].
    public static func cut(forProportionCorrect proportion: Double, items: [ItemParameters], weights: [Double]? = nil) throws(CutError)
        -> Double
    {
        let w = weights ?? [Double](repeating: 1, count: items.count)
        precondition(w.count == items.count && !items.isEmpty)
        let total = w.reduce(0, +)
        func tcc(_ theta: Double) -> Double {
            var s = 0.0
            for (item, wi) in zip(items, w) { s += wi * item.probability(theta) }
            return s / total
        }
        var lo = -8.0
        var hi = 8.0
        let range = tcc(lo)...tcc(hi)
        guard range.contains(proportion) else { throw .unreachable(proportion: proportion, range: range) }
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if tcc(mid) < proportion { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Per-item weights that give each domain its blueprint share: `share[d] / (items of d on the form)`.
    public static func blueprintWeights<Domain: Hashable>(itemDomains: [Domain], shares: [Domain: Double]) -> [Double] {
        var counts: [Domain: Int] = [:]
        for d in itemDomains { counts[d, default: 0] += 1 }
        return itemDomains.map { (shares[$0] ?? 0) / Double(counts[$0]!) }
    }
}
