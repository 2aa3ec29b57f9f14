import Foundation
import MLCertCore
import Psychometrics

/// The `mlcert simulate readiness` study: do stated pass probabilities match observed pass rates for simulated
/// learners of known ability who answer a few items each?
public struct ReadinessStudy: Sendable {
    public var learners = 4000
    public var itemsPerLearner = 12
    public var bankSize = 200
    /// Pass mark as the proportion correct expected on the bank, turned into an ability cut through the test
    /// characteristic curve.
    public var passProportion = 0.7
    public var credibleLevel = 0.9
    public var seed: UInt64 = 11

    public init() {}

    public var invalidParameters: String? {
        guard learners > 0, itemsPerLearner > 0, bankSize >= itemsPerLearner, (0..<1).contains(passProportion), credibleLevel > 0.5 && credibleLevel < 1 else {
            return "need learners > 0, 0 < items-per-learner <= bank-size, 0 <= pass-proportion < 1, 0.5 < credible-level < 1"
        }
        return nil
    }

    public struct Report: Codable, Sendable {
        public struct Bin: Codable, Sendable {
            public let count: Int
            public let meanPredicted: Double
            public let observedRate: Double
            enum CodingKeys: String, CodingKey {
                case count
                case meanPredicted = "mean_predicted"
                case observedRate = "observed_rate"
            }
        }
        public let learners: Int
        public let itemsPerLearner: Int
        public let cutTheta: Double
        public let brierScore: Double
        public let baseRateBrierScore: Double
        public let expectedCalibrationError: Double
        public let likelyPassShare: Double
        public let likelyPassCorrect: Double
        public let likelyFailShare: Double
        public let likelyFailCorrect: Double
        public let bins: [Bin]
        enum CodingKeys: String, CodingKey {
            case learners, bins
            case itemsPerLearner = "items_per_learner"
            case cutTheta = "cut_theta"
            case brierScore = "brier_score"
            case baseRateBrierScore = "base_rate_brier_score"
            case expectedCalibrationError = "expected_calibration_error"
            case likelyPassShare = "likely_pass_share"
            case likelyPassCorrect = "likely_pass_correct"
            case likelyFailShare = "likely_fail_share"
            case likelyFailCorrect = "likely_fail_correct"
        }
    }

    /// Runs the study; throws when the pass mark cannot be reached on the generated bank.
    public func run() throws -> Report {
        var rng = SeededGenerator(seed: seed)
        let bank = IRTSimulation.items(count: bankSize, model: .threePL, using: &rng)
        let cut = try ReadinessModel.cut(forProportionCorrect: passProportion, items: bank)
        let r = ReadinessModel(cut: cut, credibleLevel: credibleLevel)
            .simulateCalibration(bank: bank, learners: learners, itemsPerLearner: itemsPerLearner, using: &rng)
        return Report(learners: learners, itemsPerLearner: itemsPerLearner, cutTheta: cut, brierScore: r.brierScore,
            baseRateBrierScore: r.baseRateBrierScore, expectedCalibrationError: r.expectedCalibrationError,
            likelyPassShare: r.likelyPassShare, likelyPassCorrect: r.likelyPassCorrect, likelyFailShare: r.likelyFailShare,
            likelyFailCorrect: r.likelyFailCorrect,
            bins: r.bins.map { Report.Bin(count: $0.count, meanPredicted: $0.meanPredicted, observedRate: $0.observedRate) })
    }

    public func renderText(_ r: Report) -> String {
        var table = TextTable(headers: ["STATED P(PASS)", "LEARNERS", "OBSERVED PASS RATE"])
        for bin in r.bins where bin.count > 0 {
            table.rows.append([String(format: "%.3f", bin.meanPredicted), "\(bin.count)", String(format: "%.3f", bin.observedRate)])
        }
        return """
            Readiness calibration: \(learners) learners, \(itemsPerLearner) items each from a \(bankSize)-item 3PL bank; pass at \(Int(passProportion * 100))% expected correct (theta \(String(format: "%.3f", r.cutTheta))), seed \(seed)
            \(table.render())
            Brier score \(String(format: "%.4f", r.brierScore)) (base rate alone: \(String(format: "%.4f", r.baseRateBrierScore))); expected calibration error \(String(format: "%.4f", r.expectedCalibrationError))
            "likely pass" for \(String(format: "%.1f", r.likelyPassShare * 100))% of learners, right \(String(format: "%.1f", r.likelyPassCorrect * 100))% of the time; "likely fail" for \(String(format: "%.1f", r.likelyFailShare * 100))%, right \(String(format: "%.1f", r.likelyFailCorrect * 100))%; the rest: not enough evidence yet
            """
    }
}
