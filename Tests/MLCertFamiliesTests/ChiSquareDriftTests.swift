import Foundation
import MLCertContent
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: chi-square drift against the size of the shift")
struct ChiSquareDriftTests {
    static let phrases = ["significant and large enough", "significant but below", "neither significant nor large", "large but not yet significant"]

    @Test func keyFollowsTheRunbookWithAnIndependentChiSquareTail() throws {
        let family = ChiSquareDriftFamily()
        var findings = [0, 0, 0, 0]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { (b: Rendered.firstNumber(in: $0[1])!, c: Rendered.firstNumber(in: $0[3])!) }
            let nb = rows.map(\.b).reduce(0, +), nc = rows.map(\.c).reduce(0, +)
            var x = 0.0
            for r in rows {
                let column = r.b + r.c
                for (observed, total) in [(r.b, nb), (r.c, nc)] {
                    let expected = total * column / (nb + nc)
                    x += (observed - expected) * (observed - expected) / expected
                }
            }
            // The tail from the content module's regularized incomplete gamma, not the family's even-df closed form.
            let p = Probability.chiSquareSurvival(x, df: rows.count - 1)
            #expect(abs(p - ChiSquareDriftFamily.pValue(x, degreesOfFreedom: rows.count - 1)) < 1e-9)
            let tv = rows.reduce(0) { $0 + abs($1.b / nb - $1.c / nc) } / 2
            let expected = p < 0.01 ? (tv >= s.bar ? 0 : 1) : (tv >= s.bar ? 3 : 2)
            findings[expected] += 1
            #expect(Rendered.key(instance.item).text.contains(Self.phrases[expected]), "seed \(seed)")
        }
        for count in findings { #expect(count > 200, "\(findings)") }
    }
}
