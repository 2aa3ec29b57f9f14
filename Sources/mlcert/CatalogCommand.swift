import ArgumentParser
import MLCertContent
import MLCertCore

/// `mlcert catalog`: the credentials mlcert knows, and `mlcert catalog show ID` for one of them.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List ML credentials with their status, price and current exam guide.",
        subcommands: [List.self, Show.self],
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
}
