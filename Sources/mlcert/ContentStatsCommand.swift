import ArgumentParser
import MLCertContent
import MLCertCore

extension ContentCommand {
    /// `mlcert content stats`: the bank against the blueprints.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Items per credential, domain, objective, type and difficulty; coverage gaps; cue figures; review agreement.")
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "Only this credential.") var cert: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let root = try ContentLocator.locate(explicit: contentOptions.content)
            let (content, problems) = ContentLoader(root: root).load()
            if let first = problems.first(where: { $0.severity == .error && !$0.rule.hasPrefix("items.review") }) {
                throw ValidationFailure(message: "the content does not load cleanly; run `mlcert content lint` (first problem: \(first))")
            }
            var items = content.items
            if let cert {
                do { _ = try content.catalog.requireCredential(cert) } catch { throw ValidationFailure(message: "error: \(error.description)") }
                items = items.filter { $0.credential == cert }
            }
            let stats = BankStatistics(catalog: content.catalog, items: items)
            switch format {
            case .table: emit(stats.renderText())
            case .json: emit(try JSONOutput.encode(stats))
            }
        }
    }
}
