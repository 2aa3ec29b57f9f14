@testable import Psychometrics
import Testing

/// The M-step on its own: expected counts made exactly from a known item, so its optimum is that item.
@Suite("M-step (item fit)")
struct ItemFitTests {
    /// Expected attempts and successes of 100,000 N(0, 1) people on a 49-point grid, answering `item` exactly at the
    /// model probability.
    func counts(_ item: ItemParameters) -> (nodes: [Double], attempts: [Double], successes: [Double]) {
        let quad = Quadrature.grid()
        let attempts = quad.weights.map { 100_000 * $0 }
        let successes = zip(quad.nodes, attempts).map { item.probability($0) * $1 }
        return (quad.nodes, attempts, successes)
    }

    /// The case from the benchmark: a very easy, steep item, and EM's M-step starting far out on the a–b ridge.
    /// Clipping the Fisher step coordinate by coordinate turned it into a descent direction there and the item
    /// never moved; shortening the whole step keeps the direction.
    @Test("a very easy, steep item is recovered from a start far along the ridge", arguments: [
        (ItemParameters(a: 1.98, b: -2.55), ItemParameters(a: 1.077, b: -4.109)),
        (ItemParameters(a: 2.2, b: 2.8), ItemParameters(a: 1, b: 4.5)),
        (ItemParameters(a: 0.8, b: 0.3), ItemParameters(a: 1, b: 0)),
    ])
    func recoversFromFarStart(truth: ItemParameters, start: ItemParameters) {
        let (nodes, attempts, successes) = counts(truth)
        let prior = ItemPrior(logA: NormalPrior(mean: 0, sd: 0.5), bPrior: NormalPrior(mean: 0, sd: 4), c: nil)
        let fitted = ItemFit.maximise(
            start: start, model: .twoPL, nodes: nodes, attempts: attempts[...], successes: successes[...], prior: prior)
        // The weak prior moves the optimum of 100,000 exact responses by far less than these bounds.
        #expect(abs(fitted.a - truth.a) < 0.02, "a \(fitted.a) vs \(truth.a)")
        #expect(abs(fitted.b - truth.b) < 0.02, "b \(fitted.b) vs \(truth.b)")
    }
}
