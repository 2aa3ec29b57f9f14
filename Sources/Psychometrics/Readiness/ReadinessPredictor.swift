/// The probability of passing a real exam: reaching the pass mark on a form of the exam's length and blueprint, given
/// the answers a learner has given so far.
///
/// Three sources of uncertainty are integrated, none ignored:
/// - **The learner's ability.** A posterior on a grid, from their answers. Ability is allowed to differ by domain: each
///   domain's ability is the learner's general ability plus a domain deviation of SD `domainSpread` (a two-level
///   model), so a learner who drilled one domain is not assumed to be as strong, or as weak, everywhere else.
/// - **The exam's questions.** A real form is a finite sample: given ability, the number right in each domain is
///   binomial with that domain's mean success rate over the bank's items (the real exam's questions are assumed to
///   be like the bank's), and the domains' counts add up. This is the error of sitting a 50-65-question exam, which
///   P(ability ≥ cut) leaves out.
/// - **The items' parameters.** Each item's parameters are drawn `draws` times from their distribution (wide for
///   author estimates, the standard errors for calibrated items); the posterior and the form are recomputed with each
///   draw, and the probability is the average. The spread over draws is the `probabilityRange`.
///
/// Everything that does not depend on the learner (drawn parameters, domain curves, binomial tables) is computed once
/// here, so one predictor serves many learners.
///
/// ```swift
/// let predictor = ReadinessPredictor(items: bank, domainCount: 4, form: ExamFormSpecification(seats: [15, 12, 18, 15], passProportion: 0.7))
/// let prediction = predictor.predict([(item: 3, correct: true), (item: 17, correct: false)])
/// print(prediction.probabilityOfPassing, prediction.probabilityRange)
/// ```
public struct ReadinessPredictor: Sendable {
    /// One bank item as the predictor sees it.
    public struct Item: Hashable, Sendable {
        public var parameters: ItemParameterDistribution
        /// Content domain, 0-based.
        public var domain: Int
        /// Seeds this item's parameter draws, so an item gets the same plausible values whatever else is in the bank.
        public var drawSeed: UInt64

        public init(parameters: ItemParameterDistribution, domain: Int, drawSeed: UInt64) {
            self.parameters = parameters
            self.domain = domain
            self.drawSeed = drawSeed
        }
    }

    /// The model's settings; the defaults are what mlcert reports with.
    public struct Configuration: Hashable, Sendable {
        /// Ability distribution of the population the parameters were calibrated on (the prior on general ability).
        public var population: NormalPrior
        /// SD of a domain's ability around the learner's general ability; 0 makes ability one number for every domain.
        public var domainSpread: Double
        /// Parameter draws integrated over; each adds one evaluation of the learner.
        public var draws: Int
        /// Grid points for ability, spanning ±`gridHalfWidth` population SDs.
        public var gridCount: Int
        public var gridHalfWidth: Double
        /// Share of the parameter draws inside `probabilityRange`.
        public var probabilityRangeLevel: Double
        /// Share of predicted scores inside `proportionRange`.
        public var scoreRangeLevel: Double
        /// Credible level of the ability interval reported with the point estimate.
        public var credibleLevel: Double
        /// The probability at or above which the verdict is "likely pass" (and at or below 1 minus which "likely fail").
        public var verdictProbability: Double

        public init(
            population: NormalPrior = NormalPrior(mean: 0, sd: 1), domainSpread: Double = 0.5, draws: Int = 32, gridCount: Int = 81,
            gridHalfWidth: Double = 5, probabilityRangeLevel: Double = 0.9, scoreRangeLevel: Double = 0.8, credibleLevel: Double = 0.9,
            verdictProbability: Double = 0.95
        ) {
            precondition(domainSpread >= 0 && draws >= 1 && gridCount >= 11 && gridHalfWidth > 0)
            precondition((0.5..<1).contains(verdictProbability))
            self.population = population
            self.domainSpread = domainSpread
            self.draws = draws
            self.gridCount = gridCount
            self.gridHalfWidth = gridHalfWidth
            self.probabilityRangeLevel = probabilityRangeLevel
            self.scoreRangeLevel = scoreRangeLevel
            self.credibleLevel = credibleLevel
            self.verdictProbability = verdictProbability
        }
    }

    public let items: [Item]
    public let domainCount: Int
    public let form: ExamFormSpecification
    public let configuration: Configuration
    /// Ability where the expected proportion correct on a form equals the pass mark (best parameter values, one
    /// ability for all domains); nil when no ability on ±8 population SDs reaches it. For display only: the
    /// probability of passing does not use it.
    public let abilityCut: Double?

