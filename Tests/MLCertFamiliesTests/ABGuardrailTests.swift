import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: A/B decision with a guardrail")
struct ABGuardrailTests {
    /// Distinctive words of each decision's option, so the test reads the key as a learner would.
    static let phrases = ["ship": "Ship B", "guardrail": "cannot rule out", "running": "Keep the test running", "worse": "converts significantly worse"]

    @Test func keyFollowsTheAgreedRuleRecomputedFromTheCounts() throws {
        let family = ABGuardrailFamily()
        var counts: [String: Int] = [:]
        var hiddenBreaches = 0
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { row in row.map { Rendered.firstNumber(in: $0) ?? -1 } }
            let (na, xa, ha) = (rows[0][1], rows[0][2], rows[0][4])
            let (nb, xb, hb) = (rows[1][1], rows[1][2], rows[1][4])
            #expect(na > 20_000 && nb > 20_000 && xa / na > 0.02 && xa / na < 0.16 && ha / na < 0.05)
            // Pooled z for conversion, written out.
            let pooled = (xa + xb) / (na + nb)
            let z = (xb / nb - xa / na) / (pooled * (1 - pooled) * (1 / na + 1 / nb)).squareRoot()
            // Unpooled 95% interval for the harm-rate increase, in points.
            let ga = ha / na, gb = hb / nb
            let half = 1.96 * (ga * (1 - ga) / na + gb * (1 - gb) / nb).squareRoot()
            let upper = (gb - ga + half) * 100, lower = (gb - ga - half) * 100
            let expected = upper >= s.marginPoints ? "guardrail" : (z >= 1.96 ? "ship" : (z <= -1.96 ? "worse" : "running"))
            counts[expected, default: 0] += 1
            if expected == "guardrail" && lower < 0 { hiddenBreaches += 1 }
            let key = Rendered.key(instance.item)
            #expect(key.text.contains(Self.phrases[expected]!), "seed \(seed): \(key.text) but expected \(expected)")
            #expect(instance.item.options.count == 4 && Set(instance.item.options.map(\.text)).count == 4)
        }
        // Each decision is the key about a quarter of the time, and some breaches hide behind a non-significant increase.
        for decision in Self.phrases.keys { #expect((counts[decision] ?? 0) > 200, "\(counts)") }
        #expect(hiddenBreaches > 30, "\(hiddenBreaches)")
    }
}
