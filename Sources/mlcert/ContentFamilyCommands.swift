import ArgumentParser
import Foundation
import MLCertCore
import MLCertFamilies

/// `mlcert content families`: the computed item families, with where each serves and where its formulas come from.
struct FamiliesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "families", abstract: "List the computed item families: targets, difficulty drivers and sources.")
    @Option(help: "Only families that serve this credential.") var cert: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let families = FamilyCatalog.all.map(\.info).filter { info in cert.map { c in info.targets.contains { $0.credential == c } } ?? true }
        switch format {
        case .json:
            emit(try JSONOutput.encode(families))
        case .table:
            var table = TextTable(headers: ["FAMILY", "VERSION", "SERVES (credential guide domain objective)", "TITLE"])
            for info in families {
                let targets = info.targets.map { "\($0.credential) \($0.blueprint) \($0.domain) \($0.objective)" }
                table.rows.append([info.id, "\(info.version)", targets.first ?? "-", info.title])
                for more in targets.dropFirst() { table.rows.append(["", "", more, ""]) }
            }
            emit(table.render())
            emit("\(families.count) families; `mlcert content generate --family ID --seed N` renders one instance with its working.")
        }
    }
}

/// `mlcert content generate`: one instance of a family, with its key and the working that computed it.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Render one instance of a computed item family, with its key and working.")
    @Option(help: "Family id (see `mlcert content families`).") var family: String
    @Option(help: "Seed: the same seed always renders the same instance.") var seed: UInt64
    @Option(help: "Render for this credential (default: the family's first target).") var cert: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        guard let found = FamilyCatalog.family(id: family) else {
            let known = FamilyCatalog.all.map(\.id).joined(separator: ", ")
            throw ValidationFailure(message: "--family: no family '\(family)'; known families: \(known)")
        }
        if let cert, !found.info.targets.contains(where: { $0.credential == cert }) {
            throw ValidationFailure(message: "--cert: family '\(family)' does not serve '\(cert)'; it serves "
                + found.info.targets.map(\.credential).joined(separator: ", "))
        }
        let instance = found.instance(seed: seed, for: cert)
        switch format {
        case .json:
            struct Rendered: Encodable {
                let family: String
                let seed: UInt64
                let item: Item
                let key: [String]
                let working: [String]
                let table: FamilyTable?
            }
            emit(try JSONOutput.encode(Rendered(family: instance.familyID, seed: instance.seed, item: instance.item,
                key: instance.item.keyLetters, working: instance.working, table: instance.table)))
        case .table:
            let item = instance.item
            var out = ["\(item.id) (\(item.credential) \(item.blueprint) \(item.domain) \(item.objective), \(item.difficulty.rawValue))", "",
                item.scenario, ""]
            if let table = instance.table {
                var t = TextTable(headers: table.headers)
                t.rows = table.rows
                out += [table.caption, t.render(), ""]
            }
            out.append(item.question)
            for (i, option) in item.options.enumerated() {
                out.append("\(ItemOption.letter(for: i)). \(option.text)\(option.correct ? "   <- key" : "")")
                out.append("   \(option.rationale)")
            }
            out += ["", "Working:"] + instance.working.map { "  \($0)" }
            emit(out.joined(separator: "\n"))
        }
    }
}
