/// The three answers a learner can get to "am I ready to sit the exam?".
public enum ReadinessOutcome: String, Hashable, Sendable, Codable {
    /// The probability of passing a real form is at least the verdict level (0.95 by default).
    case likelyPass
    /// The probability of passing is at most 1 minus the verdict level.
    case likelyFail
    /// Neither: more answers (or more study) are needed before saying either.
    case notEnoughEvidence
}

/// What `ReadinessPredictor.predict` says about one learner.
public struct ReadinessPrediction: Hashable, Sendable {
    /// One content domain.
    public struct Domain: Hashable, Sendable {
        /// Expected proportion correct on this domain's questions of a real form.
        public var expectedProportion: Double
        /// The expected proportion correct at the ends of the domain ability's central credible interval
        /// (`credibleLevel`, best parameter values): how far the domain figure could plausibly be from
        /// `expectedProportion` given the answers so far. Contains `expectedProportion`.
        public var expectedRange: ClosedRange<Double>
        /// Ability in this domain (posterior mean and SD, best parameter values).
        public var ability: AbilityEstimate
        /// Posterior probability that this domain's ability is at or above `abilityCut`; nil without a cut.
        public var probabilityAboveCut: Double?
        /// Answers counted in this domain.
        public var responses: Int
    }

    /// P(number right on a real form ≥ pass count), averaged over ability, the form's questions and the item
    /// parameters.
    public var probabilityOfPassing: Double
    /// The central `probabilityRangeLevel` of the per-draw probabilities: where the probability would lie for most
    /// plausible values of the item parameters. Narrow once the bank is calibrated; wide on authors' estimates.
    public var probabilityRange: ClosedRange<Double>
    /// Expected proportion correct on a real form.
    public var expectedProportion: Double
    /// The central `scoreRangeLevel` of the predicted proportion correct on one real form (ability, the form's
    /// questions and the parameters all vary).
    public var proportionRange: ClosedRange<Double>
    /// P(k right) for k = 0...questions on a real form.
    public var scoreDistribution: [Double]
    /// General ability: posterior mean and SD with the best parameter values.
    public var ability: AbilityEstimate
    /// Central credible interval of general ability at the configuration's `credibleLevel`.
    public var abilityInterval: ClosedRange<Double>
    /// Posterior probability that general ability is at or above the predictor's `abilityCut`; nil without a cut.
    public var probabilityAbilityAboveCut: Double?
    public var domains: [Domain]
    /// Answers the prediction rests on.
    public var responseCount: Int
    public var outcome: ReadinessOutcome
}
