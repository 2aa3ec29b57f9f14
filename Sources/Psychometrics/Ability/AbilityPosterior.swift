/// The posterior distribution of one learner's ability on a fixed grid, updated one response at a time.
///
/// A grid posterior gives EAP, its standard deviation, tail probabilities and credible intervals without any normal
/// approximation, and an update costs one pass over the grid, which is what an adaptive test needs between items.
///
/// ```swift
/// var posterior = AbilityPosterior()
/// posterior.update(item, correct: true)
/// let estimate = posterior.expectedAPosteriori()       // EAP and posterior SD
/// let pPass = posterior.probability(atLeast: cutTheta)
/// ```
public struct AbilityPosterior: Sendable, Hashable {
    /// Grid points on the θ scale, ascending and equally spaced.
    public let nodes: [Double]
    /// Log of the unnormalised posterior density at each node.
    public private(set) var logDensity: [Double]
    /// Number of responses folded in so far.
    public private(set) var responseCount: Int = 0

    /// Starts from a normal prior (the population distribution of the calibration, N(0, 1) by default) on `count`
    /// points spanning ±`halfWidth` prior SDs.
    public init(prior: NormalPrior = NormalPrior(mean: 0, sd: 1), count: Int = 81, halfWidth: Double = 5) {
        precondition(count >= 3)
        let lo = prior.mean - halfWidth * prior.sd
        let step = 2 * halfWidth * prior.sd / Double(count - 1)
        nodes = (0..<count).map { lo + step * Double($0) }
        logDensity = nodes.map {
            let z = ($0 - prior.mean) / prior.sd
            return -0.5 * z * z
        }
    }

    /// Folds in one scored response.
    public mutating func update(_ item: ItemParameters, correct: Bool) {
        responseCount += 1
        nodes.withUnsafeBufferPointer { th in
            logDensity.withUnsafeMutableBufferPointer { ld in
                for q in 0..<th.count {
                    let p = min(max(item.probability(th[q]), 1e-300), 1 - 1e-16)
                    ld[q] += correct ? mlog(p) : mlog1p(-p)
                }
            }
        }
    }

    /// Folds in several responses.
    public mutating func update(_ responses: [ScoredResponse]) {
        for r in responses { update(r.item, correct: r.correct) }
    }

    /// Normalised posterior weights at the nodes (allocates; for reporting and plotting).
    public var weights: [Double] {
        var w = [Double](repeating: 0, count: nodes.count)
        normalisedWeights(into: &w)
        return w
    }

    func normalisedWeights(into w: inout [Double]) {
        var m = -Double.infinity
        for v in logDensity where v > m { m = v }
        var s = 0.0
        for q in logDensity.indices {
            let e = mexp(logDensity[q] - m)
            w[q] = e
            s += e
        }
        for q in w.indices { w[q] /= s }
    }

    /// Expected a posteriori ability and the posterior SD as its standard error. Does not allocate.
    public func expectedAPosteriori() -> AbilityEstimate {
        var m = -Double.infinity
        for v in logDensity where v > m { m = v }
        var s = 0.0
        var s1 = 0.0
        var s2 = 0.0
        nodes.withUnsafeBufferPointer { th in
            logDensity.withUnsafeBufferPointer { ld in
                for q in 0..<th.count {
                    let e = mexp(ld[q] - m)
                    s += e
                    s1 += e * th[q]
                    s2 += e * th[q] * th[q]
                }
            }
        }
        let mean = s1 / s
        return AbilityEstimate(theta: mean, standardError: msqrt(max(s2 / s - mean * mean, 0)), method: .eap)
    }

    /// Posterior probability that ability is at least `cut`, integrating the piecewise-constant density exactly
    /// (each node stands for the cell of width one grid step around it).
    public func probability(atLeast cut: Double) -> Double {
        GridDensity(nodes: nodes, weights: weights).probability(atLeast: cut)
    }

    /// The central credible interval holding `level` of the posterior mass.
    public func credibleInterval(level: Double = 0.9) -> ClosedRange<Double> {
        GridDensity(nodes: nodes, weights: weights).centralInterval(level: level)
    }
}

/// One scored answer to a calibrated item.
public struct ScoredResponse: Hashable, Sendable {
    public var item: ItemParameters
    public var correct: Bool
    public init(item: ItemParameters, correct: Bool) {
        self.item = item
        self.correct = correct
    }
}
