/// Seeded generators of synthetic learners, items and responses, for parameter-recovery tests, CAT and readiness
/// simulations, and the benchmarks.
///
/// The item distributions are the conventional ones for a multiple-choice bank: a ~ LogNormal(0, 0.3),
/// b ~ N(0, 1), c ~ U(0.10, 0.25).
public enum IRTSimulation {
    /// A standard normal draw from `generator`.
    public static func normal<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextNormal()
    }

    /// `count` abilities from N(mean, sd²).
    public static func abilities<G: RandomNumberGenerator>(
        count: Int, mean: Double = 0, sd: Double = 1, using generator: inout G
    ) -> [Double] {
        (0..<count).map { _ in mean + sd * generator.nextNormal() }
    }

    /// `count` items of `model` from the conventional distributions.
    public static func items<G: RandomNumberGenerator>(count: Int, model: IRTModel, using generator: inout G) -> [ItemParameters] {
        (0..<count).map { _ in
            let a = mexp(0.3 * generator.nextNormal())
            let b = generator.nextNormal()
            let c = 0.10 + 0.15 * generator.nextUnit()
            switch model {
            case .rasch: return ItemParameters(a: 1, b: b, c: 0)
            case .twoPL: return ItemParameters(a: a, b: b, c: 0)
            case .threePL: return ItemParameters(a: a, b: b, c: c)
            }
        }
    }

    /// Responses of `abilities` to `items`; each (person, item) pair is answered with probability `answerRate`
    /// (1 gives a dense matrix, 0.3 the sparse case where each person sees about 30% of the bank).
    public static func responses<G: RandomNumberGenerator>(
        items: [ItemParameters], abilities: [Double], answerRate: Double = 1, using generator: inout G
    ) -> ResponseData {
        var triples: [(person: Int, item: Int, correct: Bool)] = []
        triples.reserveCapacity(Int(Double(items.count * abilities.count) * answerRate) + 16)
        for (p, theta) in abilities.enumerated() {
            for (i, item) in items.enumerated() {
                if answerRate < 1 && generator.nextUnit() >= answerRate { continue }
                triples.append((p, i, generator.nextUnit() < item.probability(theta)))
            }
        }
        return ResponseData(personCount: abilities.count, itemCount: items.count, responses: triples)
    }

    /// Whether a learner of ability `theta` answers `item` correctly, drawn from the model.
    public static func answer<G: RandomNumberGenerator>(_ item: ItemParameters, theta: Double, using generator: inout G) -> Bool {
        generator.nextUnit() < item.probability(theta)
    }
}
