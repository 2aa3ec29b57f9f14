import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: cluster size for a training deadline")
struct TrainingScaleTests {
    @Test func keyIsTheCheapestClusterThatMeetsTheDeadline() throws {
        let family = TrainingScaleFamily()
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { $0.map { Rendered.firstNumber(in: $0)! } }
            // Written out: hours and cost per cluster size from the displayed efficiency.
            let runs = rows.map { row -> (n: Double, hours: Double, cost: Double) in
                let hours = s.samplesMillions * 1e6 * Double(s.epochs) / (Double(s.throughput) * row[0] * row[1] / 100) / 3600
                return (row[0], hours, hours * row[0] * s.pricePerHour)
            }
            for (a, b) in zip(runs, runs.dropFirst()) { #expect(b.cost >= a.cost - 1e-9, "cost never falls as the cluster grows") }
            let cheapest = runs.filter { $0.hours <= Double(s.deadlineHours) }.min { $0.cost < $1.cost }!
            let key = Rendered.firstNumber(in: Rendered.key(instance.item).text)!
            #expect(key == cheapest.n, "seed \(seed): \(key) vs \(cheapest.n)")
            let values = instance.item.options.map { Rendered.firstNumber(in: $0.text)! }
            #expect(Set(values).count == 4 && values.min()! < key && values.max()! > key, "seed \(seed): \(values)")
        }
    }
}
