import ArgumentParser
import MLCertContent
import MLCertCore
import MLCertPractice

/// `mlcert catalog`: the credentials mlcert knows, and `mlcert catalog show ID` for one of them.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List ML credentials with their status, price and current exam guide.",
        subcommands: [List.self, Show.self, Diff.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every credential (the default).")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let content = try contentOptions.loadContent()
            let view = CatalogListView(catalog: content.catalog)
            switch format {
            case .table: emit(view.renderTable())
            case .json: emit(try JSONOutput.encode(view.rows))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one credential: facts with sources, blueprints with weights, preparation.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Argument(help: "Credential id, e.g. google-pmle (see `mlcert catalog`).") var id: String

        func run() async throws {
            let content = try contentOptions.loadContent()
            let credential: Credential
            do {
                credential = try content.catalog.requireCredential(id)
            } catch {
                throw ValidationFailure(message: "error: \(error.description)")
            }
            let view = CredentialDetailView(credential: credential, catalog: content.catalog)
            switch format {
            case .table: emit(view.renderText())
            case .json: emit(try JSONOutput.encode(view.document))
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two guide versions: domains and weights side by side, objectives added, removed and moved.",
            discussion: """
                With --learner or --database, also lists the learner's weak areas on either guide and how the change \
                touches each. OLD and NEW default to the guide before the current one and the current one.
                """)
        @OptionGroup var contentOptions: ContentOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Argument(help: "Credential id, e.g. aws-mla-c01.") var id: String
        @Argument(help: "The older guide version, e.g. 2024-10 (default: the one before the current guide).") var old: String?
        @Argument(help: "The newer guide version, e.g. 2026-09 (default: the current guide).") var new: String?

        func run() async throws {
            let content = try contentOptions.loadContent()
            let credential: Credential
            let diff: BlueprintDiff
            do {
                credential = try content.catalog.requireCredential(id)
                diff = try BlueprintDiff(credential: credential, from: old, to: new)
            } catch let error as CatalogError {
                throw ValidationFailure(message: "error: \(error.description)")
            } catch let error as BlueprintDiff.DiffError {
                throw ValidationFailure(message: "error: \(error.description)")
            }
            var weakAreas: [BlueprintDiff.WeakArea]?
            if storeOptions.learner != nil || storeOptions.database != nil {
                let results = try await storeOptions.withService(content: contentOptions) { service in
                    try await service.history(learnerID: storeOptions.learnerID).areaResults(credential: credential.id)
                }
                weakAreas = diff.weakAreas(results)
            }
            let view = BlueprintDiffView(credential: credential, diff: diff, weakAreas: weakAreas)
            switch format {
            case .table: emit(view.renderText())
            case .json: emit(try JSONOutput.encode(view.document))
            }
        }
    }
}
