import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: retraining cadence")
struct RetrainingCadenceTests {
    @Test func keyIsTheLongestCadenceThatHoldsTheFloorAtTheModelsOldest() throws {
        let family = RetrainingCadenceFamily()
        var keys: [Int: Int] = [:]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let curve = try #require(instance.table).rows.map { Double($0[1])! }
            // Written out: the curve interpolated at delay + pipeline + cadence.
            func aucAt(_ weeks: Double) -> Double {
                let i = min(Int(weeks), curve.count - 2)
                return curve[i] + (curve[i + 1] - curve[i]) * (weeks - Double(i))
            }
            let start = Double(s.labelDelayDays + s.pipelineDays) / 7
            let expected = [1, 2, 3, 4, 6, 8, 12].last { aucAt(start + Double($0)) >= s.floor }!
            keys[expected, default: 0] += 1
            for (a, b) in zip(curve, curve.dropFirst()) { #expect(b <= a, "AUC decays with age") }
            let key = Int(Rendered.firstNumber(in: Rendered.key(instance.item).text) ?? 1)
            #expect(key == expected, "seed \(seed): \(key) vs \(expected)")
            let values = instance.item.options.map { Int(Rendered.firstNumber(in: $0.text) ?? 1) }
            #expect(Set(values).count == 4 && values.min()! < key && values.max()! > key, "seed \(seed): \(values)")
        }
        for c in [2, 3, 4, 6] { #expect((keys[c] ?? 0) > 200, "\(keys)") }
    }
}
