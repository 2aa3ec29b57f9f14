/// A normal prior, used on log-discrimination and on difficulty.
public struct NormalPrior: Hashable, Sendable, Codable {
    public var mean: Double
    public var sd: Double
    public init(mean: Double, sd: Double) {
        precondition(sd > 0)
        self.mean = mean
        self.sd = sd
    }
}

/// A beta prior on the guessing parameter: keeps `c` away from 0 and 1 when few low-ability people answer an item.
public struct BetaPrior: Hashable, Sendable, Codable {
    public var alpha: Double
    public var beta: Double
    public init(alpha: Double, beta: Double) {
        precondition(alpha >= 1 && beta >= 1, "a beta prior needs alpha, beta ≥ 1 to have an interior mode")
        self.alpha = alpha
        self.beta = beta
    }
}

/// Everything that steers a calibration run.
///
/// The defaults are those of BILOG-style operational calibration: weak priors that only matter for items with little
/// data (log a ~ N(0, 0.5²), b ~ N(0, 4²), c ~ Beta(4, 16)), a 49-point grid on [−6, 6], and a standard-normal ability
/// distribution unless anchors make its mean and SD identifiable.
public struct CalibrationOptions: Sendable {
    /// Rasch, 2PL or 3PL.
    public var model: IRTModel
    /// Nodes for the integral over ability.
    public var quadrature: Quadrature
    /// EM cycles before giving up (the result then says `converged == false`).
    public var maxIterations: Int
    /// Converged when no estimated parameter moves more than this in one EM cycle.
    public var tolerance: Double
    /// Accelerate EM with SQUAREM: fewer cycles, and items whose EM path creeps (very easy or very hard items) reach
    /// their optimum instead of stopping early because each cycle moves them little. Off gives plain EM.
    public var acceleration: Bool
    /// Prior on log(a) (2PL, 3PL); `nil` for none.
    public var logDiscriminationPrior: NormalPrior?
    /// Prior on b for items without an author difficulty; `nil` for none (items answered all right or all wrong then
    /// drift to the edge of the grid).
    public var difficultyPrior: NormalPrior?
    /// Prior on c (3PL); `nil` for none.
    public var guessingPrior: BetaPrior?
    /// Author-given difficulty on the θ scale, used as the prior mean of b: before any data exist the calibrated b is
    /// exactly this, and as responses accumulate the data take over.
    public var authorDifficulty: [Int: Double]
    /// How far (SD) the data may plausibly move b from the author's value.
    public var authorDifficultySD: Double
    /// Author-given guessing rates (for a choice item, 1 over the number of possible answers), used as the mode of a
    /// Beta prior on c with the weight of `guessingPrior` (α + β = 20 when that is Beta(4, 16)), in place of it.
    public var authorGuessing: [Int: Double]
    /// Items whose parameters are known (anchors from an earlier calibration): kept fixed, and they put the new
    /// items on the old scale.
    public var anchors: [Int: ItemParameters]
    /// Estimate the mean and SD of ability instead of fixing N(0, 1). `nil` means: yes when there are anchors (the
    /// scale is then set by the anchors), SD only for the Rasch model, otherwise no.
    public var estimateLatentDistribution: Bool?
    /// Starting values (for example last night's calibration); `nil` starts from proportions correct.
    public var initialItems: [ItemParameters]?
    /// Tasks for the E-step; `nil` uses every core.
    public var parallelism: Int?
    /// Called after each EM cycle with the cycle number and the marginal log-likelihood, so that a long run can show
    /// progress. It must not block; it runs on the calibrating task.
    public var progress: (@Sendable (_ iteration: Int, _ logLikelihood: Double) -> Void)?

    public init(
        model: IRTModel = .twoPL,
        quadrature: Quadrature = .grid(),
        maxIterations: Int = 500,
        tolerance: Double = 1e-4,
        acceleration: Bool = true,
        logDiscriminationPrior: NormalPrior? = NormalPrior(mean: 0, sd: 0.5),
        difficultyPrior: NormalPrior? = NormalPrior(mean: 0, sd: 4),
        guessingPrior: BetaPrior? = BetaPrior(alpha: 4, beta: 16),
        authorDifficulty: [Int: Double] = [:],
        authorDifficultySD: Double = 1,
        authorGuessing: [Int: Double] = [:],
        anchors: [Int: ItemParameters] = [:],
        estimateLatentDistribution: Bool? = nil,
        initialItems: [ItemParameters]? = nil,
        parallelism: Int? = nil
    ) {
        self.model = model
        self.quadrature = quadrature
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.acceleration = acceleration
        self.logDiscriminationPrior = logDiscriminationPrior
        self.difficultyPrior = difficultyPrior
        self.guessingPrior = guessingPrior
        self.authorDifficulty = authorDifficulty
        self.authorDifficultySD = authorDifficultySD
        self.authorGuessing = authorGuessing
        self.anchors = anchors
        self.estimateLatentDistribution = estimateLatentDistribution
        self.initialItems = initialItems
        self.parallelism = parallelism
    }
}
