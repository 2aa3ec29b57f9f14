import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// `mlcert simulate readiness`: does "probability of passing" mean what it says when the truth is not what the scorer
/// assumes?
///
/// Simulated learners practise on a real credential's bank with mlcert's own session rules (`PracticeSimulator`),
/// their readiness is computed exactly as the service computes it (`ReadinessEstimator` over `LearnerHistory`), and
/// each then sits a real exam: a form of the exam's length and blueprint drawn from questions they never saw, answered
/// from the truth (`SimulationTruth`: item parameters off the authors' estimates, correlated domain abilities, learners
/// who memorise keys). The stated probabilities are compared with who passed, twice: on the authors' estimates (before
/// calibration) and after calibrating the bank (`BankCalibration`, as `mlcert calibrate --apply` does) on a separate
/// cohort's first attempts. A third line scores every answer, repeats after the key included (the old rule), to show
/// what counting memorised answers does.
public struct ReadinessValidationStudy: Sendable {
    public var learners = 2000
    /// Learners in the separate cohort whose first attempts calibrate the bank.
    public var calibrationLearners = 2000
    public var seed: UInt64 = 11
    public var truth = SimulationTruth()
    /// Bins of stated probability for the calibration error and the reliability diagram.
    public var bins = 10

    public let credential: Credential
    public let blueprint: Blueprint
    public let format: ExamFormat
    public let items: [Item]

    public init(credential: Credential, blueprint: Blueprint, format: ExamFormat, items: [Item]) {
        self.credential = credential
        self.blueprint = blueprint
        self.format = format
        self.items = items
    }

    /// Why the settings cannot run, or nil.
    public var invalidParameters: String? {
        guard learners >= 100, calibrationLearners >= 100, bins >= 2 else { return "need at least 100 learners in each cohort and 2 bins" }
        guard !items.isEmpty else { return "the bank has no items for \(credential.id)" }
        return nil
    }

    /// The targets the issue sets: after calibration ECE at most 0.04 and confident verdicts wrong at most 5% of the
    /// time; before calibration confident verdicts wrong at most 5% (by being cautious).
    public static let maximumCalibrationError = 0.04
    public static let maximumWrongVerdicts = 0.05

    public func run() async throws -> ReadinessValidationReport {
        var rng = SeededGenerator(seed: seed)
        let trueParameters = truth.parameters(of: items, using: &rng)
        let simulator = PracticeSimulator(credentialID: credential.id, blueprint: blueprint, format: format, items: items, truth: trueParameters,
            memory: truth.memory)
        let start = Date(timeIntervalSince1970: 1_800_000_000)

        // The calibration cohort: practice only; its first attempts calibrate the bank.
        var calibrationHistories: [LearnerHistory] = []
        for k in 0..<calibrationLearners {
            var learnerRNG = SeededGenerator(seed: rng.next())
            let abilities = truth.abilities(domains: blueprint.domains.count, using: &learnerRNG)
            calibrationHistories.append(LearnerHistory(simulator.practise(learnerID: "c\(k)", abilities: abilities, start: start, using: &learnerRNG)))
        }
        let responses = BankCalibration.Responses(histories: calibrationHistories, credentialID: credential.id, items: items)
        let set = await BankCalibration().calibrate(responses, previous: nil, at: start).numbered(1)

        let before = try ReadinessEstimator(format: format, blueprint: blueprint, bank: items, parameters: .authorEstimates)
        let after = try ReadinessEstimator(format: format, blueprint: blueprint, bank: items, parameters: BankParameters(set: set))
        var outcomes: [Bool] = []
        var stated: [[(p: Double, outcome: ReadinessOutcome)]] = [[], [], []]
        var firstAttempts = 0
        var repeats = 0
        var toppedUp = 0
        let exam = RealExam(blueprint: blueprint, format: format, items: items, trueParameters: trueParameters)
        for k in 0..<learners {
            var learnerRNG = SeededGenerator(seed: rng.next())
            let abilities = truth.abilities(domains: blueprint.domains.count, using: &learnerRNG)
            let history = LearnerHistory(simulator.practise(learnerID: "e\(k)", abilities: abilities, start: start, using: &learnerRNG))
            let now = (history.sessions.last?.lastActivity ?? start).addingTimeInterval(3600)
            let sitting = exam.sit(lastSeen: history.lastPresentedAt, abilities: abilities, using: &learnerRNG)
            outcomes.append(sitting.passed)
            toppedUp += sitting.toppedUp
            let b = before.estimate(history, at: now)
            let a = after.estimate(history, at: now)
            stated[0].append((b.probabilityOfPassing, b.outcome))
            stated[1].append((a.probabilityOfPassing, a.outcome))
            // The old rule: the latest answer to each item counts, repeats after the key included.
            let revealed = history.revealed.filter { $0.credentialID == credential.id }
            var latest: [String: LearnerHistory.Entry] = [:]
            for entry in revealed { latest[entry.answer.itemID] = entry }
            let naive = after.estimate(evidence: Array(latest.values), revealedCount: revealed.count, at: now,
                chosenDomainSessions: after.chosenDomainSessions(history))
            stated[2].append((naive.probabilityOfPassing, naive.outcome))
            firstAttempts += a.evidence.firstAttempts
            repeats += a.evidence.repeatsLeftOut
        }
        let names = ["author_estimates", "calibrated", "calibrated_every_answer"]
        let descriptions = [
            "before calibration: authors' estimates with wide spreads, first attempts only",
            "after calibration on \(calibrationLearners) other learners' first attempts (first attempts only)",
            "after calibration, but counting the latest answer to each question, repeats after the key included (the old rule)",
        ]
        let conditions = (0..<3).map { c in
            ReadinessValidationReport.Condition(name: names[c], description: descriptions[c], stated: stated[c], passed: outcomes, bins: bins)
        }
        let inUse = set.items.filter(\.inUse)
        let truthByID = Dictionary(uniqueKeysWithValues: zip(items.map(\.id), trueParameters))
        return ReadinessValidationReport(
            credential: credential.id, blueprint: blueprint.version, bankSize: items.count, learners: learners, calibrationLearners: calibrationLearners,
            seed: seed, truth: truth, questions: before.form.questionCount, passCount: before.form.passCount, passMark: format.passMark.proportion,
            passRate: Double(outcomes.filter { $0 }.count) / Double(learners),
            meanFirstAttempts: Double(firstAttempts) / Double(learners), meanRepeatsLeftOut: Double(repeats) / Double(learners),
            toppedUpQuestions: toppedUp, calibration: .init(learners: set.learners, responses: set.responses, itemsInUse: inUse.count,
                converged: set.converged,
                difficultyCorrelation: Self.correlation(inUse.map(\.parameters.b), inUse.map { truthByID[$0.itemID]!.b }),
                authorDifficultyCorrelation: Self.correlation(items.map { ItemPriors.parameters(for: $0).b }, trueParameters.map(\.b))),
            conditions: conditions)
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count > 2 else { return .nan }
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
