import Psychometrics
import Testing

@Suite("Classical item analysis")
struct ItemAnalysisTests {
    /// 1000 simulated people, 20 four-option items; item 3's key is recorded wrongly (true key 0, recorded 2), item 5
    /// is trivially easy, item 7 is pure noise, and option 3 of item 9 is never chosen.
    static func fixture() -> (choices: [ChoiceResponse], keys: [Int], truth: [ItemParameters]) {
        var rng = SeededGenerator(seed: 42)
        var truth = IRTSimulation.items(count: 20, model: .threePL, using: &rng)
        truth[5] = ItemParameters(a: 1, b: -4, c: 0.2)
        truth[7] = ItemParameters(a: 0.01, b: 0, c: 0)
        let keys = [Int](repeating: 0, count: 20)
        var choices: [ChoiceResponse] = []
        for p in 0..<1000 {
            let theta = IRTSimulation.normal(using: &rng)
            for (i, item) in truth.enumerated() {
                let right = IRTSimulation.answer(item, theta: theta, using: &rng)
                var option = right ? 0 : 1 + Int(rng.next() % 3)
                if i == 9 && option == 3 { option = 1 }
                choices.append(ChoiceResponse(person: p, item: i, option: option))
            }
        }
        var recorded = keys
        recorded[3] = 2
        return (choices, recorded, truth)
    }

    @Test("facility, point-biserial and discrimination behave; flags catch the planted problems")
    func flags() {
        let f = Self.fixture()
        let report = ItemAnalysis.analyse(choices: f.choices, keys: f.keys, optionCounts: [Int](repeating: 4, count: 20))
        #expect(report.items[3].flags.contains(.likelyWrongKey))
        #expect(report.items[5].flags.contains(.tooEasy))
        #expect(report.items[7].flags.contains(.nonDiscriminating))
        #expect(report.items[9].flags.contains(.nonFunctioningDistractor))
        #expect(report.items[9].options[3].count == 0)
        // A good item: positive discrimination, sensible facility, no flags.
        let good = report.items.filter { [0, 1, 2, 4, 6, 8].contains($0.item) && $0.flags.isEmpty }
        #expect(good.count >= 4)
        for s in good {
            #expect(s.correctedPointBiserial > 0.15 && s.discriminationIndex > 0.1)
            #expect(s.options[0].upperShare > s.options[0].lowerShare)
        }
        // The facility of item 0 matches the model's expected proportion correct (about).
        let quad = Quadrature.grid(count: 201)
        var expected = 0.0
        for (theta, w) in zip(quad.nodes, quad.weights) { expected += w * f.truth[0].probability(theta) }
        #expect(abs(report.items[0].facility - expected) < 0.05)
    }

    @Test("KR-20 equals Cronbach's alpha on right/wrong data and matches a hand computation")
    func reliability() {
        // 5 people × 4 items, hand-checked: item p = [.8,.6,.4,.2], totals [4,3,2,1,0] → var 2, Σpq = .8.
        let rows: [[Bool?]] = [
            [true, true, true, true], [true, true, true, false], [true, true, false, false], [true, false, false, false],
            [false, false, false, false],
        ]
        let report = ItemAnalysis.analyse(ResponseData(dense: rows))
        let expected = 4.0 / 3.0 * (1 - 0.8 / 2.0)
        #expect(abs(report.kr20! - expected) < 1e-12)
        #expect(abs(report.cronbachAlpha! - expected) < 1e-12)
        #expect(report.completeCases == 5)
        #expect(report.items.allSatisfy { $0.options.isEmpty })
    }

    @Test("sparse data: statistics from who answered, reliability from complete cases")
    func sparse() {
        var rng = SeededGenerator(seed: 7)
        let items = IRTSimulation.items(count: 15, model: .twoPL, using: &rng)
        let data = IRTSimulation.responses(items: items, abilities: IRTSimulation.abilities(count: 3000, using: &rng), answerRate: 0.6, using: &rng)
        let report = ItemAnalysis.analyse(data)
        #expect(report.items.allSatisfy { $0.count > 1600 && $0.count < 2000 })
        #expect(report.items.allSatisfy { $0.correctedPointBiserial > 0.1 })
        #expect(report.completeCases < 50)
    }
}
