/// Standard errors of one item's parameters; 0 for a parameter that was fixed or is not in the model.
public struct ItemStandardErrors: Hashable, Sendable, Codable {
    public var a: Double
    public var b: Double
    public var c: Double
    public init(a: Double, b: Double, c: Double) {
        self.a = a
        self.b = b
        self.c = c
    }
}

/// The outcome of a calibration: item parameters, their precision, and how the EM run went.
///
/// Standard errors come from the M-step information at the final expected counts (including the priors), the usual
/// Bock–Aitkin approximation: it treats the posterior weights as known, so it is somewhat optimistic for items
/// answered by few people.
public struct CalibrationResult: Sendable {
    /// Calibrated items, in bank order; anchors are returned unchanged.
    public var items: [ItemParameters]
    /// Standard error of each item's parameters.
    public var standardErrors: [ItemStandardErrors]
    /// Number of responses each item had.
    public var responseCounts: [Int]
    /// Estimated (or fixed) mean of ability.
    public var latentMean: Double
    /// Estimated (or fixed) SD of ability.
    public var latentSD: Double
    /// Marginal log-likelihood of the data at the final parameters (priors excluded).
    public var logLikelihood: Double
    /// EM cycles run, each one E-step (with SQUAREM, rejected jumps count too).
    public var iterations: Int
    /// Whether the parameter changes fell below the tolerance.
    public var converged: Bool
    /// Largest parameter change in the last cycle.
    public var lastMaxChange: Double
    /// Marginal log-likelihood at each accepted point of the EM path; it should not decrease (beyond what the priors
    /// allow).
    public var logLikelihoodHistory: [Double]
    /// Floating-point additions the E-steps made in their two row passes (likelihood rows and expected counts), all
    /// cycles and the final one included: the work measure that lets a benchmark relate time to the machine's peak.
    public var eStepAdditions: Int
}