    let nodes: [Double]
    let logPrior: [Double]
    let kernel: DomainKernel
    /// `draws + 1` parameter sets for every item: set 0 is the best values, sets 1... are random draws.
    let parameterSets: [[ItemParameters]]
    /// Per parameter set, each domain's mean success rate over its items at each node: `[set][d * R + r]`.
    let domainCurves: [[Double]]
    /// Per parameter set, the binomial pmf of each domain's count at each node: `[set][binomialOffset[d] + r * (seats[d] + 1) + k]`.
    let binomials: [[Double]]
    let binomialOffset: [Int]

    public init(items: [Item], domainCount: Int, form: ExamFormSpecification, configuration: Configuration = Configuration()) {
        precondition(!items.isEmpty, "readiness needs a bank")
        precondition(form.seats.count == domainCount && items.allSatisfy { (0..<domainCount).contains($0.domain) })
        self.items = items
        self.domainCount = domainCount
        self.form = form
        self.configuration = configuration
        let population = configuration.population
        let r = configuration.gridCount
        let lo = population.mean - configuration.gridHalfWidth * population.sd
        let step = 2 * configuration.gridHalfWidth * population.sd / Double(r - 1)
        let nodes = (0..<r).map { lo + step * Double($0) }
        self.nodes = nodes
        logPrior = nodes.map { -0.5 * (($0 - population.mean) / population.sd) * (($0 - population.mean) / population.sd) }
        kernel = DomainKernel(nodes: nodes, spread: configuration.domainSpread)

        var generators = items.map { SeededGenerator(seed: $0.drawSeed) }
        var sets: [[ItemParameters]] = [items.map(\.parameters.mean)]
        for _ in 0..<configuration.draws {
            sets.append(items.indices.map { items[$0].parameters.draw(using: &generators[$0]) })
        }
        parameterSets = sets

        var offsets: [Int] = []
        var size = 0
        for d in 0..<domainCount {
            offsets.append(size)
            size += r * (form.seats[d] + 1)
        }
        binomialOffset = offsets
        let logFactorial = LogFactorials(upTo: form.seats.max() ?? 0)
        var curves: [[Double]] = []
        var tables: [[Double]] = []
        for set in sets {
            let curve = Self.domainCurves(set, domains: items.map(\.domain), domainCount: domainCount, nodes: nodes)
            var table = [Double](repeating: 0, count: size)
            for d in 0..<domainCount where form.seats[d] > 0 {
                let n = form.seats[d]
                for q in 0..<r {
                    logFactorial.binomialPMF(n: n, p: curve[d * r + q], into: &table, at: offsets[d] + q * (n + 1))
                }
            }
            curves.append(curve)
            tables.append(table)
        }
        domainCurves = curves
        binomials = tables
        abilityCut = Self.solveCut(items: sets[0], domains: items.map(\.domain), form: form, population: population)
    }

    /// Mean success rate of each domain's items at each node; a domain without items takes the whole bank's.
    static func domainCurves(_ parameters: [ItemParameters], domains: [Int], domainCount: Int, nodes: [Double]) -> [Double] {
        let r = nodes.count
        var sums = [Double](repeating: 0, count: (domainCount + 1) * r)
        var counts = [Int](repeating: 0, count: domainCount + 1)
        for (item, d) in zip(parameters, domains) {
            counts[d] += 1
            counts[domainCount] += 1
            for q in 0..<r {
                let p = item.probability(nodes[q])
                sums[d * r + q] += p
                sums[domainCount * r + q] += p
            }
        }
        var curve = [Double](repeating: 0, count: domainCount * r)
        for d in 0..<domainCount {
            let source = counts[d] > 0 ? d : domainCount
            for q in 0..<r { curve[d * r + q] = sums[source * r + q] / Double(counts[source]) }
        }
        return curve
    }

    /// Bisection for the ability whose expected proportion correct on the form is the pass mark.
    static func solveCut(items: [ItemParameters], domains: [Int], form: ExamFormSpecification, population: NormalPrior) -> Double? {
        let n = Double(form.questionCount)
        let target = Double(form.passCount) / n
        func expected(_ theta: Double) -> Double {
            domainCurves(items, domains: domains, domainCount: form.seats.count, nodes: [theta]).enumerated()
                .reduce(0) { $0 + Double(form.seats[$1.offset]) * $1.element } / n
        }
        var lo = population.mean - 8 * population.sd
        var hi = population.mean + 8 * population.sd
        guard expected(lo) <= target, expected(hi) >= target else { return nil }
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if expected(mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
