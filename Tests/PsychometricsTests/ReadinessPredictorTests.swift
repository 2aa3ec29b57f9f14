import Psychometrics
import Testing

@Suite("Readiness: the probability of passing a real form")
struct ReadinessPredictorTests {
    /// A two-domain bank of `count` items with exactly known parameters (no uncertainty) unless `uncertain`.
    static func bank(count: Int = 120, seed: UInt64 = 1, uncertain: Bool = false) -> [ReadinessPredictor.Item] {
        var rng = SeededGenerator(seed: seed)
        return IRTSimulation.items(count: count, model: .threePL, using: &rng).enumerated().map { i, p in
            ReadinessPredictor.Item(
                parameters: uncertain ? .authorEstimate(p) : ItemParameterDistribution(mean: p, sdLogA: 0, sdB: 0, sdC: 0),
                domain: i % 3 == 0 ? 1 : 0, drawSeed: UInt64(i) + 1)
        }
    }

    /// The form's pass rate by brute force: abilities from `theta()`, a form drawn from the bank per sitting.
    static func simulatedPassRate(
        bank: [ReadinessPredictor.Item], form: ExamFormSpecification, sittings: Int, seed: UInt64, theta: (inout SeededGenerator) -> Double
    ) -> Double {
        var rng = SeededGenerator(seed: seed)
        let byDomain = (0..<form.seats.count).map { d in bank.filter { $0.domain == d }.map(\.parameters.mean) }
        var passed = 0
        for _ in 0..<sittings {
            let ability = theta(&rng)
            var right = 0
            for (d, seats) in form.seats.enumerated() {
                for _ in 0..<seats {
                    let item = byDomain[d][Int(rng.next() % UInt64(byDomain[d].count))]
                    if IRTSimulation.answer(item, theta: ability, using: &rng) { right += 1 }
                }
            }
            if right >= form.passCount { passed += 1 }
        }
        return Double(passed) / Double(sittings)
    }

    @Test("the pass count is the smallest count reaching the mark")
    func passCount() {
        #expect(ExamFormSpecification(seats: [30, 30], passProportion: 0.7).passCount == 42)
        #expect(ExamFormSpecification(seats: [65], passProportion: 0.72).passCount == 47)  // 46.8 rounds up
        #expect(ExamFormSpecification(seats: [10], passProportion: 0).passCount == 0)
    }

