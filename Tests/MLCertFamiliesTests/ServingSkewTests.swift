import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: cause of training-serving skew")
struct ServingSkewTests {
    static let phrases = ["unit mismatch", "fills missing values with zero", "stale value", "real change in the population"]

    /// An independent reading of the statistics table: the rules an engineer applies, in order.
    static func diagnose(_ rows: [[String]]) -> Int {
        let v = rows.map { row in (Rendered.firstNumber(in: row[1])!, Rendered.firstNumber(in: row[2])!) }
        let (mean, std, missing, zeros) = (v[0], v[1], v[4], v[5])
        if std.1 == 0 { return 2 }
        let ratio = mean.1 / mean.0, spread = std.1 / std.0
        if (ratio > 5 || ratio < 0.2) && abs(spread / ratio - 1) < 0.1 { return 0 }
        if missing.0 > 5 && missing.1 == 0 && zeros.1 - zeros.0 > 5 { return 1 }
        return 3
    }

    @Test func keyIsTheCauseWhoseSignatureTheStatisticsShow() throws {
        let family = ServingSkewFamily()
        var causes = [0, 0, 0, 0]
        for seed in UInt64(0)..<1500 {
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows
            let expected = Self.diagnose(rows)
            causes[expected] += 1
            #expect(Rendered.key(instance.item).text.contains(Self.phrases[expected]), "seed \(seed): \(rows)")
            // A population shift is a large part of a standard deviation, not noise.
            if expected == 3 {
                let mean = (Rendered.firstNumber(in: rows[0][1])!, Rendered.firstNumber(in: rows[0][2])!)
                #expect(abs(mean.1 - mean.0) / Rendered.firstNumber(in: rows[1][1])! > 0.45)
            }
        }
        for count in causes { #expect(count > 300, "\(causes)") }
    }
}
