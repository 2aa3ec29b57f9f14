import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: fairness criteria across groups")
struct FairnessGapsTests {
    static let phrases = ["Both criteria are met", "Only the selection-rate ratio fails", "Only the error-rate gaps fail", "Both criteria fail"]

    @Test func keyIsTheFindingRecomputedFromTheConfusionMatrices() throws {
        let family = FairnessGapsFamily()
        var findings = [0, 0, 0, 0]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { $0.dropFirst().map { Rendered.firstNumber(in: $0)! } }
            let rates = rows.map { r -> (selection: Double, tpr: Double, fpr: Double) in
                let (tp, fp, fn, tn) = (r[0], r[1], r[2], r[3])
                return ((tp + fp) / (tp + fp + fn + tn), tp / (tp + fn), fp / (fp + tn))
            }
            let ratio = min(rates[0].selection, rates[1].selection) / max(rates[0].selection, rates[1].selection)
            let odds = max(abs(rates[0].tpr - rates[1].tpr), abs(rates[0].fpr - rates[1].fpr))
            let parity = ratio >= 0.8, equalOdds = odds <= s.oddsTolerance
            let expected = parity ? (equalOdds ? 0 : 2) : (equalOdds ? 1 : 3)
            findings[expected] += 1
            #expect(Rendered.key(instance.item).text.hasPrefix(Self.phrases[expected]), "seed \(seed)")
        }
        for count in findings { #expect(count > 200, "\(findings)") }
    }
}
