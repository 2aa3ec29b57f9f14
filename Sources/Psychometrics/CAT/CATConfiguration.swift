/// When an adaptive test ends.
public struct CATStoppingRule: Hashable, Sendable {
    /// Never stop before this many items (a verdict on three items convinces nobody).
    public var minItems: Int
    /// Always stop at this many items.
    public var maxItems: Int
    /// Stop once the posterior SD is at or below this (nil: no precision rule).
    public var targetStandardError: Double?
    /// Stop once the credible interval at `classificationLevel` lies wholly on one side of this θ (nil: no rule).
    public var classificationCut: Double?
    /// Credible level for the classification rule.
    public var classificationLevel: Double

    public init(
        minItems: Int = 10, maxItems: Int = 40, targetStandardError: Double? = 0.3, classificationCut: Double? = nil,
        classificationLevel: Double = 0.9
    ) {
        precondition(minItems >= 0 && maxItems >= minItems)
        self.minItems = minItems
        self.maxItems = maxItems
        self.targetStandardError = targetStandardError
        self.classificationCut = classificationCut
        self.classificationLevel = classificationLevel
    }
}

/// Why an adaptive test stopped.
public enum CATStopReason: String, Hashable, Sendable, Codable {
    case maxLength
    case precisionReached
    case classified
    case bankExhausted
}

/// Item selection and stopping policy for an adaptive test.
///
/// Selection is maximum Fisher information at the current EAP, restricted to the content domain furthest below its
/// blueprint share, then `randomesque` picks at random among the best few (so the single most informative item is not
/// shown to everyone), and Sympson–Hetter filtering (if parameters are given) admits a selected item only with
/// probability `K_i`, capping the exposure of popular items.
public struct CATConfiguration: Hashable, Sendable {
    /// Target share of each domain (indexed like `ItemBank.domains`); nil for no content balancing.
    public var blueprint: [Double]?
    /// Choose at random among the `randomesque` most informative items (1 = pure maximum information).
    public var randomesque: Int
    /// Sympson–Hetter exposure control parameters K_i ∈ (0, 1], one per bank item; nil for none.
    public var sympsonHetter: [Double]?
    /// When to stop.
    public var stopping: CATStoppingRule
    /// The prior on ability (the calibration population).
    public var prior: NormalPrior

    public init(
        blueprint: [Double]? = nil, randomesque: Int = 1, sympsonHetter: [Double]? = nil, stopping: CATStoppingRule = CATStoppingRule(),
        prior: NormalPrior = NormalPrior(mean: 0, sd: 1)
    ) {
        precondition(randomesque >= 1 && randomesque <= 64, "randomesque must be in 1...64")
        self.blueprint = blueprint
        self.randomesque = randomesque
        self.sympsonHetter = sympsonHetter
        self.stopping = stopping
        self.prior = prior
    }
}
