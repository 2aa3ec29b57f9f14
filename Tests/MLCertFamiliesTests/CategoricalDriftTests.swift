import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: categorical drift against a monitor threshold")
struct CategoricalDriftTests {
    @Test func keyIsTheConfiguredDistanceAndTheAlertDecision() throws {
        let family = CategoricalDriftFamily()
        var alerts = [0, 0]
        var metrics = [0, 0]
        for seed in UInt64(0)..<1000 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { (p: Rendered.firstNumber(in: $0[1])! / 100, q: Rendered.firstNumber(in: $0[2])! / 100) }
            #expect(abs(rows.map(\.p).reduce(0, +) - 1) < 1e-9 && abs(rows.map(\.q).reduce(0, +) - 1) < 1e-9)
            // Written out: L-infinity, or JS with base-2 logarithms against the mixture.
            let value: Double
            if s.metric == .lInfinity {
                value = rows.map { abs($0.p - $0.q) }.max()!
            } else {
                value = rows.reduce(0) { sum, r in
                    let m = (r.p + r.q) / 2
                    return sum + 0.5 * r.p * log(r.p / m) / log(2) + 0.5 * r.q * log(r.q / m) / log(2)
                }
            }
            metrics[s.metric.rawValue] += 1
            let key = Rendered.key(instance.item)
            let shown = Rendered.numbers(in: key.text).first!
            #expect(abs(shown - value) <= 0.0005 + 1e-9, "seed \(seed): \(key.text) vs \(value)")
            let alert = value >= s.threshold
            alerts[alert ? 1 : 0] += 1
            #expect(key.text.contains(alert ? "alerts" : "stays quiet"))
            let values = instance.item.options.map { Rendered.numbers(in: $0.text).first! }
            #expect(Set(values).count == 4, "seed \(seed): \(values)")
        }
        for count in alerts + metrics { #expect(count > 380, "\(alerts) \(metrics)") }
    }
}
