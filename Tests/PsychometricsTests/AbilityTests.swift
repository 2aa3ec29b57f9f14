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
}
