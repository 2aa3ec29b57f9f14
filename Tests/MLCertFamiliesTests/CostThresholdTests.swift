import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: decision threshold from a cost matrix")
struct CostThresholdTests {
    /// The table as a learner reads it: threshold, true positives, false positives, false negatives per row.
    static func rows(_ table: FamilyTable) -> [(t: Double, tp: Double, fp: Double, fn: Double)] {
        table.rows.map { row in
            let n = row.map { Rendered.firstNumber(in: $0)! }
            return (n[0], n[1], n[2], n[3])
        }
    }

    @Test func keyIsTheCheapestThresholdAndDistractorsAreWhatCostFreeRulesPick() throws {
        let family = CostThresholdFamily()
        var below = 0
        for seed in UInt64(0)..<1500 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = Self.rows(try #require(instance.table))
            let positives = rows[0].tp + rows[0].fn
            let negatives = Double(s.negatives)
            // Realistic: a 3-25% positive class, counts that fall as the threshold rises.
            #expect(positives / (positives + negatives) > 0.029 && positives / (positives + negatives) < 0.251)
            for (a, b) in zip(rows, rows.dropFirst()) { #expect(a.tp >= b.tp && a.fp >= b.fp, "seed \(seed)") }
            // Independent recomputation: cost per row from the rendered table and the stated prices.
            let costs = rows.map { Double(s.missCost) * $0.fn + Double(s.falseAlarmCost) * $0.fp }
            let best = costs.indices.min { costs[$0] < costs[$1] }!
            #expect(costs.filter { $0 == costs[best] }.count == 1)
            let key = Rendered.key(instance.item)
            #expect(Rendered.firstNumber(in: key.text) == rows[best].t, "seed \(seed): \(key.text)")
            if rows[best].t < 0.5 { below += 1 }
            // Every distractor is the threshold some cost-free rule picks.
            func argmax(_ f: ((t: Double, tp: Double, fp: Double, fn: Double)) -> Double) -> Double { rows.max { f($0) < f($1) }!.t }
            let f1 = argmax { 2 * $0.tp / (2 * $0.tp + $0.fp + $0.fn) }
            let youden = argmax { $0.tp / positives - $0.fp / negatives }
            let rates = argmax { -(Double(s.missCost) * $0.fn / positives + Double(s.falseAlarmCost) * $0.fp / negatives) }
            let values = instance.item.options.map { Rendered.firstNumber(in: $0.text)! }
            #expect(Set(values).count == 4, "seed \(seed): \(values)")
            for option in instance.item.options where !option.correct {
                #expect([f1, 0.5, youden, rates].contains(Rendered.firstNumber(in: option.text)!), "seed \(seed): \(option.text)")
            }
        }
        // The key lies below 0.5 (misses expensive) about as often as above it (false alarms expensive).
        #expect(below > 600 && below < 900, "\(below)")
    }
}
