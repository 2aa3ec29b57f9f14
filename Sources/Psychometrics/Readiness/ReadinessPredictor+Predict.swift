extension ReadinessPredictor {
    /// Predicts a real exam for a learner who gave `responses` (bank indices of `items`, scored).
    ///
    /// The answers should be independent evidence: first attempts, given before the key was shown. Repeats after
    /// feedback measure memory of the key, not ability, and would make the figure optimistic.
    ///
    /// `ownDomainOnly` marks answers (indices into `responses`) that may inform their own domain's ability but not the
    /// general ability the other domains are predicted from: answers from practice the learner aimed at one domain.
    /// Learners pick the domain they drill for a reason, most often because they are weakest there, so those answers
    /// are not a fair sample of what the learner knows; letting them move the general ability drags every other
    /// domain's prediction toward the chosen one (toward failing, for a learner who drills their weak spot), however
    /// well the items are calibrated. Cutting that feedback removes the bias at the cost of using those answers less.
    public func predict(_ responses: [(item: Int, correct: Bool)], ownDomainOnly: Set<Int> = []) -> ReadinessPrediction {
        let n = form.questionCount
        let point = evaluate(set: 0, responses, ownDomainOnly: ownDomainOnly, detail: true)
        var passes: [Double] = []
        var pmf = [Double](repeating: 0, count: n + 1)
        var domainExpected = [Double](repeating: 0, count: domainCount)
        for set in 1..<parameterSets.count {
            let draw = evaluate(set: set, responses, ownDomainOnly: ownDomainOnly, detail: false)
            passes.append(draw.pass)
            for k in 0...n { pmf[k] += draw.scoreDistribution[k] }
            for d in 0..<domainCount { domainExpected[d] += draw.domainExpected[d] }
        }
        let m = Double(passes.count)
        let total = pmf.reduce(0, +)
        for k in 0...n { pmf[k] /= total }
        let probability = passes.reduce(0, +) / m
        var cumulative = 0.0
        var expected = 0.0
        var low: Double?
        var high: Double?
        let tail = (1 - configuration.scoreRangeLevel) / 2
        for k in 0...n {
            expected += Double(k) * pmf[k]
            cumulative += pmf[k]
            if low == nil && cumulative >= tail { low = Double(k) }
            if high == nil && cumulative >= 1 - tail { high = Double(k) }
        }
        let verdict = configuration.verdictProbability
        let outcome: ReadinessOutcome =
            probability >= verdict ? .likelyPass : probability <= 1 - verdict ? .likelyFail : .notEnoughEvidence
        let domains = (0..<domainCount).map { d in
            let expected = domainExpected[d] / m
            let range = point.domainExpectedRange[d]
            return ReadinessPrediction.Domain(
                expectedProportion: expected, expectedRange: min(range.lowerBound, expected)...max(range.upperBound, expected), ability: point.domainAbility[d], probabilityAboveCut: point.domainAboveCut[d],
                responses: responses.filter { items[$0.item].domain == d }.count)
        }
        return ReadinessPrediction(
            probabilityOfPassing: probability, probabilityRange: Self.centralRange(passes, level: configuration.probabilityRangeLevel),
            expectedProportion: expected / Double(n), proportionRange: (low ?? 0) / Double(n)...(high ?? Double(n)) / Double(n),
            scoreDistribution: pmf, ability: point.ability, abilityInterval: point.abilityInterval,
            probabilityAbilityAboveCut: point.abilityAboveCut, domains: domains, responseCount: responses.count, outcome: outcome)
    }

    /// The central `level` of `values` (linear interpolation between order statistics).
    static func centralRange(_ values: [Double], level: Double) -> ClosedRange<Double> {
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            let x = p * Double(sorted.count - 1)
            let i = Int(x)
            return i + 1 < sorted.count ? sorted[i] + (x - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
        }
        let tail = (1 - level) / 2
        return quantile(tail)...quantile(1 - tail)
    }

    /// One parameter set's view of the learner.
    struct Evaluation {
        var pass = 0.0
        var scoreDistribution: [Double] = []
        var domainExpected: [Double] = []
        // With `detail` only (the best-values set): the ability summaries.
        var ability = AbilityEstimate(theta: 0, standardError: 0, method: .eap)
        var abilityInterval = 0.0...0.0
        var abilityAboveCut: Double?
        var domainAbility: [AbilityEstimate] = []
        var domainAboveCut: [Double?] = []
        var domainExpectedRange: [ClosedRange<Double>] = []
    }

    /// Evaluates the learner with parameter set `set`: the two-level posterior, then the form's score distribution
    /// mixed over it.
    ///
    /// General ability is inferred from the answers not in `ownDomainOnly`; each domain's ability, given general
    /// ability, from all of its answers (a cut model: the chosen-domain answers do not feed back into general ability).
    func evaluate(set: Int, _ responses: [(item: Int, correct: Bool)], ownDomainOnly: Set<Int> = [], detail: Bool) -> Evaluation {
        let r = nodes.count
        let parameters = parameterSets[set]
        // Log-likelihood of each domain's answers at each node: all of them, and those that inform general ability.
        var likelihood = [Double](repeating: 0, count: domainCount * r)
        var generalLikelihood = [Double](repeating: 0, count: ownDomainOnly.isEmpty ? 0 : domainCount * r)
        var answered = [Bool](repeating: false, count: domainCount)
        var answeredGeneral = [Bool](repeating: false, count: domainCount)
        nodes.withUnsafeBufferPointer { nodes in
            likelihood.withUnsafeMutableBufferPointer { likelihood in
                for (k, response) in responses.enumerated() {
                    let d = items[response.item].domain
                    let informsGeneral = !ownDomainOnly.contains(k)
                    answered[d] = true
                    if informsGeneral { answeredGeneral[d] = true }
                    let item = parameters[response.item]
                    let row = d * r
                    for q in 0..<r {
                        let p = min(max(item.c + (1 - item.c) * logistic(item.a * (nodes[q] - item.b)), 1e-300), 1 - 1e-16)
                        let l = response.correct ? mlog(p) : mlog1p(-p)
                        likelihood[row + q] += l
                        if informsGeneral && !generalLikelihood.isEmpty { generalLikelihood[row + q] += l }
                    }
                }
            }
        }
        // A[d][q]: the domain's likelihood (all its answers) integrated over its ability given general ability at node
        // q, which normalises the domain's conditional posterior below; the general ability's posterior takes the
        // same integral over the answers that inform it (identical when nothing is cut).
        var marginal = [Double](repeating: 1, count: domainCount * r)
        var logPosterior = logPrior
        func integrate(_ values: inout [Double], row: Int, into out: (Int, Double) -> Void) {
            var peak = -Double.infinity
            for q in 0..<r where values[row + q] > peak { peak = values[row + q] }
            for q in 0..<r { values[row + q] = mexp(values[row + q] - peak) }
            kernel.values.withUnsafeBufferPointer { kernelValues in
                values.withUnsafeBufferPointer { values in
                    for q in 0..<r {
                        var s = 0.0
                        let o = kernel.offset[q]
                        let s0 = row + kernel.start[q]
                        for j in 0..<kernel.width[q] { s += kernelValues[o + j] * values[s0 + j] }
                        out(q, s)
                    }
                }
            }
        }
        for d in 0..<domainCount where answered[d] {
            let row = d * r
            integrate(&likelihood, row: row) { q, s in
                marginal[row + q] = s
                if generalLikelihood.isEmpty { logPosterior[q] += s > 0 ? mlog(s) : -Double.infinity }
            }
            if !generalLikelihood.isEmpty && answeredGeneral[d] {
                integrate(&generalLikelihood, row: row) { q, s in logPosterior[q] += s > 0 ? mlog(s) : -Double.infinity }
            }
        }
        var posterior = [Double](repeating: 0, count: r)
        var peak = -Double.infinity
        for v in logPosterior where v > peak { peak = v }
        var total = 0.0
        for q in 0..<r {
            posterior[q] = mexp(logPosterior[q] - peak)
            total += posterior[q]
        }
        for q in 0..<r { posterior[q] /= total }

        let n = form.questionCount
        var evaluation = Evaluation()
        var scores = [Double](repeating: 0, count: n + 1)
        var domainExpected = [Double](repeating: 0, count: domainCount)
        var domainWeights = [Double](repeating: 0, count: detail ? domainCount * r : 0)
        var pass = 0.0
        var count = [Double](repeating: 0, count: n + 1)
        var next = [Double](repeating: 0, count: n + 1)
        var domainPMF = [Double](repeating: 0, count: n + 1)
        let passCount = form.passCount
        // Raw buffers: this is the predictor's inner loop, run for every parameter draw of every learner.
        domainCurves[set].withUnsafeBufferPointer { curves in
            binomials[set].withUnsafeBufferPointer { table in
                kernel.values.withUnsafeBufferPointer { kernelValues in
                    likelihood.withUnsafeBufferPointer { likelihood in
                        count.withUnsafeMutableBufferPointer { count in
                            next.withUnsafeMutableBufferPointer { next in
                                domainPMF.withUnsafeMutableBufferPointer { pmf in
                                    for q in 0..<r where posterior[q] > 1e-10 {
                                        let w = posterior[q]
                                        count[0] = 1
                                        var size = 0
                                        let o = kernel.offset[q]
                                        let s0 = kernel.start[q]
                                        let width = kernel.width[q]
                                        for d in 0..<domainCount {
                                            let seats = form.seats[d]
                                            let scale = answered[d] ? 1 / marginal[d * r + q] : 1
                                            for k in 0...seats { pmf[k] = 0 }
                                            var expectedHere = 0.0
                                            for j in 0..<width {
                                                let node = s0 + j
                                                let weight = kernelValues[o + j] * (answered[d] ? likelihood[d * r + node] * scale : 1)
                                                // Weights this small change nothing at the precision reported.
                                                guard weight > 1e-12 else { continue }
                                                expectedHere += weight * curves[d * r + node]
                                                if detail { domainWeights[d * r + node] += w * weight }
                                                if seats > 0 {
                                                    let row = binomialOffset[d] + node * (seats + 1)
                                                    for k in 0...seats { pmf[k] += weight * table[row + k] }
                                                }
                                            }
                                            domainExpected[d] += w * expectedHere
                                            guard seats > 0 else { continue }
                                            // The form's count so far, convolved with this domain's.
                                            for k in 0...(size + seats) { next[k] = 0 }
                                            for i in 0...size where count[i] > 1e-300 {
                                                let c = count[i]
                                                for k in 0...seats { next[i + k] += c * pmf[k] }
                                            }
                                            size += seats
                                            for k in 0...size { count[k] = next[k] }
                                        }
                                        var passHere = 0.0
                                        for k in 0...n {
                                            scores[k] += w * count[k]
                                            if k >= passCount { passHere += count[k] }
                                        }
                                        pass += w * passHere
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        evaluation.pass = pass
        evaluation.scoreDistribution = scores
        evaluation.domainExpected = domainExpected
        guard detail else { return evaluation }
        let general = GridDensity(nodes: nodes, weights: posterior)
        let (mean, sd) = general.moments
        evaluation.ability = AbilityEstimate(theta: mean, standardError: sd, method: .eap)
        evaluation.abilityInterval = general.centralInterval(level: configuration.credibleLevel)
        evaluation.abilityAboveCut = abilityCut.map { general.probability(atLeast: $0) }
        for d in 0..<domainCount {
            let weights = Array(domainWeights[(d * r)..<((d + 1) * r)])
            let total = weights.reduce(0, +)
            let density = GridDensity(nodes: nodes, weights: weights.map { $0 / total })
            let (m, s) = density.moments
            evaluation.domainAbility.append(AbilityEstimate(theta: m, standardError: s, method: .eap))
            evaluation.domainAboveCut.append(abilityCut.map { density.probability(atLeast: $0) })
            let interval = density.centralInterval(level: configuration.credibleLevel)
            let curve = Array(domainCurves[set][(d * r)..<((d + 1) * r)])
            evaluation.domainExpectedRange.append(Self.interpolate(curve, nodes: nodes, at: interval.lowerBound)...Self.interpolate(curve, nodes: nodes, at: interval.upperBound))
        }
        return evaluation
    }

    /// `curve` (values at `nodes`, increasing in ability) at `theta`, linearly interpolated and held flat past the ends.
    static func interpolate(_ curve: [Double], nodes: [Double], at theta: Double) -> Double {
        guard let first = nodes.first, let last = nodes.last, nodes.count > 1 else { return curve.first ?? 0 }
        if theta <= first { return curve[0] }
        if theta >= last { return curve[curve.count - 1] }
        let x = (theta - first) / (nodes[1] - first)
        let i = min(Int(x), nodes.count - 2)
        let t = x - Double(i)
        return curve[i] * (1 - t) + curve[i + 1] * t
    }
}
