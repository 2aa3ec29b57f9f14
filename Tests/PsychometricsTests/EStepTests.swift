import Foundation
@testable import Psychometrics
import Testing

/// The fast E-step (precomputed rows, complement coding of complete responders, node windows) against a direct,
/// unoptimised sum over every person, node and response.
@Suite("E-step kernel")
struct EStepTests {
    /// Mixed data: half the people answer everything (complement-coded), half about 40% of the items.
    func data(model: IRTModel, seed: UInt64) -> (ResponseData, [ItemParameters]) {
        var rng = SeededGenerator(seed: seed)
        let items = IRTSimulation.items(count: 25, model: model, using: &rng)
        let thetas = IRTSimulation.abilities(count: 600, using: &rng)
        // The first two complete responders are the best and the worst: all right, all wrong (no rows at all).
        var completeThetas = Array(thetas[..<300])
        completeThetas[0] = 9
        completeThetas[1] = -9
        let complete = IRTSimulation.responses(items: items, abilities: completeThetas, using: &rng)
        let partial = IRTSimulation.responses(items: items, abilities: Array(thetas[300...]), answerRate: 0.4, using: &rng)
        var triples: [(person: Int, item: Int, correct: Bool)] = []
        for p in 0..<300 { for r in complete.responses(of: p) { triples.append((p, r.item, r.correct)) } }
        for p in 0..<300 { for r in partial.responses(of: p) { triples.append((300 + p, r.item, r.correct)) } }
        return (ResponseData(personCount: 600, itemCount: 25, responses: triples), items)
    }

    /// Expected attempts and successes and the log-likelihood, summed directly.
    func direct(_ data: ResponseData, items: [ItemParameters], quad: Quadrature) -> (attempts: [Double], successes: [Double], ll: Double) {
        let q = quad.nodes.count
        var n = [Double](repeating: 0, count: items.count * q)
        var r = n
        var ll = 0.0
        for p in 0..<data.personCount {
            var lik = quad.weights
            for resp in data.responses(of: p) {
                for k in 0..<q {
                    let pr = items[resp.item].probability(quad.nodes[k])
                    lik[k] *= resp.correct ? pr : 1 - pr
                }
            }
            let total = lik.reduce(0, +)
            ll += log(total)
            for resp in data.responses(of: p) {
                for k in 0..<q {
                    n[resp.item * q + k] += lik[k] / total
                    if resp.correct { r[resp.item * q + k] += lik[k] / total }
                }
            }
        }
        return (n, r, ll)
    }

    @Test("matches the direct sum, for 2PL (windows on) and 3PL (whole grid), on the first and a windowed second pass",
          arguments: [IRTModel.twoPL, .threePL])
    func matchesDirectSum(model: IRTModel) async {
        let (data, items) = data(model: model, seed: model == .twoPL ? 31 : 32)
        let quad = Quadrature.grid(count: 41)
        let stride = EStepTotals.stride(for: quad.nodes.count)
        let logWeights = quad.weights.map { log($0) } + [Double](repeating: -.infinity, count: stride - quad.nodes.count)
        let context = EMContext(
            data: data, plan: EStepPlan(data: data), model: model, quadrature: quad, logWeights: logWeights, priors: [],
            anchors: [:], estimateLatent: false, estimateMean: false, chunks: chunkRanges(count: 600, parts: 2))
        #expect(context.plan.kind[0] != .partial && context.plan.kind[599] == .partial)
        let expected = direct(data, items: items, quad: quad)
        var windows = context.chunks.map { [UInt16](repeating: 0, count: $0.count) }
        for pass in 0..<2 {
            let stats = await context.eStep(items: items, nodes: quad.nodes, windows: &windows)
            #expect(abs(stats.logLikelihood - expected.ll) < 1e-8 * abs(expected.ll), "pass \(pass)")
            var worst = 0.0
            for i in 0..<items.count {
                let n = stats.attempts(item: i, nodeCount: 41)
                let r = stats.successes(item: i, nodeCount: 41)
                for k in 0..<41 {
                    worst = max(worst, abs(n[n.startIndex + k] - expected.attempts[i * 41 + k]))
                    worst = max(worst, abs(r[r.startIndex + k] - expected.successes[i * 41 + k]))
                }
            }
            #expect(worst < 1e-9, "pass \(pass): largest count difference \(worst)")
            if model == .twoPL && pass == 1 {
                // The windows were used (and held): some people skipped nodes, none needed the whole grid again.
                #expect(windows.joined().contains { $0 != 0 && ($0 & 0xFF != 0 || Int($0 >> 8) != stride / 4) })
                #expect(stats.windowMisses == 0)
            }
        }
    }
}
