import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: population stability index")
struct PopulationStabilityTests {
    /// PSI written out the long way, independently of the family's code: per-bin KL terms in both directions.
    static func referencePSI(_ training: [Double], _ serving: [Double]) -> Double {
        var forward = 0.0, backward = 0.0
        for i in training.indices {
            let p = serving[i] / 100, q = training[i] / 100
            forward += p * log(p / q)
            backward += q * log(q / p)
        }
        return forward + backward
    }

    /// The number an option reports ("The statistic is 0.184, so ...").
    static func value(_ option: ItemOption) -> Double? {
        let words = option.text.split(separator: " ")
        guard let i = words.firstIndex(of: "is"), i + 1 < words.count else { return nil }
        return Double(words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",")))
    }

    @Test func keyIsThePSIAndTheRunbookActionForThousandsOfSeeds() throws {
        let family = PopulationStabilityFamily()
        var bands = [0, 0, 0]
        for seed in UInt64(0)..<2000 {
            let s = family.situation(seed: seed)
            let item = family.instance(seed: seed).item
            // Realistic, and what the learner sees: shares to one decimal, summing to 100, none tiny.
            #expect(abs(s.servingPercent.reduce(0, +) - 100) < 1e-9 && abs(s.trainingPercent.reduce(0, +) - 100) < 1e-9)
            #expect(s.servingPercent.allSatisfy { $0 >= 0.5 })
            let psi = Self.referencePSI(s.trainingPercent, s.servingPercent)
            #expect(psi > 0 && psi < 0.9)
            let band = psi < 0.10 ? 0 : (psi < 0.25 ? 1 : 2)
            bands[band] += 1
            #expect(item.keyIndices.count == 1)
            let key = item.options[item.keyIndices[0]]
            #expect(abs((Self.value(key) ?? -1) - psi) < 0.0005 + 1e-12, "seed \(seed): \(key.text) vs \(psi)")
            #expect(key.text.contains(PopulationStabilityFamily.actions[band]))
            // Distractors: visibly different numbers from the key and from each other.
            let values = item.options.compactMap(Self.value)
            #expect(values.count == 4)
            for i in values.indices {
                for j in values.indices where j > i {
                    #expect(abs(values[i] - values[j]) >= 0.015 - 0.001, "seed \(seed): \(values)")
                }
            }
            #expect(Set(item.options.map(\.text)).count == 4)
        }
        // The generator balances the bands, so "no action" is the key as often as "retrain".
        for count in bands { #expect(count > 500, "\(bands)") }
    }
}
