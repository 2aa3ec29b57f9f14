import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

/// Output formats every data-printing command accepts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Options shared by commands that read content.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "Path to the Content/ directory (default: $MLCERT_CONTENT, else the nearest Content/ above the working directory or the executable).")
    var content: String?

    /// Loads and validates content, or exits with every problem listed. Commands that need only the catalog leave out
    /// the question bank and its rules.
    /// `allItemRules: false` checks only the rules serving the bank needs (see `Linter.servingRules`).
    func loadContent(includeItems: Bool = false, allItemRules: Bool = true) throws -> LoadedContent {
        let root = try ContentLocator.locate(explicit: content)
        let rules = !includeItems ? Linter.catalogRules : allItemRules ? Linter.defaultRules : Linter.catalogRules + Linter.servingRules
        do {
            return try ContentLoader(root: root, includeItems: includeItems).loadValidated(rules: rules)
        } catch {
            throw ValidationFailure(message: "the content has errors; run `mlcert content lint` for details.\n\(error.description)")
        }
    }
}

/// An error whose message is shown as is, with exit code 1.
struct ValidationFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Writes to standard output.
func emit(_ text: String) {
    print(text)
}
