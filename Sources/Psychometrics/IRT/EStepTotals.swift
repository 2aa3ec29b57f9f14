/// Expected counts from one E-step: at each node, how many people (in posterior weight) attempted and got right
/// each item, plus the marginal log-likelihood and the posterior mass at each node.
///
/// Rows are `stride` long, the node count rounded up to a multiple of 4 so the inner loops run on `SIMD4<Double>`;
/// padding nodes carry a log-weight of −∞ and so receive exactly zero posterior mass. While people are being added
/// the counts sit in `EStepPlan`'s four-rows-per-item layout; `finish()` turns them into attempts and successes.
struct EStepTotals: Sendable {
    /// Four rows per item while accumulating (see `EStepPlan`), then unused.
    var counts: [Double]
    /// Expected attempts, `itemCount × stride`, after `finish()`.
    var attempts: [Double] = []
    /// Expected successes, `itemCount × stride`, after `finish()`.
    var successes: [Double] = []
    /// Posterior mass at each node, summed over people.
    var nodeTotals: [Double]
    /// The same over people who answered every item.
    var completeTotals: [Double]
    /// The same over people who answered every item and are coded by their wrong answers.
    var completeByWrongTotals: [Double]
    /// Marginal log-likelihood of the data at the parameters of this E-step.
    var logLikelihood: Double
    /// People whose node window (see `EStepKernel`) had to be widened to the whole grid.
    var windowMisses: Int
    /// Floating-point additions in the two row passes (per response row: one per node of the window, twice).
    var additions: Int
    let stride: Int
    let itemCount: Int

    init(itemCount: Int, stride: Int) {
        self.stride = stride
        self.itemCount = itemCount
        counts = [Double](repeating: 0, count: 4 * itemCount * stride)
        nodeTotals = [Double](repeating: 0, count: stride)
        completeTotals = nodeTotals
        completeByWrongTotals = nodeTotals
        logLikelihood = 0
        windowMisses = 0
        additions = 0
    }

    /// Row length for `nodeCount` nodes.
    static func stride(for nodeCount: Int) -> Int { (nodeCount + 3) / 4 * 4 }

    /// Adds another chunk's partial sums (call in a fixed chunk order so results do not depend on scheduling).
    mutating func add(_ other: EStepTotals) {
        for k in counts.indices { counts[k] += other.counts[k] }
        for q in nodeTotals.indices {
            nodeTotals[q] += other.nodeTotals[q]
            completeTotals[q] += other.completeTotals[q]
            completeByWrongTotals[q] += other.completeByWrongTotals[q]
        }
        logLikelihood += other.logLikelihood
        windowMisses += other.windowMisses
        additions += other.additions
    }

    /// Forms attempts and successes per item and node from the coded rows:
    /// attempts = partial failures + partial successes + complete people's mass;
    /// successes = partial successes + right answers of right-coded people + (mass of wrong-coded people − their
    /// wrong answers). The last difference can come out a rounding error below zero; it is clamped.
    mutating func finish() {
        attempts = [Double](repeating: 0, count: itemCount * stride)
        successes = attempts
        for i in 0..<itemCount {
            let r = 4 * i * stride
            for q in 0..<stride {
                let n = counts[r + q] + counts[r + stride + q] + completeTotals[q]
                let s = counts[r + stride + q] + counts[r + 2 * stride + q] + completeByWrongTotals[q] - counts[r + 3 * stride + q]
                attempts[i * stride + q] = n
                successes[i * stride + q] = min(max(s, 0), n)
            }
        }
        counts = []
    }

    /// Expected attempts at item `i`'s nodes.
    func attempts(item i: Int, nodeCount: Int) -> ArraySlice<Double> { attempts[(i * stride)..<(i * stride + nodeCount)] }
    /// Expected successes at item `i`'s nodes.
    func successes(item i: Int, nodeCount: Int) -> ArraySlice<Double> { successes[(i * stride)..<(i * stride + nodeCount)] }
}
