import Foundation
import MLCertCore
import Psychometrics

/// What `ReadinessValidationStudy` found; `mlcert simulate readiness --format json` prints it.
public struct ReadinessValidationReport: Codable, Sendable {
    /// Stated probabilities against outcomes under one way of scoring.
    public struct Condition: Codable, Sendable {
        public struct Bin: Codable, Sendable {
            /// The bin's range of stated probability.
            public let low: Double
            public let high: Double
            public let count: Int
            public let meanStated: Double
            public let observedPassRate: Double
        }

        /// How often a verdict was given, and how often it was wrong.
        public struct Verdicts: Codable, Sendable {
            public let count: Int
            public let share: Double
            /// Wrong verdicts over verdicts given; nil when none was given (no verdict, no error rate).
            public let wrongRate: Double?
        }

        public let name: String
        public let description: String
        /// Count-weighted mean |mean stated − observed pass rate| over the bins.
        public let expectedCalibrationError: Double
        public let brierScore: Double
        /// Brier score of stating the observed pass rate to everyone.
        public let baseRateBrierScore: Double
        public let likelyPass: Verdicts
        public let likelyFail: Verdicts
        /// Wrong verdicts over all "likely pass" and "likely fail" verdicts.
        public let confidentWrongRate: Double?
        public let meanStated: Double
        public let bins: [Bin]

        public init(name: String, description: String, stated: [(p: Double, outcome: ReadinessOutcome)], passed: [Bool], bins binCount: Int) {
            self.name = name
            self.description = description
            let n = Double(stated.count)
            var sums = [Double](repeating: 0, count: binCount)
            var passes = [Int](repeating: 0, count: binCount)
            var counts = [Int](repeating: 0, count: binCount)
            var brier = 0.0
            var verdicts: [ReadinessOutcome: (n: Int, wrong: Int)] = [:]
            for ((p, outcome), pass) in zip(stated, passed) {
                let b = min(Int(p * Double(binCount)), binCount - 1)
                counts[b] += 1
                sums[b] += p
                if pass { passes[b] += 1 }
                brier += (p - (pass ? 1 : 0)) * (p - (pass ? 1 : 0))
                let wrong = (outcome == .likelyPass && !pass) || (outcome == .likelyFail && pass)
                verdicts[outcome, default: (0, 0)].n += 1
                if wrong { verdicts[outcome]!.wrong += 1 }
            }
            let base = Double(passed.filter { $0 }.count) / n
            self.bins = (0..<binCount).filter { counts[$0] > 0 }.map { k in
                Bin(low: Double(k) / Double(binCount), high: Double(k + 1) / Double(binCount), count: counts[k], meanStated: sums[k] / Double(counts[k]),
                    observedPassRate: Double(passes[k]) / Double(counts[k]))
            }
            expectedCalibrationError = self.bins.reduce(0) { $0 + Double($1.count) / n * abs($1.meanStated - $1.observedPassRate) }
            brierScore = brier / n
            baseRateBrierScore = base * (1 - base)
            func summary(_ o: ReadinessOutcome) -> Verdicts {
                let v = verdicts[o] ?? (0, 0)
                return Verdicts(count: v.n, share: Double(v.n) / n, wrongRate: v.n == 0 ? nil : Double(v.wrong) / Double(v.n))
            }
            likelyPass = summary(.likelyPass)
            likelyFail = summary(.likelyFail)
            let confident = likelyPass.count + likelyFail.count
            let wrong = (verdicts[.likelyPass]?.wrong ?? 0) + (verdicts[.likelyFail]?.wrong ?? 0)
            confidentWrongRate = confident == 0 ? nil : Double(wrong) / Double(confident)
            meanStated = stated.reduce(0) { $0 + $1.p } / n
        }
    }

    /// How the calibration cohort's answers calibrated the bank.
    public struct Calibration: Codable, Sendable {
        public let learners: Int
        public let responses: Int
        public let itemsInUse: Int
        public let converged: Bool
        /// Correlation of calibrated b (items in use) with the true b, and of the authors' b with the true b.
        public let difficultyCorrelation: Double
        public let authorDifficultyCorrelation: Double
    }

