import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: endpoint replicas from a load test")
struct EndpointReplicasTests {
    @Test func keyIsThePeakOverTheUsableSLOCapacityRoundedUp() throws {
        let family = EndpointReplicasFamily()
        var largest = 0, smallest = 0
        let seeds = 1500
        for seed in UInt64(0)..<UInt64(seeds) {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows.map { $0.map { Double($0)! } }
            // Latency grows with load in every column, and the tail is above the median.
            for (a, b) in zip(rows, rows.dropFirst()) { #expect(a[0] < b[0] && a[1] <= b[1] && a[3] <= b[3]) }
            for r in rows { #expect(r[1] <= r[2] && r[2] <= r[3]) }
            let column = s.sloPercentile == 99 ? 3 : 2
            let capacity = rows.filter { $0[column] <= Double(s.sloMilliseconds) }.map { $0[0] }.max()!
            let replicas = Int((Double(s.peakQPS) / (capacity * Double(s.utilizationPercent) / 100)).rounded(.up))
            #expect(replicas >= 4 && replicas <= 120)
            let values = instance.item.options.map { Int(Rendered.firstNumber(in: $0.text)!) }
            let key = Int(Rendered.firstNumber(in: Rendered.key(instance.item).text)!)
            #expect(key == replicas, "seed \(seed): \(key) vs \(replicas)")
            #expect(Set(values).count == 4)
            if values.max() == key { largest += 1 }
            if values.min() == key { smallest += 1 }
        }
        #expect(Double(largest) / Double(seeds) < 0.6, "\(largest)")
        #expect(Double(smallest) / Double(seeds) < 0.6, "\(smallest)")
    }
}
