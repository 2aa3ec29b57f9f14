import MLCertCore
import Psychometrics

/// IRT parameters for items that have no response data yet, from what the author wrote.
///
/// Difficulty comes from the author's estimate (easy −1, medium 0, hard +1), discrimination is 1, and the guessing
/// floor is the chance of hitting the key blind: 1/4 for a four-option item, 1/C(n, k) for "choose k of n". Once the
/// bank is calibrated (`mlcert calibrate`), calibrated parameters replace these; until then every figure built on
/// them says so.
public enum ItemPriors {
    public static func parameters(for item: Item) -> ItemParameters {
        ItemParameters(a: 1, b: item.difficulty.priorDifficulty, c: 1 / Double(combinations(item.options.count, item.choose)))
    }

    static func combinations(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 1 }
        var result = 1
        for i in 0..<min(k, n - k) { result = result * (n - i) / (i + 1) }
        return max(1, result)
    }

    /// A sentence that every readiness report carries while the parameters are priors.
    public static let disclosure =
        "Item parameters are the authors' difficulty estimates, not yet calibrated on learners' answers, so the "
        + "probability is only as good as those estimates."
}
