/// Item parameters and the ability distribution at one point of the EM path.
struct EMState: Sendable {
    var items: [ItemParameters]
    var mu: Double
    var sigma: Double
}

/// One EM cycle's outcome: the next state, and the marginal log-likelihood and objective (log-likelihood plus log
/// prior) at the state the cycle started from.
struct EMStep: Sendable {
    var next: EMState
    var logLikelihood: Double
    var objective: Double
    /// Row additions the E-step made (see `CalibrationResult.eStepAdditions`).
    var additions: Int
}

/// What stays fixed during one calibration run: data, plan, grid, priors, anchors. Provides the EM map (`step`) and
/// the flat coordinates SQUAREM extrapolates in.
struct EMContext: Sendable {
    let data: ResponseData
    let plan: EStepPlan
    let model: IRTModel
    let quadrature: Quadrature
    let logWeights: [Double]
    let priors: [ItemPrior]
    let anchors: [Int: ItemParameters]
    let estimateLatent: Bool
    let estimateMean: Bool
    let chunks: [Range<Int>]

    /// Quadrature nodes for the ability distribution N(mu, sigma²).
    func nodes(_ s: EMState) -> [Double] { quadrature.nodes.map { s.mu + s.sigma * $0 } }

    /// One EM cycle from `s`: E-step at `s`, then each free item and the latent distribution re-fitted.
    func step(_ s: EMState, windows: inout [[UInt16]]) async -> EMStep {
        let nodes = nodes(s)
        let nodeCount = nodes.count
        let stats = await eStep(items: s.items, nodes: nodes, windows: &windows)
        var next = s
        var logPrior = 0.0
        for i in s.items.indices where anchors[i] == nil {
            logPrior += ItemFit.logPrior(s.items[i], prior: priors[i])
            next.items[i] = ItemFit.maximise(
                start: s.items[i], model: model, nodes: nodes,
                attempts: stats.attempts(item: i, nodeCount: nodeCount), successes: stats.successes(item: i, nodeCount: nodeCount),
                prior: priors[i])
        }
        if estimateLatent {
            let total = stats.nodeTotals.reduce(0, +)
            if total > 0 {
                var m1 = 0.0
                var m2 = 0.0
                for q in 0..<nodeCount {
                    m1 += stats.nodeTotals[q] * nodes[q]
                    m2 += stats.nodeTotals[q] * nodes[q] * nodes[q]
                }
                m1 /= total
                m2 /= total
                next.mu = estimateMean ? m1 : 0
                next.sigma = msqrt(max(m2 - (estimateMean ? m1 * m1 : 0), 1e-4))
            }
        }
        return EMStep(next: next, logLikelihood: stats.logLikelihood, objective: stats.logLikelihood + logPrior, additions: stats.additions)
    }

    /// The largest change of any estimated parameter (on its own scale) between two states: the stopping rule.
    func change(from s: EMState, to t: EMState) -> Double {
        var change = 0.0
        for i in s.items.indices where anchors[i] == nil {
            let x = s.items[i]
            let y = t.items[i]
            change = max(change, abs(x.a - y.a), abs(x.b - y.b), abs(x.c - y.c))
        }
        if estimateLatent { change = max(change, abs(s.mu - t.mu), abs(s.sigma - t.sigma)) }
        return change
    }

    /// The free parameters on unconstrained scales (log a, b, logit c; mu, log sigma), where extrapolation cannot
    /// leave the parameter space.
    func coordinates(_ s: EMState) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(3 * s.items.count + 2)
        for i in s.items.indices where anchors[i] == nil {
            let item = s.items[i]
            if model != .rasch { x.append(mlog(item.a)) }
            x.append(item.b)
            if model == .threePL { x.append(mlog(item.c / (1 - item.c))) }
        }
        if estimateLatent {
            x.append(s.mu)
            x.append(mlog(s.sigma))
        }
        return x
    }

    /// The inverse of `coordinates`, clamped to the same box the M-step keeps items in.
    func state(from x: [Double], like s: EMState) -> EMState {
        var out = s
        var k = 0
        for i in s.items.indices where anchors[i] == nil {
            if model != .rasch {
                out.items[i].a = min(max(mexp(x[k]), 0.02), 20)
                k += 1
            }
            out.items[i].b = min(max(x[k], -12), 12)
            k += 1
            if model == .threePL {
                out.items[i].c = min(max(logistic(x[k]), 1e-6), 0.6)
                k += 1
            }
        }
        if estimateLatent {
            out.mu = estimateMean ? x[k] : 0
            out.sigma = max(mexp(x[k + 1]), 1e-2)
        }
        return out
    }

    /// Runs the E-step on every chunk of people concurrently and adds the partial sums in chunk order, so the result
    /// does not depend on scheduling. `windows` (one array per chunk) carries each person's node window across cycles.
    func eStep(items: [ItemParameters], nodes: [Double], windows: inout [[UInt16]]) async -> EStepTotals {
        let kernel = EStepKernel(items: items, nodes: nodes, logWeights: logWeights)
        let itemCount = data.itemCount
        let plan = self.plan
        if chunks.count <= 1 {
            var total = EStepTotals(itemCount: itemCount, stride: logWeights.count)
            if let range = chunks.first { total = kernel.accumulate(plan: plan, persons: range, itemCount: itemCount, windows: &windows[0]) }
            total.finish()
            return total
        }
        let inputs = windows
        let partials = await withTaskGroup(of: (Int, EStepTotals, [UInt16]).self) { group in
            for (k, range) in chunks.enumerated() {
                let chunkWindows = inputs[k]
                group.addTask {
                    var w = chunkWindows
                    let totals = kernel.accumulate(plan: plan, persons: range, itemCount: itemCount, windows: &w)
                    return (k, totals, w)
                }
            }
            var out = [(EStepTotals, [UInt16])?](repeating: nil, count: chunks.count)
            for await (k, p, w) in group { out[k] = (p, w) }
            return out.map { $0! }
        }
        var total = partials[0].0
        for p in partials.dropFirst() { total.add(p.0) }
        for k in partials.indices { windows[k] = partials[k].1 }
        total.finish()
        return total
    }
}
