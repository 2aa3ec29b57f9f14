/// Item calibration by marginal maximum likelihood (Bock–Aitkin EM) with optional priors (so, strictly, MAP).
///
/// Each EM cycle computes, for every person, the posterior over ability at the quadrature nodes given the current
/// items (E-step, split across cores with a task group, partial sums added in a fixed order so results do not depend
/// on scheduling), and then re-fits each item to the expected numbers of attempts and successes at each node
/// (M-step, Fisher scoring with step-halving). Sparse data need nothing special: a person only contributes to the
/// items they answered. EM is accelerated with SQUAREM (see `CalibrationOptions.acceleration`), which matters most
/// for items far from the middle of the ability distribution, where plain EM creeps.
///
/// ```swift
/// let result = await Calibrator(options: CalibrationOptions(model: .threePL)).calibrate(data)
/// print(result.items[0].a, result.standardErrors[0].a, result.converged)
/// ```
public struct Calibrator: Sendable {
    /// Model, priors, quadrature, anchors and stopping rule.
    public var options: CalibrationOptions

    public init(options: CalibrationOptions = CalibrationOptions()) {
        self.options = options
    }

    /// Calibrates every item of `data`.
    public func calibrate(_ data: ResponseData) async -> CalibrationResult {
        let o = options
        let itemCount = data.itemCount
        let quad = o.quadrature
        let nodeCount = quad.nodes.count
        for (i, _) in o.anchors { precondition(i >= 0 && i < itemCount, "anchor \(i) is not in the bank") }

        // Response counts and proportions correct, for starting values and the report.
        var counts = [Int](repeating: 0, count: itemCount)
        var rights = [Int](repeating: 0, count: itemCount)
        for k in 0..<data.responseCount {
            counts[Int(data.items[k])] += 1
            rights[Int(data.items[k])] += Int(data.correct[k])
        }

        let priors = (0..<itemCount).map { itemPrior(for: $0) }
        var items =
            o.initialItems
            ?? (0..<itemCount).map { i in
                let c = o.model == .threePL ? (priors[i].c.map { ($0.alpha - 1) / ($0.alpha + $0.beta - 2) } ?? 0.2) : 0
                var b = priors[i].bPrior?.mean ?? 0
                if counts[i] > 0 && o.authorDifficulty[i] == nil {
                    let p = min(max(Double(rights[i]) / Double(counts[i]), 0.02), 0.98)
                    let adj = min(max((p - c) / (1 - c), 0.02), 0.98)
                    b = -mlog(adj / (1 - adj)) * 1.2
                }
                return ItemParameters(a: 1, b: b, c: c)
            }
        for (i, anchor) in o.anchors { items[i] = anchor }
        if o.model == .rasch {
            for i in items.indices where o.anchors[i] == nil {
                items[i].a = 1
                items[i].c = 0
            }
        }

        let estimateLatent = o.estimateLatentDistribution ?? (!o.anchors.isEmpty || o.model == .rasch)
        let estimateMean = estimateLatent && !o.anchors.isEmpty
        let stride = EStepTotals.stride(for: nodeCount)
        let logWeights = quad.weights.map { mlog($0) } + [Double](repeating: -.infinity, count: stride - nodeCount)
        let parts = o.parallelism ?? activeProcessorCount()
        let chunks = chunkRanges(count: data.personCount, parts: data.personCount >= 512 ? parts : 1)
        let context = EMContext(
            data: data, plan: EStepPlan(data: data), model: o.model, quadrature: quad, logWeights: logWeights, priors: priors,
            anchors: o.anchors, estimateLatent: estimateLatent, estimateMean: estimateMean, chunks: chunks)
        var windows = chunks.map { [UInt16](repeating: 0, count: $0.count) }

        var history: [Double] = []
        var converged = false
        var iterations = 0
        var lastChange = Double.infinity
        var current = EMState(items: items, mu: 0, sigma: 1)
        // SQUAREM (Varadhan & Roland 2008, scheme S3): two EM steps give the direction and curvature of the EM path,
        // a step of length α along it jumps over many slow EM cycles, and one more EM step from there stabilises the
        // jump. The jump is kept only if the objective (log-likelihood + log prior) is at least that after one plain
        // step, so the sequence stays monotone; α may grow by 4× after each full-length success.
        var stepMax = 1.0
        var additions = 0
        cycle: while iterations < o.maxIterations {
            let first = await context.step(current, windows: &windows)
            additions += first.additions
            iterations += 1
            history.append(first.logLikelihood)
            o.progress?(iterations, first.logLikelihood)
            lastChange = context.change(from: current, to: first.next)
            if lastChange < o.tolerance {
                current = first.next
                converged = true
                break cycle
            }
            guard o.acceleration && iterations < o.maxIterations else {
                current = first.next
                continue cycle
            }
            let second = await context.step(first.next, windows: &windows)
            additions += second.additions
            iterations += 1
            history.append(second.logLikelihood)
            o.progress?(iterations, second.logLikelihood)
            lastChange = context.change(from: first.next, to: second.next)
            if lastChange < o.tolerance || iterations >= o.maxIterations {
                current = second.next
                converged = lastChange < o.tolerance
                break cycle
            }
            let x0 = context.coordinates(current)
            let x1 = context.coordinates(first.next)
            let x2 = context.coordinates(second.next)
            var rr = 0.0
            var vv = 0.0
            for k in x0.indices {
                let r = x1[k] - x0[k]
                let v = x2[k] - 2 * x1[k] + x0[k]
                rr += r * r
                vv += v * v
            }
            // α = 1 lands on the second EM step itself; the stabilising step is then a plain third step.
            let alpha = vv > 0 ? min(max(msqrt(rr / vv), 1), stepMax) : 1
            var jumped = x0
            for k in x0.indices {
                let r = x1[k] - x0[k]
                let v = x2[k] - 2 * x1[k] + x0[k]
                jumped[k] = x0[k] + 2 * alpha * r + alpha * alpha * v
            }
            let jump = context.state(from: jumped, like: current)
            let third = await context.step(jump, windows: &windows)
            additions += third.additions
            iterations += 1
            if third.objective.isFinite && third.objective >= second.objective {
                history.append(third.logLikelihood)
                o.progress?(iterations, third.logLikelihood)
                current = third.next
                if alpha == stepMax { stepMax *= 4 }
                lastChange = context.change(from: jump, to: third.next)
                if lastChange < o.tolerance {
                    converged = true
                    break cycle
                }
            } else {
                current = second.next
                if alpha == stepMax { stepMax = max(1, stepMax / 4) }
            }
        }
        items = current.items
        let mu = current.mu
        let sigma = current.sigma

        // Final log-likelihood and the information for standard errors at the final parameters.
        let nodes = quad.nodes.map { mu + sigma * $0 }
        let stats = await context.eStep(items: items, nodes: nodes, windows: &windows)
        var ses = [ItemStandardErrors](repeating: ItemStandardErrors(a: 0, b: 0, c: 0), count: itemCount)
        for i in 0..<itemCount where o.anchors[i] == nil {
            ses[i] = ItemFit.standardErrors(
                items[i], model: o.model, nodes: nodes,
                attempts: stats.attempts(item: i, nodeCount: nodeCount), successes: stats.successes(item: i, nodeCount: nodeCount),
                prior: priors[i])
        }
        return CalibrationResult(
            items: items, standardErrors: ses, responseCounts: counts, latentMean: mu, latentSD: sigma,
            logLikelihood: stats.logLikelihood, iterations: iterations, converged: converged, lastMaxChange: lastChange,
            logLikelihoodHistory: history, eStepAdditions: additions + stats.additions)
    }

    /// The priors that apply to item `i`.
    func itemPrior(for i: Int) -> ItemPrior {
        var bPrior = options.difficultyPrior
        if let author = options.authorDifficulty[i] { bPrior = NormalPrior(mean: author, sd: options.authorDifficultySD) }
        var cPrior = options.guessingPrior
        if let guess = options.authorGuessing[i], let weight = cPrior.map({ $0.alpha + $0.beta - 2 }) {
            // Same weight as the default prior, mode at the author's rate.
            let mode = min(max(guess, 0.01), 0.5)
            cPrior = BetaPrior(alpha: 1 + weight * mode, beta: 1 + weight * (1 - mode))
        }
        return ItemPrior(
            logA: options.model == .rasch ? nil : options.logDiscriminationPrior, bPrior: bPrior,
            c: options.model == .threePL ? cPrior : nil)
    }
}

/// The priors on one item's parameters.
struct ItemPrior: Sendable {
    var logA: NormalPrior?
    var bPrior: NormalPrior?
    var c: BetaPrior?
}
