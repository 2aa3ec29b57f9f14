import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

/// `mlcert advise`: should this person certify, which credential first, how long and how much.
struct AdviseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Should you get an ML certification, which one first, how long it takes and what it costs.",
        discussion: """
            Asks its questions in a terminal, or takes --profile FILE.json and/or one flag per profile key.
            Flags override the profile file. Run with --format json for the documented JSON result.
            """)

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Flag(help: "Ask the questions even when standard input is not a terminal.") var interactive = false

    func run() async throws {
        let content = try contentOptions.loadContent()
        var profile = try profileOptions.resolve()
        let askQuestions = interactive || (!profileOptions.anyGiven && isatty(STDIN_FILENO) == 1)
        if askQuestions {
            guard let answered = Questionnaire.run(initial: profile, read: { readLine() }, write: { FileHandle.standardOutput.write(Data($0.utf8)) }) else {
                throw ValidationFailure(message: "input ended before every question was answered")
            }
            profile = answered
            print("")
        }
        let advice = Advisor(catalog: content.catalog).advise(profile)
        switch format {
        case .table: emit(AdviceView(advice: advice, catalog: content.catalog).renderText())
        case .json: emit(try JSONOutput.encode(advice))
        }
    }
}

/// The profile, from `--profile FILE.json` and one flag per key (flags win).
struct ProfileOptions: ParsableArguments {
    @Option(help: "A profile JSON file (keys documented in the README).") var profile: String?
    @Option(help: "Cloud your team runs ML on: gcp, aws, azure, databricks, multi, none.") var cloud: String?
    @Option(help: "enterprise, consulting, cloud_vendor, startup, midsize_product, research_lab.") var employerType: String?
    @Option(help: "ml_engineer, ml_research, applied_scientist, data_scientist, ai_app_developer.") var targetRole: String?
    @Option(help: "software_engineering, data_analytics, ml, other.") var background: String?
    @Option(help: "none, foundations, working.") var mlKnowledge: String?
    @Option(help: "Years of production ML engineering.") var productionMlYears: String?
    @Option(help: "yes or no.") var employerReimburses: String?
    @Option(help: "yes or no.") var payBandRecognizesCerts: String?
    @Option(help: "yes or no.") var hrFiltersOnCredentials: String?
    @Option(help: "yes or no.") var choosingPortfolioOverPrep: String?
    @Option(help: "Hours a week you can study.") var weeklyStudyHours: String?

    var flags: [(Profile.Key, String?)] {
        [(.cloud, cloud), (.employerType, employerType), (.targetRole, targetRole), (.background, background),
         (.mlKnowledge, mlKnowledge), (.productionMLYears, productionMlYears), (.employerReimburses, employerReimburses),
         (.payBandRecognizesCerts, payBandRecognizesCerts), (.hrFiltersOnCredentials, hrFiltersOnCredentials),
         (.choosingPortfolioOverPrep, choosingPortfolioOverPrep), (.weeklyStudyHours, weeklyStudyHours)]
    }

    var anyGiven: Bool { profile != nil || flags.contains { $0.1 != nil } }

    func resolve() throws -> Profile {
        var result = Profile()
        if let path = profile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationFailure(message: "cannot read profile file '\(path)'")
            }
            do { result = try Profile.parse(json: data) } catch { throw ValidationFailure(message: "\(path): \(error.description)") }
        }
        for (key, value) in flags {
            guard let value else { continue }
            do { try result.set(key, text: value) } catch { throw ValidationFailure(message: error.description) }
        }
        return result
    }
}
