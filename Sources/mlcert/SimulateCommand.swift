import ArgumentParser
import MLCertContent
import Foundation
import MLCertCore
import MLCertPractice
import MLCertStudies

/// `mlcert simulate ...`: simulation studies of the adaptive test and of the readiness estimate, on seeded banks.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulation studies: adaptive testing on a generated bank (cat), the diagnostic as shipped (diagnostic), readiness validation (readiness), learners over the JSON API (api).",
        subcommands: [CAT.self, Diagnostic.self, Readiness.self, SimulateAPICommand.self])

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

    struct Diagnostic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the adaptive diagnostic as it ships on a credential's real bank: length, standard error reached, first-question spread, exposure.",
            discussion: "Learners answer from a truth that is not the scorer's (see `mlcert simulate readiness --help`). Parameters are the question writers' estimates.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Credential whose bank and blueprint the diagnostic uses.") var cert: String = "google-pmle"
        @Option(help: "Simulated learners, each taking one diagnostic with nothing seen before.") var learners: Int = 150
        @Option(help: "Random seed.") var seed: UInt64 = 7
        @OptionGroup var truth: TruthOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            guard learners > 0 else { throw ValidationFailure(message: "error: --learners must be at least 1") }
            let bank = try StudyBank(content: contentOptions, cert: cert)
            var study = DiagnosticStudy(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items)
            study.learners = learners
            study.seed = seed
            study.truth = truth.truth
            let report = study.run()
            switch format {
            case .json: emit(try JSONOutput.encodeSnakeCase(report))
            case .table: emit(study.renderText(report))
            }
        }
    }

    struct Readiness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the probability of passing against simulated real exams, before and after calibrating the bank.",
            discussion: """
                Simulated learners practise on the credential's real bank with mlcert's own session rules; each then sits a real exam of the \
                catalog's length and blueprint drawn from questions they never saw. The truth differs from what the scorer assumes: true b = \
                author b + 0.3 + N(0, 0.8²), log a ~ N(0.2, 0.3²), c = author c + U(0, 0.1), domain abilities N(0.5, 1) correlated 0.6, \
                and a key once seen is remembered with probability 0.9. Reports ECE, Brier score against the base rate and wrong verdicts, \
                and exits 2 when the targets (ECE ≤ 0.04 after calibration; confident verdicts wrong ≤ 5% before and after) are not met.
                """)
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Credential whose bank, blueprint, length and pass mark the study uses.") var cert: String = "google-pmle"
        @Option(help: "Learners whose readiness is checked against their real exam.") var learners: Int = 2000
        @Option(help: "Learners in the separate cohort whose first attempts calibrate the bank.") var calibrationLearners: Int = 2000
        @Option(help: "Random seed.") var seed: UInt64 = 11
        @Option(help: "Write the reliability diagram (SVG) here.") var svg: String?
        @OptionGroup var truth: TruthOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let bank = try StudyBank(content: contentOptions, cert: cert)
            var study = ReadinessValidationStudy(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items)
            study.learners = learners
            study.calibrationLearners = calibrationLearners
            study.seed = seed
            study.truth = truth.truth
            if let problem = study.invalidParameters { throw ValidationFailure(message: "error: \(problem)") }
            let report = try await study.run()
            if let svg {
                do { try ReliabilityDiagram(report: report).svg().write(toFile: svg, atomically: true, encoding: .utf8) } catch {
                    throw ValidationFailure(message: "error: cannot write '\(svg)': \(error.localizedDescription)")
                }
            }
            switch format {
            case .json: emit(try JSONOutput.encodeSnakeCase(report))
            case .table: emit(report.renderText())
            }
            if !report.targetsMet { throw ExitCode(2) }
        }
    }
}

/// The truth of a simulation, each setting a flag (defaults: `SimulationTruth()`).
struct TruthOptions: ParsableArguments {
    @Option(help: "Mean of (true b − author b).") var difficultyBias = SimulationTruth().difficultyBias
    @Option(help: "SD of (true b − author b).") var difficultySd = SimulationTruth().difficultySD
    @Option(help: "Mean of log(true a).") var discriminationLogMean = SimulationTruth().logDiscriminationMean
    @Option(help: "SD of log(true a).") var discriminationLogSd = SimulationTruth().logDiscriminationSD
    @Option(help: "True c exceeds the blind-guess rate by U(0, this).") var guessingExtra = SimulationTruth().guessingExtra
    @Option(help: "Correlation of any two domain abilities.") var domainCorrelation = SimulationTruth().domainCorrelation
    @Option(help: "Mean ability of the learners (SD 1 in each domain).") var populationMean = SimulationTruth().populationMean
    @Option(help: "Least probability of answering right once the key has been seen.") var memory = SimulationTruth().memory

    var truth: SimulationTruth {
        var t = SimulationTruth()
        t.difficultyBias = difficultyBias
        t.difficultySD = difficultySd
        t.logDiscriminationMean = discriminationLogMean
        t.logDiscriminationSD = discriminationLogSd
        t.guessingExtra = guessingExtra
        t.domainCorrelation = domainCorrelation
        t.populationMean = populationMean
        t.memory = memory
        return t
    }
}

/// A credential's current bank as the studies take it: the credential, its current blueprint, its exam format and
/// the blueprint's items.
struct StudyBank {
    let credential: Credential
    let blueprint: Blueprint
    let format: ExamFormat
    let items: [Item]

    /// `served`: the bank `mlcert serve` serves (written items and computed families' instances) rather than the
    /// written items alone, for learners answering a running server.
    init(content options: ContentOptions, cert: String, served: Bool = false) throws {
        let content = try options.loadContent(includeItems: true, allItemRules: false)
        do {
            credential = try content.catalog.requireCredential(cert)
            guard let current = credential.currentBlueprint else { throw CatalogError.noCurrentBlueprint(cert) }
            blueprint = current
            format = try ExamFormat(credential: credential)
        } catch { throw ValidationFailure(message: "error: \(error)") }
        items = ItemIndex(served ? content.practiceItems : content.items).items(credential: cert, blueprint: blueprint)
    }
}
