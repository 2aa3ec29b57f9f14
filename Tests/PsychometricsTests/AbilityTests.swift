import Psychometrics
import Testing

@Suite("Ability estimation and readiness")
struct AbilityTests {
    static func bank(seed: UInt64, count: Int = 200) -> [ItemParameters] {
        var rng = SeededGenerator(seed: seed)
        return IRTSimulation.items(count: count, model: .threePL, using: &rng)
    }

    @Test("EAP and MAP recover ability on a long test, with honest standard errors")
    func longTest() {
        let items = Self.bank(seed: 1)
        var rng = SeededGenerator(seed: 2)
        var eapErr = 0.0
        var mapErr = 0.0
        var eapSE = 0.0
        let thetas = [-1.5, -0.5, 0, 0.8, 1.6]
        for theta in thetas {
            let responses = items.map { ScoredResponse(item: $0, correct: IRTSimulation.answer($0, theta: theta, using: &rng)) }
            let eap = AbilityEstimator.eap(responses)
            let map = AbilityEstimator.map(responses)
            eapErr += (eap.theta - theta) * (eap.theta - theta)
            mapErr += (map.theta - theta) * (map.theta - theta)
            eapSE += eap.standardError
            // With 200 items, MAP's SE ≈ EAP's posterior SD.
            #expect(abs(map.standardError - eap.standardError) < 0.05)
        }
        #expect((eapErr / 5).squareRoot() < 0.3)
        #expect((mapErr / 5).squareRoot() < 0.3)
        #expect(eapSE / 5 < 0.25)
    }

    @Test("an all-correct pattern gets a finite EAP, and no data gives the prior")
    func edgeCases() {
        let items = Self.bank(seed: 3, count: 5)
        let allRight = AbilityEstimator.eap(items.map { ScoredResponse(item: $0, correct: true) })
        #expect(allRight.theta.isFinite && allRight.theta > 0.5)
        let none = AbilityEstimator.eap([])
        #expect(abs(none.theta) < 1e-9 && abs(none.standardError - 1) < 0.01)
    }

    @Test("domain scores use only their own items")
    func domains() {
        let items = Self.bank(seed: 4, count: 60)
        var rng = SeededGenerator(seed: 5)
        var responses: [ScoredResponse] = []
        var domains: [String] = []
        for (k, item) in items.enumerated() {
            let strong = k % 2 == 0
            responses.append(ScoredResponse(item: item, correct: IRTSimulation.answer(item, theta: strong ? 1.5 : -1.5, using: &rng)))
            domains.append(strong ? "ml-ops" : "stats")
        }
        let byDomain = AbilityEstimator.eapByDomain(responses, domains: domains)
        #expect(byDomain["ml-ops"]!.theta > 0.7)
        #expect(byDomain["stats"]!.theta < -0.7)
        let maps = AbilityEstimator.mapByDomain(responses, domains: domains)
        #expect(maps["ml-ops"]!.theta > maps["stats"]!.theta)
    }

    @Test("a proportion-correct cut converts through the blueprint-weighted test characteristic curve")
    func cutConversion() throws {
        let items = Self.bank(seed: 6, count: 40)
        let domains = items.indices.map { $0 < 10 ? "a" : "b" }
        let weights = ReadinessModel.blueprintWeights(itemDomains: domains, shares: ["a": 0.5, "b": 0.5])
        let cut = try ReadinessModel.cut(forProportionCorrect: 0.7, items: items, weights: weights)
        let total = weights.reduce(0, +)
        let tcc = zip(items, weights).reduce(0) { $0 + $1.1 * $1.0.probability(cut) } / total
        #expect(abs(tcc - 0.7) < 1e-9)
        #expect(throws: ReadinessModel.CutError.self) { try ReadinessModel.cut(forProportionCorrect: 0.05, items: items) }
    }

    @Test("the verdict waits for evidence")
    func verdicts() {
        let items = Self.bank(seed: 7)
        let model = ReadinessModel(cut: 0)
        #expect(model.assess([]).outcome == .notEnoughEvidence)
        var rng = SeededGenerator(seed: 8)
        let strong = items.map { ScoredResponse(item: $0, correct: IRTSimulation.answer($0, theta: 1.5, using: &rng)) }
        let weak = items.map { ScoredResponse(item: $0, correct: IRTSimulation.answer($0, theta: -1.5, using: &rng)) }
        #expect(model.assess(strong).outcome == .likelyPass)
        #expect(model.assess(strong).probabilityOfPassing > 0.95)
        #expect(model.assess(weak).outcome == .likelyFail)
    }

    @Test("stated pass probabilities are calibrated: 4000 simulated learners answering 12 items")
    func calibrationSimulation() {
        let items = Self.bank(seed: 9)
        var rng = SeededGenerator(seed: 10)
        let model = ReadinessModel(cut: 0.3)
        let report = model.simulateCalibration(bank: items, learners: 4000, itemsPerLearner: 12, using: &rng)
        #expect(report.expectedCalibrationError < 0.03, "ECE \(report.expectedCalibrationError)")
        #expect(report.brierScore < 0.7 * report.baseRateBrierScore, "Brier \(report.brierScore) vs \(report.baseRateBrierScore)")
        for bin in report.bins where bin.count >= 200 {
            #expect(abs(bin.meanPredicted - bin.observedRate) < 0.08, "\(bin)")
        }
        // Verdicts, when given, are right at least 90% of the time.
        #expect(report.likelyPassCorrect > 0.9 && report.likelyFailCorrect > 0.9)
    }
}
