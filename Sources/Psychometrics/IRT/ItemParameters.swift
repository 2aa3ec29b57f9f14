/// Which item response model: how many parameters each item has.
public enum IRTModel: String, Sendable, Codable, CaseIterable {
    /// One parameter (difficulty); every discrimination is 1 and there is no guessing. Scores are sufficient statistics.
    case rasch
    /// Difficulty and discrimination.
    case twoPL
    /// Difficulty, discrimination and a lower asymptote for guessing, the usual model for multiple-choice items.
    case threePL
}

/// One item's parameters in the logistic model `P(θ) = c + (1 − c) / (1 + exp(−a(θ − b)))` (no 1.7 scaling).
///
/// `a` is discrimination (slope), `b` difficulty (the θ where the curve is halfway between `c` and 1), `c` the
/// pseudo-guessing lower asymptote. The Rasch model is `a = 1, c = 0`; 2PL is `c = 0`.
public struct ItemParameters: Hashable, Sendable, Codable {
    /// Discrimination: how sharply the probability rises around `b`.
    public var a: Double
    /// Difficulty on the θ scale.
    public var b: Double
    /// Lower asymptote: the chance a learner with no knowledge gets it right.
    public var c: Double

    /// Creates an item; the defaults make a Rasch item of difficulty `b`.
    public init(a: Double = 1, b: Double, c: Double = 0) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// Probability of a correct answer at ability `theta`.
    public func probability(_ theta: Double) -> Double {
        c + (1 - c) * logistic(a * (theta - b))
    }

    /// Fisher information at `theta`: how much one response here narrows the ability estimate; the CAT picks items
    /// where it is largest. `a²·(P − c)²/(1 − c)²·(1 − P)/P`.
    public func information(_ theta: Double) -> Double {
        let p = probability(theta)
        let pc = p - c
        return a * a * pc * pc / ((1 - c) * (1 - c)) * (1 - p) / p
    }
}

/// The expected score on a set of items at `theta`: the test characteristic curve, summed over `items`.
public func expectedScore(_ items: [ItemParameters], theta: Double) -> Double {
    var s = 0.0
    for item in items { s += item.probability(theta) }
    return s
}

/// Test information at `theta`: the sum of item informations; its inverse square root is the standard error of θ.
public func testInformation(_ items: [ItemParameters], theta: Double) -> Double {
    var s = 0.0
    for item in items { s += item.information(theta) }
    return s
}
