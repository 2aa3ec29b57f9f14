import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

/// `mlcert content ...`: checks and statistics for the content under Content/.
struct ContentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Check, export and import the catalog and question bank.",
        subcommands: [Lint.self, Stats.self, ReviewSheetCommand.self, ReviewRecordCommand.self, ContentExportCommand.self, ContentImportCommand.self,
            FamiliesCommand.self, GenerateCommand.self]
    )

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every content check; print all problems; exit non-zero on any error.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Flag(help: "List the lint rules and exit.") var rules = false

        func run() async throws {
            if rules {
                for rule in Linter.defaultRules { emit("\(rule.id)\n    \(rule.summary)") }
                return
            }
            let root = try ContentLocator.locate(explicit: contentOptions.content)
            let (loaded, decodeProblems) = ContentLoader(root: root).load()
            let problems = decodeProblems + Linter().run(on: loaded)
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
                    + "\(loaded.catalog.sources.count) sources, \(loaded.items.count) items with \(Linter.defaultRules.count) rules: "
                    + "\(errors) error(s), \(problems.count - errors) warning(s)")
            }
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
