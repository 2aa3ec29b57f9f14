import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: token cost and latency")
struct TokenCostTests {
    static let phrases = ["large model", "few-shot", "fine-tuned", "reasoning step"]

    @Test func keyIsTheCheapestConfigurationWithinTheLatencyBudget() throws {
        let family = TokenCostFamily()
        var keys = [0, 0, 0, 0]
        var cheapestShown = 0
        let seeds = 1200
        for seed in UInt64(0)..<UInt64(seeds) {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { $0.dropFirst().map { Rendered.firstNumber(in: $0) ?? 0 } }
            // Written out from the table: cost per 30-day month and latency per configuration.
            let results = rows.map { r -> (cost: Double, latency: Double) in
                let (input, output, inPrice, outPrice, hosting, first, perThousand, speed) = (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
                let cost = Double(s.requestsPerDay) * 30 * (input * inPrice + output * outPrice) / 1e6 + hosting * 720
                return (cost, first + perThousand * max(0, input / 1000 - 1) + output / speed)
            }
            let eligible = results.indices.filter { results[$0].latency <= s.budgetSeconds }
            let expected = eligible.min { results[$0].cost < results[$1].cost }!
            keys[expected] += 1
            let key = Rendered.key(instance.item)
            #expect(key.text.contains(Self.phrases[expected]), "seed \(seed): \(key.text)")
            #expect(abs(Rendered.numbers(in: key.text).last! - results[expected].cost) < 1, "seed \(seed)")
            if results.indices.allSatisfy({ results[$0].cost >= results[expected].cost }) { cheapestShown += 1 }
        }
        for count in keys { #expect(count > 200, "\(keys)") }
        #expect(Double(cheapestShown) / Double(seeds) < 0.6, "\(cheapestShown)")
    }
}
