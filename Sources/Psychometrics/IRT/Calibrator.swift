/// Item calibration by marginal maximum likelihood (Bock–Aitkin EM) with optional priors (so, strictly, MAP).
///
/// Each EM cycle computes, for every person, the posterior over ability at the quadrature nodes given the current
/// items (E-step, split across cores with a task group, partial sums added in a fixed order so results do not depend
/// on scheduling), and then re-fits each item to the expected numbers of attempts and successes at each node
/// (M-step, Fisher scoring with step-halving). Sparse data need nothing special: a person only contributes to the
/// items they answered.
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
                let c = o.model == .threePL ? (o.guessingPrior.map { ($0.alpha - 1) / ($0.alpha + $0.beta - 2) } ?? 0.2) : 0
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
        var mu = 0.0
        var sigma = 1.0
        let stride = EStepTotals.stride(for: nodeCount)
        let logWeights = quad.weights.map { mlog($0) } + [Double](repeating: -.infinity, count: stride - nodeCount)
        let parts = o.parallelism ?? activeProcessorCount()
        let chunks = chunkRanges(count: data.personCount, parts: data.personCount >= 512 ? parts : 1)

        var history: [Double] = []
        var converged = false
        var iterations = 0
        var lastChange = Double.infinity
        var nodes = quad.nodes
        var stats = EStepTotals(itemCount: itemCount, stride: stride)

        while iterations < o.maxIterations {
            iterations += 1
            nodes = quad.nodes.map { mu + sigma * $0 }
            stats = await eStep(data: data, items: items, nodes: nodes, logWeights: logWeights, chunks: chunks)
            history.append(stats.logLikelihood)
            o.progress?(iterations, stats.logLikelihood)

            // M-step for items.
            var change = 0.0
            for i in 0..<itemCount where o.anchors[i] == nil {
                let fitted = ItemFit.maximise(
                    start: items[i], model: o.model, nodes: nodes,
                    attempts: stats.attempts(item: i, nodeCount: nodeCount), successes: stats.successes(item: i, nodeCount: nodeCount),
                    prior: priors[i])
                change = max(change, abs(fitted.a - items[i].a), abs(fitted.b - items[i].b), abs(fitted.c - items[i].c))
                items[i] = fitted
            }
            // M-step for the ability distribution.
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
                    let newMu = estimateMean ? m1 : 0
                    let newSigma = msqrt(max(m2 - (estimateMean ? m1 * m1 : 0), 1e-4))
                    change = max(change, abs(newMu - mu), abs(newSigma - sigma))
                    mu = newMu
                    sigma = newSigma
                }
            }
            lastChange = change
            if change < o.tolerance {
                converged = true
                break
            }
        }

        // Final log-likelihood and the information for standard errors at the final parameters.
        nodes = quad.nodes.map { mu + sigma * $0 }
        stats = await eStep(data: data, items: items, nodes: nodes, logWeights: logWeights, chunks: chunks)
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
            logLikelihoodHistory: history)
    }

    /// The priors that apply to item `i`.
    func itemPrior(for i: Int) -> ItemPrior {
        var bPrior = options.difficultyPrior
        if let author = options.authorDifficulty[i] { bPrior = NormalPrior(mean: author, sd: options.authorDifficultySD) }
        return ItemPrior(
            logA: options.model == .rasch ? nil : options.logDiscriminationPrior, bPrior: bPrior,
            c: options.model == .threePL ? options.guessingPrior : nil)
    }

    /// Runs the E-step on every chunk of people concurrently and adds the partial sums in chunk order.
    func eStep(data: ResponseData, items: [ItemParameters], nodes: [Double], logWeights: [Double], chunks: [Range<Int>]) async
        -> EStepTotals
    {
        let table = EStepTotals.logTable(items: items, nodes: nodes, stride: logWeights.count)
        if chunks.count <= 1 {
            var total = EStepTotals.accumulate(data: data, table: table, logWeights: logWeights, persons: chunks.first ?? 0..<0)
            total.finishAttempts()
            return total
        }
        let partials = await withTaskGroup(of: (Int, EStepTotals).self) { group in
            for (k, range) in chunks.enumerated() {
                group.addTask { (k, EStepTotals.accumulate(data: data, table: table, logWeights: logWeights, persons: range)) }
            }
            var out = [EStepTotals?](repeating: nil, count: chunks.count)
            for await (k, p) in group { out[k] = p }
            return out.map { $0! }
        }
        var total = partials[0]
        for p in partials.dropFirst() { total.add(p) }
        total.finishAttempts()
        return total
    }
}

/// The priors on one item's parameters.
struct ItemPrior: Sendable {
    var logA: NormalPrior?
    var bPrior: NormalPrior?
    var c: BetaPrior?
}
