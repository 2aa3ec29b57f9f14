/// What is known about one item's parameters: a best value and how far the truth may plausibly lie from it.
///
/// Readiness integrates over this uncertainty instead of treating the best value as exact. For an item scored with the
/// author's estimate the spread is wide (`authorEstimate`); for a calibrated item it is the calibration's standard
/// errors, which shrink as learners answer it.
///
/// ```swift
/// let prior = ItemParameterDistribution.authorEstimate(ItemParameters(a: 1, b: 0, c: 0.25))
/// var rng = SeededGenerator(seed: 7)
/// let plausible = prior.draw(using: &rng)      // one set of values the item might really have
/// ```
public struct ItemParameterDistribution: Hashable, Sendable, Codable {
    /// The best value (the centre of the distribution).
    public var mean: ItemParameters
    /// SD of log(a): discrimination is positive and its errors are multiplicative.
    public var sdLogA: Double
    /// SD of b.
    public var sdB: Double
    /// SD of c.
    public var sdC: Double

    public init(mean: ItemParameters, sdLogA: Double, sdB: Double, sdC: Double) {
        precondition(sdLogA >= 0 && sdB >= 0 && sdC >= 0)
        self.mean = mean
        self.sdLogA = sdLogA
        self.sdB = sdB
        self.sdC = sdC
    }

    /// How far an author's estimate is assumed to be from the truth, and the priors the bank calibration
    /// (`BankCalibration`) puts on each item: b within 1 of the author's difficulty, 0.05 on the guessing floor (which
    /// distractors that can be ruled out push above the blind-guess rate), and discrimination held at the author's
    /// a = 1 (SD of log a 0.001, effectively zero).
    ///
    /// Discrimination is held, not estimated, on purpose: authors say nothing about it (every item gets a = 1), the
    /// calibration loop puts an item in use from 50 answers, too few to estimate a 3PL slope, and the loop is a
    /// difficulty-and-guessing model on a fixed scale (README, "The calibration loop"). Freeing it (log a ~ N(0, 0.5),
    /// the prior `mlcert calibrate --responses` uses) on google-pmle's misspecified study, 2,000 calibrating learners,
    /// recovered the true difficulties slightly better (correlation 0.98 against 0.96) with the same calibration error
    /// of the stated probabilities (0.046 against 0.047, before the chosen-domain fix), so the simpler model stays.
    public static let authorSDLogA = 0.001
    public static let authorSDB = 1.0
    public static let authorSDC = 0.05

    /// An author's estimate, with the wide spreads above.
    public static func authorEstimate(_ parameters: ItemParameters) -> ItemParameterDistribution {
        ItemParameterDistribution(mean: parameters, sdLogA: authorSDLogA, sdB: authorSDB, sdC: authorSDC)
    }

    /// A calibrated item: its estimates and their standard errors (the SE of a becomes an SD of log a by the delta
    /// method).
    public static func calibrated(_ parameters: ItemParameters, standardErrors: ItemStandardErrors) -> ItemParameterDistribution {
        ItemParameterDistribution(
            mean: parameters, sdLogA: parameters.a > 0 ? standardErrors.a / parameters.a : 0, sdB: standardErrors.b, sdC: standardErrors.c)
    }

    /// One plausible set of parameters: log a, b and c normal around the best values (a drawn c kept in [0, 0.6]).
    /// Always takes three normal draws, so that item k's draw does not depend on the spreads of the items before it.
    public func draw<G: RandomNumberGenerator>(using generator: inout G) -> ItemParameters {
        let a = mean.a * mexp(sdLogA * generator.nextNormal())
        let b = mean.b + sdB * generator.nextNormal()
        let noise = generator.nextNormal()
        let c = sdC > 0 ? min(max(mean.c + sdC * noise, 0), 0.6) : mean.c
        return ItemParameters(a: a, b: b, c: c)
    }
}
