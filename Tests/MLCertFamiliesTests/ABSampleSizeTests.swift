import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: A/B test duration")
struct ABSampleSizeTests {
    /// Days from the rendered inputs, written out independently: Lehr-style normal approximation, both groups.
    static func referenceDays(baselinePercent: Double, effect: Double, relative: Bool, visitors: Double, allocationPercent: Double) -> Int {
        let p1 = baselinePercent / 100
        let p2 = relative ? p1 * (1 + effect / 100) : p1 + effect / 100
        let zSum = 1.96 + 0.84
        let perGroup = (zSum * zSum * (p1 * (1 - p1) + p2 * (1 - p2)) / ((p2 - p1) * (p2 - p1))).rounded(.up)
        return Int((2 * perGroup / (visitors * allocationPercent / 100)).rounded(.up))
    }

    @Test func keyIsTheTwoGroupTwoSidedDurationAndTheKeyIsNotAlwaysTheLongest() throws {
        let family = ABSampleSizeFamily()
        var longest = 0, shortest = 0
        let seeds = 2000
        for seed in UInt64(0)..<UInt64(seeds) {
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows
            let relative = rows[1][1].contains("relative")
            let days = Self.referenceDays(baselinePercent: Rendered.firstNumber(in: rows[0][1])!, effect: Rendered.firstNumber(in: rows[1][1])!,
                relative: relative, visitors: Rendered.firstNumber(in: rows[4][1])!, allocationPercent: Rendered.firstNumber(in: rows[5][1])!)
            #expect(days >= 5 && days <= 90)
            let values = instance.item.options.map { Int(Rendered.firstNumber(in: $0.text)!) }
            let key = Int(Rendered.firstNumber(in: Rendered.key(instance.item).text)!)
            #expect(key == days, "seed \(seed): key \(key) vs \(days)")
            #expect(Set(values).count == 4)
            for v in values where v != key {
                // Distinct by at least 15% and two days, and never absurd next to the key.
                #expect(abs(v - key) >= 2 && Double(abs(v - key)) >= 0.15 * Double(max(v, key)) - 1e-9, "seed \(seed): \(values)")
                #expect(Double(v) <= Double(key) * 4 && Double(v) >= Double(key) / 4)
            }
            if values.max() == key { longest += 1 }
            if values.min() == key { shortest += 1 }
        }
        // "Pick the longest" or "pick the shortest" must not be a winning strategy.
        #expect(Double(longest) / Double(seeds) < 0.6, "\(longest)")
        #expect(Double(shortest) / Double(seeds) < 0.6, "\(shortest)")
    }
}
