import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertFamilies
import MLCertInterchange

extension InterchangeFormat: ExpressibleByArgument {}
extension SkillArea: ExpressibleByArgument {}
extension Item.Difficulty: ExpressibleByArgument {}

/// `mlcert content export`: the bank, or part of it, in a format that learning platforms and learners use.
struct ContentExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export items as QTI 2.1 or 3.0, Moodle XML, GIFT, an Anki deck, CSV, TSV or JSON Lines.",
        discussion: InterchangeFormat.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Format: \(InterchangeFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: InterchangeFormat
    @Option(help: "Only items of this credential.") var cert: String?
    @Option(help: "Only items of this domain.") var domain: String?
    @Option(name: [.short, .long], help: "The file to write.") var output: String
    @Option(help: "Also export this many computed instances of each item family (0-1000; the same ones practice serves first).")
    var instancesPerFamily: Int = 0

    func validate() throws {
        guard (0...Int(PracticePool.seedStride)).contains(instancesPerFamily) else {
            throw ValidationError("--instances-per-family must be from 0 to \(PracticePool.seedStride), not \(instancesPerFamily)")
        }
    }

    func run() async throws {
        let content = try contentOptions.loadContent(includeItems: true)
        let items = (content.items + PracticePool.items(instancesPerFamily: instancesPerFamily))
            .filter { (cert == nil || $0.credential == cert) && (domain == nil || $0.domain == domain) }
        guard !items.isEmpty else {
            throw ValidationFailure(message: "no items match" + (cert.map { " --cert \($0)" } ?? "") + (domain.map { " --domain \($0)" } ?? ""))
        }
        let data: Data
        do {
            data = try ItemExporter(exportedAt: Date()).export(items, as: format)
        } catch {
            throw ValidationFailure(message: "export failed: \(error)")
        }
        try data.write(to: URL(fileURLWithPath: output))
        emit("wrote \(items.count) items as \(format.rawValue) (\(format.summary)) to \(output), \(data.count) bytes")
    }
}

/// `mlcert content import`: items from another tool, as YAML in the bank's layout, held to the bank's lint rules.
struct ContentImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import items from GIFT, Moodle XML, QTI, CSV, TSV or JSON Lines; report what was lost; lint them.",
        discussion: """
            Each item is listed with what the file did not hold or the item model cannot represent. Questions that are \
            not choice items are listed as skipped. The items are written as YAML (with -o) under DIR/items/<credential>/\
            <domain>.yaml and checked with the item lint rules; problems are printed with file, line and field, and the \
            exit code is 1 when there are errors. Fields the file lacks can be supplied with the options below.
            """)
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Format: \(InterchangeFormat.importable.map(\.rawValue).joined(separator: ", ")).") var format: InterchangeFormat
    @Argument(help: "The file to import.") var file: String
    @Option(name: [.short, .long], help: "Write the items as YAML under this directory (items/<credential>/<domain>.yaml); existing files are never overwritten.") var output: String?
    @Option(help: "Credential id for items whose file does not say.") var cert: String?
    @Option(help: "Blueprint version for items whose file does not say (default: the credential's current one).") var blueprint: String?
    @Option(help: "Domain id for items whose file does not say.") var domain: String?
    @Option(help: "Objective id for items whose file does not say.") var objective: String?
    @Option(help: "Skill area for items whose file does not say.") var skillArea: SkillArea?
    @Option(help: "Difficulty estimate for items whose file does not say.") var difficulty: Item.Difficulty?
    @Option(help: "last_checked date (YYYY-MM-DD) for items whose file does not say.") var checked: String?

    func run() async throws {
        guard format.canImport else {
            throw ValidationFailure(message: "--format \(format.rawValue) is export-only; import reads \(InterchangeFormat.importable.map(\.rawValue).joined(separator: ", "))")
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationFailure(message: "cannot read \(file)") }
        let root = try ContentLocator.locate(explicit: contentOptions.content)
        let (bank, _) = ContentLoader(root: root).load()
        var lastChecked: Day?
        if let checked {
            guard let day = Day(checked) else { throw ValidationFailure(message: "--checked: expected YYYY-MM-DD, got '\(checked)'") }
            lastChecked = day
        }
        let defaults = ImportDefaults(credential: cert, blueprint: blueprint, domain: domain, objective: objective,
            skillArea: skillArea, difficulty: difficulty, lastChecked: lastChecked)

        let read: ImportResult
        do {
            read = try ItemImporter.read(data, as: format, file: file)
        } catch {
            throw ValidationFailure(message: error.description)
        }
        let items = read.items.map { defaults.apply(to: $0, catalog: bank.catalog) }
        let bankIDs = Set(bank.items.map(\.id))
        for item in items {
            emit("\(item.source): \(item.draft.id ?? "(no id)")")
            for note in item.notes { emit("    - \(note)") }
            if let id = item.draft.id, bankIDs.contains(id) { emit("    - id '\(id)' is already used by an item in the bank") }
        }
        for skipped in read.skipped { emit(skipped.description) }

        let files = try ImportedYAML.files(for: items)
        let problems = try ImportLint.problems(files: files, contentRoot: root, shownUnder: output ?? "(not written)")
        if let output {
            let base = URL(fileURLWithPath: output)
            for file in files {
                let url = base.appendingPathComponent(file.path)
                if FileManager.default.fileExists(atPath: url.path) {
                    throw ValidationFailure(message: "\(url.path) exists; choose another -o directory (import never overwrites)")
                }
            }
            for file in files {
                let url = base.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.text.write(to: url, atomically: true, encoding: .utf8)
                emit("wrote \(file.items.count) item(s) to \(url.path)")
            }
        }
        for problem in problems { emit(problem.description) }
        let errors = problems.filter { $0.severity == .error }.count
        let noted = items.filter { !$0.notes.isEmpty }.count
        emit("imported \(items.count) item(s) from \(file) (\(noted) with notes), skipped \(read.skipped.count); lint: \(errors) error(s), \(problems.count - errors) warning(s)")
        if errors > 0 { throw ExitCode(1) }
    }
}

/// Lints imported items as the bank is linted: their YAML goes into a scratch content tree beside the real catalog,
/// is loaded back (so a missing field is reported at its line), and the item rules run over it.
enum ImportLint {
    static func problems(files: [ImportedYAML.File], contentRoot: URL, shownUnder: String) throws -> [ContentProblem] {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("mlcert-import-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        try fm.createSymbolicLink(at: scratch.appendingPathComponent("catalog"), withDestinationURL: contentRoot.appendingPathComponent("catalog"))
        for file in files {
            let url = scratch.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
        }
        let (loaded, decodeProblems) = ContentLoader(root: scratch).load()
        let prefix = scratch.lastPathComponent + "/"
        return (decodeProblems + Linter(rules: Linter.itemRules).run(on: loaded))
            .filter { $0.file.hasPrefix(prefix + "items/") }
            .map { ContentProblem(file: shownUnder + "/" + $0.file.dropFirst(prefix.count), line: $0.line, field: $0.field,
                message: $0.message, rule: $0.rule, severity: $0.severity) }
    }
}
