import ArgumentParser
import MLCertContent
import MLCertCore

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

        func run() async throws {
            var study = CATStudy()
            study.bankSize = bankSize
            study.examinees = examinees
            study.targetStandardError = targetSe
            study.minItems = minItems
            study.maxItems = maxItems
            study.randomesque = randomesque
            study.maxExposure = maxExposure
            study.seed = seed
            if let problem = study.invalidParameters { throw ValidationFailure(message: problem) }
            let catalog = try contentOptions.loadContent().catalog
            let blueprint: Blueprint
            do {
                guard let current = try catalog.requireCredential(cert).currentBlueprint else { throw CatalogError.noCurrentBlueprint(cert) }
                blueprint = current
            } catch { throw ValidationFailure(message: "error: \(error)") }
            let report = study.run(credential: cert, blueprint: blueprint)
            switch format {
            case .json: emit(try JSONOutput.encode(report))
            case .table: emit(study.renderText(report))
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

        func run() async throws {
            var study = ReadinessStudy()
            study.learners = learners
            study.itemsPerLearner = itemsPerLearner
            study.bankSize = bankSize
            study.passProportion = passProportion
            study.credibleLevel = credibleLevel
            study.seed = seed
            if let problem = study.invalidParameters { throw ValidationFailure(message: problem) }
            let report: ReadinessStudy.Report
            do { report = try study.run() } catch {
                throw ValidationFailure(message: "a pass mark of \(passProportion) cannot be reached on this bank: \(error)")
            }
            switch format {
            case .json: emit(try JSONOutput.encode(report))
            case .table: emit(study.renderText(report))
            }
        }
    }
}
