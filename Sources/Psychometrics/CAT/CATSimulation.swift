/// What a batch of simulated adaptive tests showed.
public struct CATSimulationReport: Hashable, Sendable {
    /// Simulated examinees.
    public var examinees: Int
    /// Mean number of items administered.
    public var meanLength: Double
    /// Root mean squared error of the final EAP against the true ability.
    public var abilityRMSE: Double
    /// Mean (EAP − true ability).
    public var bias: Double
    /// Mean final posterior SD.
    public var meanStandardError: Double
    /// Largest share of examinees who saw any one item.
    public var maxExposure: Double
    /// Mean share of examinees who saw an item (equals mean length / bank size).
    public var meanExposure: Double
    /// Share of bank items never administered.
    public var unusedItemShare: Double
    /// Exposure rate of each item.
    public var exposureRates: [Double]
    /// How many tests ended for each reason.
    public var stopReasons: [CATStopReason: Int]
    /// With a classification cut: share classified on the right side of it.
    public var classificationAccuracy: Double?
}

/// Monte Carlo evaluation of a CAT design: test length, precision and item exposure for a population of simulated
/// examinees whose answers follow the model.
public enum CATSimulation {
    /// Runs one adaptive test per entry of `abilities`.
    public static func run<G: RandomNumberGenerator>(
        bank: ItemBank, configuration: CATConfiguration, abilities: [Double], using generator: inout G
    ) -> CATSimulationReport {
        var exposure = [Int](repeating: 0, count: bank.count)
        var length = 0
        var se2 = 0.0
        var err2 = 0.0
        var bias = 0.0
        var seSum = 0.0
        var reasons: [CATStopReason: Int] = [:]
        var rightSide = 0
        for theta in abilities {
            var session = CATSession(bank: bank, configuration: configuration, tieBreakSeed: generator.next())
            while let item = session.selectNextItem(using: &generator) {
                session.record(item: item, correct: generator.nextUnit() < bank.items[item].probability(theta))
            }
            for i in session.administered { exposure[i] += 1 }
            length += session.administered.count
            let e = session.estimate
            err2 += (e.theta - theta) * (e.theta - theta)
            bias += e.theta - theta
            seSum += e.standardError
            se2 += e.standardError * e.standardError
            reasons[session.stopReason ?? .maxLength, default: 0] += 1
            if let cut = configuration.stopping.classificationCut, (e.theta >= cut) == (theta >= cut) { rightSide += 1 }
        }
        let n = Double(max(abilities.count, 1))
        let rates = exposure.map { Double($0) / n }
        return CATSimulationReport(
            examinees: abilities.count, meanLength: Double(length) / n, abilityRMSE: msqrt(err2 / n), bias: bias / n,
            meanStandardError: seSum / n, maxExposure: rates.max() ?? 0, meanExposure: rates.reduce(0, +) / Double(max(bank.count, 1)),
            unusedItemShare: Double(exposure.filter { $0 == 0 }.count) / Double(max(bank.count, 1)), exposureRates: rates,
            stopReasons: reasons, classificationAccuracy: configuration.stopping.classificationCut == nil ? nil : Double(rightSide) / n)
    }

    /// Sympson–Hetter exposure parameters by the usual iterative simulation: run `rounds` batches of tests and set
    /// `K_i = min(1, targetMaxExposure / P(selected_i))` from each batch's selection rates, so that no item is
    /// administered to more than about `targetMaxExposure` of examinees.
    public static func sympsonHetterParameters<G: RandomNumberGenerator>(
        bank: ItemBank, configuration: CATConfiguration, targetMaxExposure: Double, examinees: Int = 1000, rounds: Int = 8,
        using generator: inout G
    ) -> [Double] {
        var k = [Double](repeating: 1, count: bank.count)
        for _ in 0..<rounds {
            var selected = [Int](repeating: 0, count: bank.count)
            for _ in 0..<examinees {
                let theta = configuration.prior.mean + configuration.prior.sd * generator.nextNormal()
                // Count selections before the K filter by applying the filter here rather than in the session.
                var noFilter = configuration
                noFilter.sympsonHetter = nil
                var plain = CATSession(bank: bank, configuration: noFilter, tieBreakSeed: generator.next())
                while let item = plain.selectNextItem(using: &generator) {
                    selected[item] += 1
                    if generator.nextUnit() < k[item] {
                        let correct = generator.nextUnit() < bank.items[item].probability(theta)
                        plain.record(item: item, correct: correct)
                    } else {
                        plain.exclude(item)
                    }
                }
            }
            let n = Double(examinees)
            for i in 0..<bank.count {
                let ps = Double(selected[i]) / n
                k[i] = ps > targetMaxExposure ? targetMaxExposure / ps : 1
            }
        }
        return k
    }
}
