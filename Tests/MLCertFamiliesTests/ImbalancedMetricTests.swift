import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: metric for an imbalanced problem")
struct ImbalancedMetricTests {
    @Test func keyFollowsTheRequirementAndIsNeverTheMostAccurateModel() throws {
        let family = ImbalancedMetricFamily()
        var requirements = [0, 0, 0]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            let rows = try #require(instance.table).rows
            let models = rows.map { row in (name: row[0], tp: Rendered.firstNumber(in: row[1])!, fp: Rendered.firstNumber(in: row[2])!, fn: Rendered.firstNumber(in: row[3])!, tn: Rendered.firstNumber(in: row[4])!) }
            let prevalence = (models[0].tp + models[0].fn) / (models[0].tp + models[0].fp + models[0].fn + models[0].tn)
            #expect(prevalence > 0.007 && prevalence < 0.061)
            func precision(_ m: (name: String, tp: Double, fp: Double, fn: Double, tn: Double)) -> Double { m.tp / (m.tp + m.fp) }
            func recall(_ m: (name: String, tp: Double, fp: Double, fn: Double, tn: Double)) -> Double { m.tp / (m.tp + m.fn) }
            let expected: String
            switch s.requirement {
            case .recallFloor: expected = models.filter { recall($0) * 100 >= Double(s.limit) }.max { precision($0) < precision($1) }!.name
            case .alertBudget: expected = models.filter { $0.tp + $0.fp <= Double(s.limit) }.max { recall($0) < recall($1) }!.name
            case .balanced: expected = models.max { 2 * $0.tp / (2 * $0.tp + $0.fp + $0.fn) < 2 * $1.tp / (2 * $1.tp + $1.fp + $1.fn) }!.name
            }
            requirements[s.requirement.rawValue] += 1
            let accurate = models.max { ($0.tp + $0.tn) < ($1.tp + $1.tn) }!.name
            let key = Rendered.key(instance.item).text
            #expect(key.contains(expected), "seed \(seed): \(key) vs \(expected)")
            #expect(!key.contains(accurate), "seed \(seed): the most accurate model is never the key")
        }
        for count in requirements { #expect(count > 300, "\(requirements)") }
    }
}
