import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import Psychometrics

/// `mlcert simulate ...`: simulation studies of the adaptive test and of the readiness estimate, on seeded banks.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Simulation studies: adaptive testing (cat) and readiness calibration (readiness).",
        subcommands: [CAT.self, Readiness.self])

    struct CAT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate adaptive tests on a generated bank: test length, ability RMSE, item exposure.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Credential whose current blueprint weights balance the content (items are spread over its domains).") var cert: String = "google-pmle"
        @Option(help: "Items in the simulated 3PL bank.") var bankSize: Int = 1000
        @Option(help: "Simulated examinees, abilities N(0, 1).") var examinees: Int = 1000
        @Option(help: "Standard error at which the test stops.") var targetSe: Double = 0.3
        @Option(help: "Fewest items.") var minItems: Int = 10
        @Option(help: "Most items.") var maxItems: Int = 60
        @Option(help: "Randomesque exposure control: pick at random among the k most informative items.") var randomesque: Int = 5
        @Option(help: "Sympson-Hetter target maximum exposure rate (0 turns it off).") var maxExposure: Double = 0.25
        @Option(help: "Random seed.") var seed: UInt64 = 7
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        struct Report: Codable {
            let credential: String
            let bankSize: Int
            let examinees: Int
            let meanLength: Double
            let abilityRMSE: Double
            let bias: Double
            let meanStandardError: Double
            let maxExposure: Double
            let meanExposure: Double
            let unusedItemShare: Double
            let stopReasons: [String: Int]
            enum CodingKeys: String, CodingKey {
                case credential, examinees, bias
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

        func run() async throws {
            guard bankSize >= maxItems, examinees > 0, minItems <= maxItems, (1...64).contains(randomesque), (0..<1).contains(maxExposure) else {
                throw ValidationFailure(message: "need bank-size >= max-items, examinees > 0, min-items <= max-items, randomesque 1-64, 0 <= max-exposure < 1")
            }
            let catalog = try contentOptions.loadContent().catalog
            let blueprint: Blueprint
            do {
                guard let current = try catalog.requireCredential(cert).currentBlueprint else { throw CatalogError.noCurrentBlueprint(cert) }
                blueprint = current
            } catch { throw ValidationFailure(message: "error: \(error)") }
            let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
            var rng = SeededGenerator(seed: seed)
            let items = IRTSimulation.items(count: bankSize, model: .threePL, using: &rng)
            // Domains in proportion to the blueprint, so every domain has items to balance with.
            var domains: [Int] = []
            for (d, w) in weights.enumerated() { domains += Array(repeating: d, count: Int((w * Double(bankSize)).rounded())) }
            while domains.count < bankSize { domains.append(weights.indices.max { weights[$0] < weights[$1] }!) }
            domains = Array(domains.prefix(bankSize))
            let bank = ItemBank(items: items, domains: domains)
            var configuration = CATConfiguration(blueprint: weights, randomesque: randomesque,
                stopping: CATStoppingRule(minItems: minItems, maxItems: maxItems, targetStandardError: targetSe))
            if maxExposure > 0 {
                configuration.sympsonHetter = CATSimulation.sympsonHetterParameters(bank: bank, configuration: configuration, targetMaxExposure: maxExposure, examinees: max(200, examinees / 2), using: &rng)
            }
            let abilities = IRTSimulation.abilities(count: examinees, using: &rng)
            let r = CATSimulation.run(bank: bank, configuration: configuration, abilities: abilities, using: &rng)
            let report = Report(credential: cert, bankSize: bankSize, examinees: examinees, meanLength: r.meanLength, abilityRMSE: r.abilityRMSE,
                bias: r.bias, meanStandardError: r.meanStandardError, maxExposure: r.maxExposure, meanExposure: r.meanExposure,
                unusedItemShare: r.unusedItemShare, stopReasons: Dictionary(uniqueKeysWithValues: r.stopReasons.map { ($0.key.rawValue, $0.value) }))
            switch format {
            case .json: emit(try JSONOutput.encode(report))
            case .table:
                emit("""
                    Adaptive test simulation: \(examinees) examinees, \(bankSize)-item 3PL bank balanced to \(cert) \(blueprint.version), seed \(seed)
                      stopping: SE < \(targetSe), \(minItems)-\(maxItems) items; randomesque \(randomesque); Sympson-Hetter \(maxExposure > 0 ? "target \(maxExposure)" : "off")
                      mean test length      \(String(format: "%.1f", r.meanLength)) items
                      ability RMSE          \(String(format: "%.3f", r.abilityRMSE)) (bias \(String(format: "%+.3f", r.bias)), mean SE \(String(format: "%.3f", r.meanStandardError)))
                      item exposure         max \(String(format: "%.3f", r.maxExposure)), mean \(String(format: "%.3f", r.meanExposure)), unused \(String(format: "%.1f", r.unusedItemShare * 100))% of the bank
                      stop reasons          \(report.stopReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                    """)
            }
        }
    }

    struct Readiness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that stated pass probabilities match observed pass rates over simulated learners of known ability.")
        @Option(help: "Simulated learners, abilities N(0, 1).") var learners: Int = 4000
        @Option(help: "Items each learner answers, drawn from the bank.") var itemsPerLearner: Int = 12
        @Option(help: "Items in the simulated 3PL bank.") var bankSize: Int = 200
        @Option(help: "Pass mark as the proportion correct expected on the bank (converted to ability through the test characteristic curve).") var passProportion: Double = 0.7
        @Option(help: "Credible level of the interval that decides likely pass / likely fail / not enough evidence.") var credibleLevel: Double = 0.9
        @Option(help: "Random seed.") var seed: UInt64 = 11
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        struct Report: Codable {
            struct Bin: Codable {
                let count: Int
                let meanPredicted: Double
                let observedRate: Double
                enum CodingKeys: String, CodingKey {
                    case count
                    case meanPredicted = "mean_predicted"
                    case observedRate = "observed_rate"
                }
            }
            let learners: Int
            let itemsPerLearner: Int
            let cutTheta: Double
            let brierScore: Double
            let baseRateBrierScore: Double
            let expectedCalibrationError: Double
            let likelyPassShare: Double
            let likelyPassCorrect: Double
            let likelyFailShare: Double
            let likelyFailCorrect: Double
            let bins: [Bin]
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

        func run() async throws {
            guard learners > 0, itemsPerLearner > 0, bankSize >= itemsPerLearner, (0..<1).contains(passProportion), credibleLevel > 0.5 && credibleLevel < 1 else {
                throw ValidationFailure(message: "need learners > 0, 0 < items-per-learner <= bank-size, 0 <= pass-proportion < 1, 0.5 < credible-level < 1")
            }
            var rng = SeededGenerator(seed: seed)
            let bank = IRTSimulation.items(count: bankSize, model: .threePL, using: &rng)
            let cut: Double
            do { cut = try ReadinessModel.cut(forProportionCorrect: passProportion, items: bank) } catch {
                throw ValidationFailure(message: "a pass mark of \(passProportion) cannot be reached on this bank: \(error)")
            }
            let model = ReadinessModel(cut: cut, credibleLevel: credibleLevel)
            let r = model.simulateCalibration(bank: bank, learners: learners, itemsPerLearner: itemsPerLearner, using: &rng)
            let report = Report(learners: learners, itemsPerLearner: itemsPerLearner, cutTheta: cut, brierScore: r.brierScore,
                baseRateBrierScore: r.baseRateBrierScore, expectedCalibrationError: r.expectedCalibrationError,
                likelyPassShare: r.likelyPassShare, likelyPassCorrect: r.likelyPassCorrect, likelyFailShare: r.likelyFailShare,
                likelyFailCorrect: r.likelyFailCorrect,
                bins: r.bins.map { Report.Bin(count: $0.count, meanPredicted: $0.meanPredicted, observedRate: $0.observedRate) })
            switch format {
            case .json: emit(try JSONOutput.encode(report))
            case .table:
                var table = TextTable(headers: ["STATED P(PASS)", "LEARNERS", "OBSERVED PASS RATE"])
                for bin in r.bins where bin.count > 0 {
                    table.rows.append([String(format: "%.3f", bin.meanPredicted), "\(bin.count)", String(format: "%.3f", bin.observedRate)])
                }
                emit("""
                    Readiness calibration: \(learners) learners, \(itemsPerLearner) items each from a \(bankSize)-item 3PL bank; pass at \(Int(passProportion * 100))% expected correct (theta \(String(format: "%.3f", cut))), seed \(seed)
                    \(table.render())
                    Brier score \(String(format: "%.4f", r.brierScore)) (base rate alone: \(String(format: "%.4f", r.baseRateBrierScore))); expected calibration error \(String(format: "%.4f", r.expectedCalibrationError))
                    "likely pass" for \(String(format: "%.1f", r.likelyPassShare * 100))% of learners, right \(String(format: "%.1f", r.likelyPassCorrect * 100))% of the time; "likely fail" for \(String(format: "%.1f", r.likelyFailShare * 100))%, right \(String(format: "%.1f", r.likelyFailCorrect * 100))%; the rest: not enough evidence yet
                    """)
            }
        }
    }
}
