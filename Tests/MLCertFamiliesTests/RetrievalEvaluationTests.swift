import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: RAG retrieval evaluation")
struct RetrievalEvaluationTests {
    @Test func keyIsRecallAt5OrMRRFromTheJudgedRanks() throws {
        let family = RetrievalEvaluationFamily()
        var bands = [0, 0]
        var metrics = [0, 0]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows
            // Written out from the table: per-query relevant count and ranks.
            let queries = rows.map { row in (relevant: Double(row[1])!, ranks: row[2] == "none" ? [] : row[2].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! }) }
            let value: Double
            if s.metric == .recallAt5 {
                value = queries.map { Double($0.ranks.filter { $0 <= 5 }.count) / $0.relevant }.reduce(0, +) / Double(queries.count)
            } else {
                value = queries.map { $0.ranks.min().map { 1 / $0 } ?? 0 }.reduce(0, +) / Double(queries.count)
            }
            metrics[s.metric.rawValue] += 1
            let key = Rendered.key(instance.item)
            let shown = Rendered.numbers(in: key.text).first { $0 < 1.0001 && $0 != 5 && $0 != 10 }!
            #expect(abs(shown - value) <= 0.005 + 1e-9, "seed \(seed): \(key.text) vs \(value)")
            let meets = (value * 100).rounded() / 100 >= s.bar
            bands[meets ? 1 : 0] += 1
            #expect(key.text.contains(meets ? "meeting the" : "below the"))
            #expect(Set(instance.item.options.map(\.text)).count == 4)
        }
        for count in bands + metrics { #expect(count > 450, "\(bands) \(metrics)") }
    }
}