    public let credential: String
    public let blueprint: String
    public let bankSize: Int
    public let learners: Int
    public let calibrationLearners: Int
    public let seed: UInt64
    public let truth: SimulationTruth
    /// The real exam: questions, the number right that passes, and the pass mark.
    public let questions: Int
    public let passCount: Int
    public let passMark: Double
    /// Share of the evaluation cohort who passed their real exam.
    public let passRate: Double
    public let meanFirstAttempts: Double
    public let meanRepeatsLeftOut: Double
    /// Real-exam questions that had to come from questions the learner had seen (a domain ran out of fresh ones).
    public let toppedUpQuestions: Int
    public let calibration: Calibration
    public let conditions: [Condition]

    /// Whether the study met the issue's targets: after calibration ECE ≤ 0.04 and confident verdicts wrong ≤ 5%;
    /// before calibration confident verdicts wrong ≤ 5%.
    public var targetsMet: Bool {
        guard conditions.count >= 2 else { return false }
        let before = conditions[0]
        let after = conditions[1]
        return after.expectedCalibrationError <= ReadinessValidationStudy.maximumCalibrationError
            && (after.confidentWrongRate ?? 0) <= ReadinessValidationStudy.maximumWrongVerdicts
            && (before.confidentWrongRate ?? 0) <= ReadinessValidationStudy.maximumWrongVerdicts
    }
}

extension ReadinessValidationReport {
    public func renderText() -> String {
        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        func rate(_ x: Double?) -> String { x.map { f($0 * 100, 1) + "%" } ?? "—" }
        var out = [
            "Readiness validation on \(credential) (\(blueprint)): \(bankSize)-item bank, \(learners) learners scored, \(calibrationLearners) calibrating, seed \(seed)",
            "Truth the scorer does not share: b = author b + \(f(truth.difficultyBias, 2)) + N(0, \(f(truth.difficultySD, 2))²); log a ~ N(\(f(truth.logDiscriminationMean, 2)), "
                + "\(f(truth.logDiscriminationSD, 2))²); c = author c + U(0, \(f(truth.guessingExtra, 2))); domain abilities N(\(f(truth.populationMean, 2)), 1) correlated "
                + "\(f(truth.domainCorrelation, 2)); a seen key is remembered with probability \(f(truth.memory, 2)).",
            "Real exam: \(questions) questions by the blueprint, pass at \(passCount) right (\(Int((passMark * 100).rounded()))%), drawn from questions the "
                + "learner never saw (\(toppedUpQuestions) topped up from seen ones); \(f(passRate * 100, 1))% passed.",
            "Evidence per learner: \(f(meanFirstAttempts, 1)) first attempts counted, \(f(meanRepeatsLeftOut, 1)) repeats left out.",
            "Calibration: \(calibration.learners) learners, \(calibration.responses) first attempts, \(calibration.itemsInUse) of \(bankSize) items in use, "
                + "\(calibration.converged ? "converged" : "NOT converged"); correlation of b with the truth \(f(calibration.difficultyCorrelation, 2)) "
                + "(authors' estimates: \(f(calibration.authorDifficultyCorrelation, 2))).",
            "",
        ]
        var table = TextTable(headers: ["SCORING", "ECE", "BRIER", "BASE RATE", "LIKELY PASS (WRONG)", "LIKELY FAIL (WRONG)", "CONFIDENT WRONG"])
        for c in conditions {
            table.rows.append([c.name, f(c.expectedCalibrationError), f(c.brierScore), f(c.baseRateBrierScore),
                "\(f(c.likelyPass.share * 100, 1))% (\(rate(c.likelyPass.wrongRate)))", "\(f(c.likelyFail.share * 100, 1))% (\(rate(c.likelyFail.wrongRate)))",
                rate(c.confidentWrongRate)])
        }
        out.append(table.render())
        for c in conditions {
            out.append("")
            out.append("\(c.name): \(c.description)")
            var bins = TextTable(headers: ["STATED", "LEARNERS", "MEAN STATED", "PASSED"])
            for b in c.bins { bins.rows.append(["\(f(b.low, 1))-\(f(b.high, 1))", "\(b.count)", f(b.meanStated), f(b.observedPassRate)]) }
            out.append(bins.render())
        }
        out.append("")
        out.append("Targets (ECE ≤ \(ReadinessValidationStudy.maximumCalibrationError) after calibration; confident verdicts wrong ≤ "
            + "\(Int(ReadinessValidationStudy.maximumWrongVerdicts * 100))% before and after): \(targetsMet ? "met" : "NOT met")")
        return out.joined(separator: "\n")
    }
}
