import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: expected calibration error")
struct CalibrationTests {
    @Test func keyIsTheBinWeightedGapAndTheChecklistDecision() throws {
        let family = CalibrationFamily()
        var bands = [0, 0]
        for seed in UInt64(0)..<1000 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let table = try #require(instance.table)
            // Independent recomputation from the rendered table: Σ n_b |positives_b / n_b − mean_b| / N.
            let rows = table.rows.map { row in (n: Rendered.firstNumber(in: row[1])!, mean: Double(row[2])!, positives: Rendered.firstNumber(in: row[3])!) }
            let total = rows.reduce(0) { $0 + $1.n }
            var weighted = 0.0
            for r in rows {
                #expect(r.n >= 40 && r.positives >= 0 && r.positives <= r.n && r.mean > 0 && r.mean < 1)
                weighted += abs(r.positives - r.mean * r.n)
            }
            let ece = weighted / total
            #expect(ece > 0 && ece < 0.2)
            let key = Rendered.key(instance.item)
            #expect(abs(Rendered.firstNumber(in: key.text)! - ece) <= 0.0005 + 1e-9, "seed \(seed): \(key.text) vs \(ece)")
            let within = ece <= s.tolerance
            bands[within ? 0 : 1] += 1
            #expect(key.text.contains(within ? "within the" : "above the"))
            // Distractors: visibly different numbers, each consistent with its own decision.
            let values = instance.item.options.map { Rendered.firstNumber(in: $0.text)! }
            for i in values.indices {
                for j in values.indices where j > i { #expect(abs(values[i] - values[j]) >= 0.004 - 0.001, "seed \(seed): \(values)") }
                #expect(instance.item.options[i].text.contains(values[i] <= s.tolerance + 1e-9 ? "within the" : "above the"))
            }
        }
        for count in bands { #expect(count > 400, "\(bands)") }
    }
}
