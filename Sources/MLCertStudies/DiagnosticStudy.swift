import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// `mlcert simulate cat --bank content`: the adaptive diagnostic exactly as it ships (`DiagnosticSelector` on a real
/// credential's items with the parameters in use, its stopping rule and exposure control), taken by simulated
/// learners who have seen nothing yet, answering from a truth that is not the scorer's (`SimulationTruth`).
public struct DiagnosticStudy: Sendable {
    public var learners = 150
    public var seed: UInt64 = 7
    public var truth = SimulationTruth()

    public let credential: Credential
    public let blueprint: Blueprint
    public let format: ExamFormat
    public let items: [Item]
    public let parameters: BankParameters

    public init(credential: Credential, blueprint: Blueprint, format: ExamFormat, items: [Item], parameters: BankParameters = .authorEstimates) {
        self.credential = credential
        self.blueprint = blueprint
        self.format = format
        self.items = items
        self.parameters = parameters
    }

    /// What the study reports; `--format json` prints it.
    public struct Report: Codable, Sendable {
        public let credential: String
        public let blueprint: String
        public let bankSize: Int
        public let learners: Int
        public let seed: UInt64
        public let minItems: Int
        public let maxItems: Int
        public let targetStandardError: Double
        public let meanLength: Double
        public let lengths: [Int: Int]
        /// Mean posterior SD at the end, and the share of diagnostics that stopped because they reached the target.
        public let meanStandardError: Double
        public let reachedTarget: Double
        public let stopReasons: [String: Int]
        /// How many different questions opened a diagnostic, and the largest share any one opened.
        public let distinctFirstItems: Int
        public let maxFirstItemShare: Double
        /// Largest share of learners shown any one question, and the share of the bank never shown.
        public let maxExposure: Double
        public let unusedItemShare: Double
        public let abilityRMSE: Double
    }

    public func run() -> Report {
        var rng = SeededGenerator(seed: seed)
        let trueParameters = truth.parameters(of: items, using: &rng)
        let simulator = PracticeSimulator(credentialID: credential.id, blueprint: blueprint, format: format, items: items, truth: trueParameters,
            memory: truth.memory, parameters: parameters)
        var lengths: [Int: Int] = [:]
        var seSum = 0.0
        var reasons: [String: Int] = [:]
        var firsts: [String: Int] = [:]
        var exposure: [String: Int] = [:]
        var error2 = 0.0
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        for k in 0..<learners {
            var learnerRNG = SeededGenerator(seed: rng.next())
            let abilities = truth.abilities(domains: blueprint.domains.count, using: &learnerRNG)
            let run = PracticeSimulator.Run(learnerID: "d\(k)", abilities: abilities, clock: Date(timeIntervalSince1970: 1_800_000_000))
            let (session, stop, estimate) = simulator.diagnostic(run: run, using: &learnerRNG)
            let presented = session.state.items
            lengths[presented.count, default: 0] += 1
            seSum += estimate.standardError
            reasons[stop.rawValue, default: 0] += 1
            if let first = presented.first { firsts[first.itemID, default: 0] += 1 }
            for item in presented { exposure[item.itemID, default: 0] += 1 }
            // The blueprint-weighted true ability, against the estimate (its scale is the scorer's, so this is rough).
            let general = zip(weights, abilities).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
            error2 += (estimate.theta - general) * (estimate.theta - general)
        }
        let n = Double(learners)
        let meanLength = Double(lengths.reduce(0) { $0 + $1.key * $1.value }) / n
        return Report(
            credential: credential.id, blueprint: blueprint.version, bankSize: items.count, learners: learners, seed: seed,
            minItems: DiagnosticSelector.defaultMinItems, maxItems: DiagnosticSelector.defaultMaxItems,
            targetStandardError: DiagnosticSelector.defaultTargetStandardError, meanLength: meanLength, lengths: lengths, meanStandardError: seSum / n,
            reachedTarget: Double(reasons[CATStopReason.precisionReached.rawValue] ?? 0) / n, stopReasons: reasons, distinctFirstItems: firsts.count,
            maxFirstItemShare: Double(firsts.values.max() ?? 0) / n, maxExposure: Double(exposure.values.max() ?? 0) / n,
            unusedItemShare: Double(items.filter { exposure[$0.id] == nil }.count) / Double(max(items.count, 1)), abilityRMSE: (error2 / n).squareRoot())
    }

    public func renderText(_ r: Report) -> String {
        func f(_ x: Double, _ d: Int = 3) -> String { String(format: "%.\(d)f", x) }
        return """
            The diagnostic as shipped on \(r.credential) (\(r.blueprint), \(r.bankSize) items): \(r.learners) simulated learners, seed \(r.seed)
              stopping: posterior SD ≤ \(r.targetStandardError), \(r.minItems)-\(r.maxItems) questions; randomesque \(DiagnosticSelector.randomesque), random ties and opening domain
              mean length          \(f(r.meanLength, 1)) questions
              standard error       mean \(f(r.meanStandardError)) at the end; \(f(r.reachedTarget * 100, 1))% stopped on reaching the target
              stop reasons         \(r.stopReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
              first question       \(r.distinctFirstItems) different ones; the most common opened \(f(r.maxFirstItemShare * 100, 1))%
              exposure             max \(f(r.maxExposure)); \(f(r.unusedItemShare * 100, 1))% of the bank never shown
              ability RMSE         \(f(r.abilityRMSE)) against the blueprint-weighted true ability (scales differ: rough)
            """
    }
}
