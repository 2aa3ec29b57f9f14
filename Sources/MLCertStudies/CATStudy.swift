import Foundation
import MLCertCore
import Psychometrics

/// The `mlcert simulate cat` study: adaptive tests on a seeded 3PL bank whose items are spread over a blueprint's
/// domains in proportion to its weights, so that content balancing has something to balance.
public struct CATStudy: Sendable {
    public var bankSize = 1000
    public var examinees = 1000
    public var targetStandardError = 0.3
    public var minItems = 10
    public var maxItems = 60
    public var randomesque = 5
    /// Sympson-Hetter target maximum exposure; 0 turns it off.
    public var maxExposure = 0.25
    public var seed: UInt64 = 7

    public init() {}

    /// Why the parameters cannot run, or nil.
    public var invalidParameters: String? {
        guard bankSize >= maxItems, examinees > 0, minItems <= maxItems, (1...64).contains(randomesque), (0..<1).contains(maxExposure) else {
            return "need bank-size >= max-items, examinees > 0, min-items <= max-items, randomesque 1-64, 0 <= max-exposure < 1"
        }
        return nil
    }

    /// What the study reports; `--format json` prints it.
    public struct Report: Codable, Sendable {
        public let credential: String
        public let blueprint: String
        public let bankSize: Int
        public let examinees: Int
        public let meanLength: Double
        public let abilityRMSE: Double
        public let bias: Double
        public let meanStandardError: Double
        public let maxExposure: Double
        public let meanExposure: Double
        public let unusedItemShare: Double
        public let stopReasons: [String: Int]
        enum CodingKeys: String, CodingKey {
            case credential, blueprint, examinees, bias
            case bankSize = "bank_size"
            case meanLength = "mean_length"
            case abilityRMSE = "ability_rmse"
            case meanStandardError = "mean_standard_error"
            case maxExposure = "max_exposure"
            case meanExposure = "mean_exposure"
            case unusedItemShare = "unused_item_share"
            case stopReasons = "stop_reasons"
        }
    }

    public func run(credential: String, blueprint: Blueprint) -> Report {
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        var rng = SeededGenerator(seed: seed)
        let items = IRTSimulation.items(count: bankSize, model: .threePL, using: &rng)
        var domains: [Int] = []
        for (d, w) in weights.enumerated() { domains += Array(repeating: d, count: Int((w * Double(bankSize)).rounded())) }
        while domains.count < bankSize { domains.append(weights.indices.max { weights[$0] < weights[$1] }!) }
        let bank = ItemBank(items: items, domains: Array(domains.prefix(bankSize)))
        var configuration = CATConfiguration(blueprint: weights, randomesque: randomesque,
            stopping: CATStoppingRule(minItems: minItems, maxItems: maxItems, targetStandardError: targetStandardError))
        if maxExposure > 0 {
            configuration.sympsonHetter = CATSimulation.sympsonHetterParameters(
                bank: bank, configuration: configuration, targetMaxExposure: maxExposure, examinees: max(200, examinees / 2), using: &rng)
        }
        let abilities = IRTSimulation.abilities(count: examinees, using: &rng)
        let r = CATSimulation.run(bank: bank, configuration: configuration, abilities: abilities, using: &rng)
        return Report(credential: credential, blueprint: blueprint.version, bankSize: bankSize, examinees: examinees,
            meanLength: r.meanLength, abilityRMSE: r.abilityRMSE, bias: r.bias, meanStandardError: r.meanStandardError,
            maxExposure: r.maxExposure, meanExposure: r.meanExposure, unusedItemShare: r.unusedItemShare,
            stopReasons: Dictionary(uniqueKeysWithValues: r.stopReasons.map { ($0.key.rawValue, $0.value) }))
    }

    public func renderText(_ r: Report) -> String {
        """
        Adaptive test simulation: \(r.examinees) examinees, \(r.bankSize)-item 3PL bank balanced to \(r.credential) \(r.blueprint), seed \(seed)
          stopping: SE < \(targetStandardError), \(minItems)-\(maxItems) items; randomesque \(randomesque); Sympson-Hetter \(maxExposure > 0 ? "target \(maxExposure)" : "off")
          mean test length      \(String(format: "%.1f", r.meanLength)) items
          ability RMSE          \(String(format: "%.3f", r.abilityRMSE)) (bias \(String(format: "%+.3f", r.bias)), mean SE \(String(format: "%.3f", r.meanStandardError)))
          item exposure         max \(String(format: "%.3f", r.maxExposure)), mean \(String(format: "%.3f", r.meanExposure)), unused \(String(format: "%.1f", r.unusedItemShare * 100))% of the bank
          stop reasons          \(r.stopReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        """
    }
}