    @Test("the ability cut is where the expected proportion on the form equals the pass mark")
    func abilityCut() throws {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [20, 10], passProportion: 0.6)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(draws: 1))
        let cut = try #require(predictor.abilityCut)
        let mean = { (d: Int) in bank.filter { $0.domain == d }.map { $0.parameters.mean.probability(cut) }.reduce(0, +) / Double(bank.filter { $0.domain == d }.count) }
        #expect(abs((20 * mean(0) + 10 * mean(1)) / 30 - Double(form.passCount) / 30) < 1e-9)
        let unreachable = ReadinessPredictor(items: bank, domainCount: 2, form: ExamFormSpecification(seats: [20, 10], passProportion: 0.05))
        #expect(unreachable.abilityCut == nil, "below the guessing floor")
    }

    @Test("with no answers, P(pass) is the population's pass rate on random forms (checked by simulating sittings)")
    func populationRate() {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [20, 10], passProportion: 0.6)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0, draws: 1))
        let stated = predictor.predict([]).probabilityOfPassing
        let observed = Self.simulatedPassRate(bank: bank, form: form, sittings: 40_000, seed: 3) { $0.nextStandardNormal() }
        // Monte Carlo SE is at most 0.0025; the grid and the with-replacement draw of questions add less than 0.005.
        #expect(abs(stated - observed) < 0.012, "stated \(stated), simulated \(observed)")
    }

    @Test("a learner just above the ability cut with overwhelming evidence is not told they will surely pass")
    func finiteFormError() throws {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [40, 20], passProportion: 0.65)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0, draws: 1))
        let cut = try #require(predictor.abilityCut)
        // 3,000 answers simulated at cut + 0.1: the ability is pinned down, but one 60-question sitting is not.
        var rng = SeededGenerator(seed: 4)
        let responses = (0..<3000).map { k in
            let i = k % bank.count
            return (item: i, correct: IRTSimulation.answer(bank[i].parameters.mean, theta: cut + 0.1, using: &rng))
        }
        let prediction = predictor.predict(responses)
        #expect(try #require(prediction.probabilityAbilityAboveCut) > 0.9, "P(ability above the cut) \(prediction.probabilityAbilityAboveCut!)")
        #expect(prediction.probabilityOfPassing > 0.5 && prediction.probabilityOfPassing < 0.8, "P(pass) \(prediction.probabilityOfPassing)")
        #expect(prediction.outcome == .notEnoughEvidence)
        // And at a fixed ability the figure is the binomial-mixture pass rate of a random form.
        let observed = Self.simulatedPassRate(bank: bank, form: form, sittings: 40_000, seed: 5) { _ in prediction.ability.theta }
        #expect(abs(prediction.probabilityOfPassing - observed) < 0.03, "stated \(prediction.probabilityOfPassing), simulated \(observed)")
    }

    @Test("the range reflects parameter uncertainty: zero width on exact parameters, wide on authors' estimates")
    func probabilityRange() {
        let form = ExamFormSpecification(seats: [20, 10], passProportion: 0.6)
        var rng = SeededGenerator(seed: 6)
        let exact = Self.bank()
        let answers = (0..<40).map { i in (item: i, correct: IRTSimulation.answer(exact[i].parameters.mean, theta: 0.6, using: &rng)) }
        let sure = ReadinessPredictor(items: exact, domainCount: 2, form: form, configuration: .init(draws: 8)).predict(answers)
        #expect(sure.probabilityRange.upperBound - sure.probabilityRange.lowerBound < 1e-12)
        let guessed = ReadinessPredictor(items: Self.bank(uncertain: true), domainCount: 2, form: form, configuration: .init(draws: 24))
            .predict(answers)
        #expect(guessed.probabilityRange.upperBound - guessed.probabilityRange.lowerBound > 0.1, "\(guessed.probabilityRange)")
        #expect(guessed.probabilityRange.contains(guessed.probabilityOfPassing))
    }

    @Test("a domain with no answers is shrunk toward the population, not copied from the drilled domain")
    func domainsDiffer() {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [20, 20], passProportion: 0.6)
        // Every domain-0 item answered right; nothing answered in domain 1.
        let answers = bank.indices.filter { bank[$0].domain == 0 }.map { (item: $0, correct: true) }
        let flat = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0, draws: 1)).predict(answers)
        let twoLevel = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0.5, draws: 1))
            .predict(answers)
        #expect(abs(flat.domains[0].ability.theta - flat.domains[1].ability.theta) < 1e-9)
        #expect(twoLevel.domains[1].ability.theta < twoLevel.domains[0].ability.theta - 0.5)
        #expect(twoLevel.domains[1].ability.standardError > twoLevel.domains[0].ability.standardError)
        #expect(twoLevel.probabilityOfPassing < flat.probabilityOfPassing)
        #expect(twoLevel.domains[0].responses == answers.count && twoLevel.domains[1].responses == 0)
    }

    /// Answers from practice aimed at one domain (a learner drilling their weak spot) inform that domain only: they
    /// move neither general ability nor the other domain's prediction, but still move their own domain. Fails if the
    /// cut is dropped (then every domain-0 miss drags domain 1 down, as the last check shows) or if the marked answers
    /// are ignored altogether.
    @Test("answers marked as inform-own-domain-only move their domain, not general ability or the other domains")
    func chosenDomainAnswersStayInTheirDomain() {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [20, 20], passProportion: 0.6)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0.5, draws: 1))
        let domain0 = bank.indices.filter { bank[$0].domain == 0 }
        let domain1 = bank.indices.filter { bank[$0].domain == 1 }
        // A fair sample: some answers in each domain, half right. Then a drill of 40 domain-0 misses.
        let fair = (domain0.prefix(6) + domain1.prefix(6)).enumerated().map { (item: $0.element, correct: $0.offset % 2 == 0) }
        let drill = domain0.dropFirst(6).prefix(40).map { (item: $0, correct: false) }
        let base = predictor.predict(fair)
        let cut = predictor.predict(fair + drill, ownDomainOnly: Set(fair.count..<(fair.count + drill.count)))
        let pooled = predictor.predict(fair + drill)
        #expect(abs(cut.ability.theta - base.ability.theta) < 1e-9, "general ability \(cut.ability.theta) vs \(base.ability.theta)")
        #expect(abs(cut.domains[1].ability.theta - base.domains[1].ability.theta) < 1e-9)
        #expect(cut.domains[0].ability.theta < base.domains[0].ability.theta - 0.3, "the drill still counts for its own domain")
        #expect(cut.domains[0].responses == 46)
        #expect(pooled.domains[1].ability.theta < cut.domains[1].ability.theta - 0.1, "without the cut the drill drags domain 1 down")
    }

    /// Fails if `expectedRange` is a fixed band, ignores the answers, or leaves out the expected proportion.
    @Test("a domain's expected-score range holds its expectation and narrows as that domain gets answers")
    func domainRangeNarrows() {
        let bank = Self.bank()
        let form = ExamFormSpecification(seats: [20, 20], passProportion: 0.6)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0.5, draws: 1))
        let domain0 = bank.indices.filter { bank[$0].domain == 0 }
        // Alternating right and wrong answers on 4 and then on 60 domain-0 items.
        let few = predictor.predict(domain0.prefix(4).enumerated().map { (item: $0.element, correct: $0.offset % 2 == 0) })
        let many = predictor.predict(domain0.prefix(60).enumerated().map { (item: $0.element, correct: $0.offset % 2 == 0) })
        for prediction in [few, many] {
            for domain in prediction.domains {
                #expect(domain.expectedRange.contains(domain.expectedProportion))
                #expect(domain.expectedRange.lowerBound >= 0 && domain.expectedRange.upperBound <= 1)
                #expect(domain.expectedRange.upperBound - domain.expectedRange.lowerBound > 0.01)
            }
        }
        let width = { (p: ReadinessPrediction, d: Int) in p.domains[d].expectedRange.upperBound - p.domains[d].expectedRange.lowerBound }
        #expect(width(many, 0) < 0.6 * width(few, 0))
        // The unanswered domain stays wider than the well-answered one.
        #expect(width(many, 1) > width(many, 0))
    }

    @Test("on its own assumptions the predictor is calibrated (a numerical check; the validation is the misspecified study)")
    func wellSpecified() {
        let bank = Self.bank(count: 150, seed: 7)
        let form = ExamFormSpecification(seats: [30, 15], passProportion: 0.62)
        let predictor = ReadinessPredictor(items: bank, domainCount: 2, form: form, configuration: .init(domainSpread: 0, draws: 1))
        var rng = SeededGenerator(seed: 8)
        var stated = 0.0
        var passed = 0.0
        var brier = 0.0
        let learners = 1500
        for _ in 0..<learners {
            let theta = rng.nextStandardNormal()
            let answers = (0..<25).map { _ -> (item: Int, correct: Bool) in
                let i = Int(rng.next() % UInt64(bank.count))
                return (i, IRTSimulation.answer(bank[i].parameters.mean, theta: theta, using: &rng))
            }
            let p = predictor.predict(answers).probabilityOfPassing
            let pass = Self.simulatedPassRate(bank: bank, form: form, sittings: 1, seed: rng.next()) { _ in theta } == 1
            stated += p
            passed += pass ? 1 : 0
            brier += (p - (pass ? 1 : 0)) * (p - (pass ? 1 : 0))
        }
        let base = passed / Double(learners)
        #expect(abs(stated - passed) / Double(learners) < 0.03, "mean stated \(stated / Double(learners)), observed \(base)")
        #expect(brier / Double(learners) < 0.8 * base * (1 - base))
    }
}

extension SeededGenerator {
    /// A standard normal draw (Box–Muller), for the tests.
    mutating func nextStandardNormal() -> Double { IRTSimulation.normal(using: &self) }
}
