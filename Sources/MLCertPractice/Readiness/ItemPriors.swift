import MLCertCore
import Psychometrics

/// IRT parameters for items without a calibration in use, from what the author wrote.
///
/// Difficulty comes from the author's estimate (easy −1, medium 0, hard +1), discrimination is 1, and the guessing
/// floor is the chance of hitting the key blind: 1/4 for a four-option item, 1/C(n, k) for "choose k of n". These are
/// guesses, so readiness treats them as wide distributions (`ItemParameterDistribution.authorEstimate`), and
/// `BankParameters` replaces them item by item once a calibration (`mlcert calibrate --apply`) has enough answers.
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

    /// A sentence that every readiness report carries while the parameters are authors' estimates.
    public static let disclosure =
        "Item difficulties are the question writers' estimates, not yet calibrated on learners' answers; readiness "
        + "allows for them being well off (the likely range shows how much that matters)."

    /// A seed for an item's parameter draws that depends on its id only (FNV-1a), so it is the same in every process.
    public static func drawSeed(_ itemID: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in itemID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
