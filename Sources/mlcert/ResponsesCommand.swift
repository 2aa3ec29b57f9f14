import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice

/// `mlcert responses export`: learners' first attempts as person,item,correct CSV, the input `mlcert calibrate
/// --responses` (and any other IRT tool) takes.
struct ResponsesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responses", abstract: "Export learners' answers for calibration.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every learner's first attempts as person,item,correct CSV.",
            discussion: """
                Only first attempts given before the learner saw the key count: no review answers, no repeats after feedback, no questions \
                seen in an earlier report. Learners are numbered p1, p2, ... in a random order; no other personal data is written.
                """)
        @OptionGroup var contentOptions: ContentOptions
        @Option(help: "The learner database (a SQLite path or a postgres:// URL; default: $MLCERT_DATABASE, else the platform data directory).")
        var database: String?
        @Option(help: "Only this credential's items (default: every exam with a current exam guide).") var cert: String?
        @Option(name: .shortAndLong, help: "The CSV file to write.") var output: String
        @Option(help: "Seed for the order of the person numbers (default: random).") var seed: UInt64?

        func run() async throws {
            try await StoreOptions.withService(at: database ?? StoreOptions.defaultDatabasePath(), content: contentOptions) { service in
                let credentials = try cert.map { id in
                    _ = try service.resolve(id, allowRetired: true)
                    return [id]
                } ?? service.examCredentialIDs
                let rows = try await StoreCalibration(practice: service).export(credentialIDs: credentials, shuffleSeed: seed ?? UInt64.random(in: 0...UInt64.max))
                var text = "person,item,correct\n"
                text.reserveCapacity(rows.count * 24)
                for row in rows { text += "\(row.person),\(ResponsesCommand.csvField(row.item)),\(row.correct ? 1 : 0)\n" }
                do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw ValidationFailure(message: "error: cannot write '\(output)': \(error.localizedDescription)")
                }
                let people = Set(rows.map(\.person)).count
                FileHandle.standardError.write(Data("wrote \(rows.count) first attempts by \(people) learners on \(credentials.joined(separator: ", ")) to \(output)\n".utf8))
            }
        }
    }

    /// An id quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
