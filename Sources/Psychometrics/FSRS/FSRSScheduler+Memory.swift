/// The FSRS-6 memory model: how stability and difficulty move after each rating.
///
/// Each formula keeps py-fsrs's operation order (and `e ** x` computed as `pow(e, x)`, not `exp(x)`) so results agree
/// to the last bit, not just to a tolerance.
extension FSRSScheduler {
    static let minStability = 0.001
    static let minDifficulty = 1.0
    static let maxDifficulty = 10.0
    /// Python's `math.e`.
    static let e = 2.718281828459045

    var w: [Double] { parameters.weights }
    /// Negative decay of the power forgetting curve, w[20].
    var decay: Double { -w[20] }
    /// The factor that makes retrievability exactly 0.9 after `stability` days.
    var factor: Double { mpow(0.9, 1 / decay) - 1 }

    func clampDifficulty(_ d: Double) -> Double { min(max(d, Self.minDifficulty), Self.maxDifficulty) }
    func clampStability(_ s: Double) -> Double { max(s, Self.minStability) }

    func initialStability(_ rating: FSRSRating) -> Double { clampStability(w[rating.rawValue - 1]) }

    func initialDifficulty(_ rating: FSRSRating) -> Double {
        w[4] - mpow(Self.e, w[5] * Double(rating.rawValue - 1)) + 1
    }

    func shortTermStability(_ stability: Double, rating: FSRSRating) -> Double {
        var increase = mpow(Self.e, w[17] * (Double(rating.rawValue) - 3 + w[18])) * mpow(stability, -w[19])
        if rating != .again { increase = max(increase, 1.0) }
        return clampStability(stability * increase)
    }

    func nextDifficulty(_ difficulty: Double, rating: FSRSRating) -> Double {
        let easy = initialDifficulty(.easy)
        let delta = -(w[6] * (Double(rating.rawValue) - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return clampDifficulty(w[7] * easy + (1 - w[7]) * damped)
    }

    func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: FSRSRating) -> Double {
        let next: Double
        if rating == .again {
            let longTerm =
                w[11] * mpow(difficulty, -w[12]) * (mpow(stability + 1, w[13]) - 1) * mpow(Self.e, (1 - retrievability) * w[14])
            let shortTerm = stability / mpow(Self.e, w[17] * w[18])
            next = min(longTerm, shortTerm)
        } else {
            let hardPenalty = rating == .hard ? w[15] : 1
            let easyBonus = rating == .easy ? w[16] : 1
            next =
                stability
                * (1 + mpow(Self.e, w[8]) * (11 - difficulty) * mpow(stability, -w[9])
                    * (mpow(Self.e, (1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus)
        }
        return clampStability(next)
    }

    /// py-fsrs's interval fuzz: a uniform whole number of days in a band that widens with the interval.
    func fuzzedInterval<G: RandomNumberGenerator>(_ micros: Int64, using generator: inout G) -> Int64 {
        let days = Int(micros / FSRSTimestamp.microsecondsPerDay)
        guard Double(days) >= 2.5 else { return micros }
        var delta = 1.0
        for (start, end, f) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)] {
            delta += f * max(min(Double(days), end) - start, 0)
        }
        var minIvl = Int((Double(days) - delta).rounded(.toNearestOrEven))
        var maxIvl = Int((Double(days) + delta).rounded(.toNearestOrEven))
        minIvl = max(2, minIvl)
        maxIvl = min(maxIvl, maximumInterval)
        minIvl = min(minIvl, maxIvl)
        let u = generator.nextUnit()
        let fuzzed = min(Int((u * Double(maxIvl - minIvl + 1) + Double(minIvl)).rounded(.toNearestOrEven)), maximumInterval)
        return Int64(fuzzed) * FSRSTimestamp.microsecondsPerDay
    }
}
