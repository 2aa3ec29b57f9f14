/// Evidence that stated pass probabilities mean what they say: simulate learners of known ability, bin the stated
/// probabilities and compare each bin with the observed pass rate.
public struct ReadinessCalibrationReport: Hashable, Sendable {
    /// One probability bin.
    public struct Bin: Hashable, Sendable {
        /// Learners whose stated probability fell in this bin.
        public var count: Int
        /// Their mean stated probability of passing.
        public var meanPredicted: Double
        /// The fraction of them whose true ability is at or above the cut.
        public var observedRate: Double
    }

    /// Non-empty probability bins, ascending.
    public var bins: [Bin]
    /// Mean squared difference between stated probability and the 0/1 truth; lower is better.
    public var brierScore: Double
    /// Brier score of always stating the base rate, for comparison (a useful model beats it clearly).
    public var baseRateBrierScore: Double
    /// Count-weighted mean |stated − observed| over bins (expected calibration error).
    public var expectedCalibrationError: Double
    /// Share of learners told "likely pass".
    public var likelyPassShare: Double
    /// How often "likely pass" was right.
    public var likelyPassCorrect: Double
    /// Share of learners told "likely fail".
    public var likelyFailShare: Double
    /// How often "likely fail" was right.
    public var likelyFailCorrect: Double
}

extension ReadinessModel {
    /// Simulates `learners` people with θ ~ N(0, 1) who each answer `itemsPerLearner` items drawn at random from
    /// `bank`, and reports how well the stated probabilities of passing are calibrated.
    public func simulateCalibration<G: RandomNumberGenerator>(
        bank: [ItemParameters], learners: Int, itemsPerLearner: Int, bins binCount: Int = 10, using generator: inout G
    ) -> ReadinessCalibrationReport {
        precondition(itemsPerLearner <= bank.count)
        var sums = [Double](repeating: 0, count: binCount)
        var passes = [Int](repeating: 0, count: binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var brier = 0.0
        var totalPass = 0
        var verdicts: [ReadinessOutcome: (n: Int, right: Int)] = [:]
        var order = Array(bank.indices)
        for _ in 0..<learners {
            let theta = generator.nextNormal()
            let passed = theta >= cut
            // Partial Fisher–Yates: the first itemsPerLearner entries are a uniform random subset.
            for k in 0..<itemsPerLearner {
                let j = k + Int(generator.next() % UInt64(order.count - k))
                order.swapAt(k, j)
            }
            var posterior = AbilityPosterior()
            for k in 0..<itemsPerLearner {
                let item = bank[order[k]]
                posterior.update(item, correct: generator.nextUnit() < item.probability(theta))
            }
            let verdict = assess(posterior)
            let p = verdict.probabilityOfPassing
            let b = min(Int(p * Double(binCount)), binCount - 1)
            counts[b] += 1
            sums[b] += p
            if passed {
                passes[b] += 1
                totalPass += 1
            }
            brier += (p - (passed ? 1 : 0)) * (p - (passed ? 1 : 0))
            let right = (verdict.outcome == .likelyPass && passed) || (verdict.outcome == .likelyFail && !passed)
            verdicts[verdict.outcome, default: (0, 0)].n += 1
            if right { verdicts[verdict.outcome]!.right += 1 }
        }
        let n = Double(learners)
        let base = Double(totalPass) / n
        var bins: [ReadinessCalibrationReport.Bin] = []
        var ece = 0.0
        for k in 0..<binCount where counts[k] > 0 {
            let bin = ReadinessCalibrationReport.Bin(
                count: counts[k], meanPredicted: sums[k] / Double(counts[k]), observedRate: Double(passes[k]) / Double(counts[k]))
            ece += Double(counts[k]) / n * abs(bin.meanPredicted - bin.observedRate)
            bins.append(bin)
        }
        func share(_ o: ReadinessOutcome) -> (Double, Double) {
            guard let v = verdicts[o], v.n > 0 else { return (0, 1) }
            return (Double(v.n) / n, Double(v.right) / Double(v.n))
        }
        let (ps, pc) = share(.likelyPass)
        let (fs, fc) = share(.likelyFail)
        return ReadinessCalibrationReport(
            bins: bins, brierScore: brier / n, baseRateBrierScore: base * (1 - base), expectedCalibrationError: ece,
            likelyPassShare: ps, likelyPassCorrect: pc, likelyFailShare: fs, likelyFailCorrect: fc)
    }
}
