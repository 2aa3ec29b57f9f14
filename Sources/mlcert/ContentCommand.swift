import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

/// `mlcert content ...`: checks and statistics for the content under Content/.
struct ContentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Check, export and import the catalog and question bank.",
        subcommands: [Lint.self, Stats.self, ReviewSheetCommand.self, ReviewRecordCommand.self, ContentExportCommand.self, ContentImportCommand.self]
    )

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every content check; print all problems; exit non-zero on any error.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Flag(help: "List the lint rules and exit.") var rules = false
        @Option(help: "Flag facts and items checked longer ago than this many days (default: $MLCERT_MAX_AGE_DAYS, else 180).")
        var maxAgeDays: Int?
        @Option(help: "The day the staleness check counts from, YYYY-MM-DD (default: today).") var today: String?

        func run() async throws {
            let maxAge = try maxAgeDays ?? Self.maxAgeFromEnvironment() ?? StalenessRule.defaultMaxAgeDays
            guard maxAge >= 0 else { throw ValidationFailure(message: "--max-age-days: expected a whole number of days, 0 or more; found \(maxAge)") }
            let day = try today.map { text in
                guard let day = Day(text) else { throw ValidationFailure(message: "--today: expected YYYY-MM-DD, found '\(text)'") }
                return day
            } ?? Day.today()
            let lintRules = Linter.lintRules(today: day, maxAgeDays: maxAge)
            if rules {
                for rule in lintRules { emit("\(rule.id)\n    \(rule.summary)") }
                return
            }
            let root = try ContentLocator.locate(explicit: contentOptions.content)
            let (loaded, decodeProblems) = ContentLoader(root: root).load()
            let problems = decodeProblems + Linter(rules: lintRules).run(on: loaded)
            let errors = problems.filter { $0.severity == .error }.count
            switch format {
            case .json:
                struct Report: Codable {
                    let credentials: Int
                    let courses: Int
                    let items: Int
                    let errors: Int
                    let warnings: Int
                    let problems: [ContentProblem]
                }
                emit(try JSONOutput.encode(Report(
                    credentials: loaded.catalog.credentials.count, courses: loaded.catalog.courses.count,
                    items: loaded.items.count, errors: errors, warnings: problems.count - errors, problems: problems)))
            case .table:
                for problem in problems { emit(problem.description) }
                emit("checked \(loaded.catalog.credentials.count) credentials, \(loaded.catalog.courses.count) courses, "
                    + "\(loaded.catalog.sources.count) sources, \(loaded.items.count) items with \(lintRules.count) rules: "
                    + "\(errors) error(s), \(problems.count - errors) warning(s)")
            }
            if errors > 0 { throw ExitCode(1) }
        }

        /// The `MLCERT_MAX_AGE_DAYS` setting, or nil when unset; a value that is not a whole number is an error naming it.
        static func maxAgeFromEnvironment() throws -> Int? {
            guard let text = ProcessInfo.processInfo.environment["MLCERT_MAX_AGE_DAYS"], !text.isEmpty else { return nil }
            guard let days = Int(text) else { throw ValidationFailure(message: "MLCERT_MAX_AGE_DAYS: expected a whole number of days, found '\(text)'") }
            return days
        }
    }
}
