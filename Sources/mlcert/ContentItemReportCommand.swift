import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice
import MLCertStudies

/// `mlcert content item-report`: how each question behaved on learners' first attempts, for the people who write them.
struct ContentItemReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item-report",
        abstract: "Report facility, discrimination, distractor choices by ability and flags for each question, from the learner store.",
        discussion: """
            Uses every learner's first attempts (answers given before the key was shown). Flags: likely_wrong_key (negative discrimination, or a \
            distractor drawing the top third of learners at least as much as the key), distractor_chosen_by_able, too_easy (over 95% right), \
            too_hard (under 20% right, or under the blind-guess rate), drift (b moved more than 0.5, or a by more than half, since the previous \
            parameter set), few_answers (fewer than --min-respondents, no other flag given).
            """)
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "The learner database (a SQLite path or a postgres:// URL; default: $MLCERT_DATABASE, else the platform data directory).")
    var database: String?
    @Option(help: "Only this credential (default: every exam with a current exam guide).") var cert: String?
    @Option(help: "Answers an item needs before it is flagged.") var minRespondents = 30
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        try await StoreOptions.withService(at: database ?? StoreOptions.defaultDatabasePath(), content: contentOptions) { service in
            let credentials = try cert.map { id in
                _ = try service.resolve(id, allowRetired: true)
                return [id]
            } ?? service.examCredentialIDs
            let calibration = StoreCalibration(practice: service)
            var reports: [ItemStatisticsReport] = []
            for id in credentials {
                let newest = try await service.store.newestParameterSet(credentialID: id)
                var previous: ItemParameterSet?
                if let newest, newest.version > 1 { previous = try await service.store.parameterSet(credentialID: id, version: newest.version - 1) }
                reports.append(ItemStatisticsReport(credentialID: id, items: try calibration.items(credentialID: id),
                    histories: try await calibration.histories(credentialID: id), newest: newest, previous: previous, minimumRespondents: minRespondents))
            }
            switch format {
            case .json: emit(try JSONOutput.encodeSnakeCase(cert == nil ? AnyReports.many(reports) : AnyReports.one(reports[0])))
            case .table: emit(reports.map { $0.renderText() }.joined(separator: "\n\n"))
            }
        }
    }

    /// One credential's report as an object, several as an array.
    enum AnyReports: Encodable {
        case one(ItemStatisticsReport)
        case many([ItemStatisticsReport])
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .one(let r): try r.encode(to: encoder)
            case .many(let rs): try rs.encode(to: encoder)
            }
        }
    }
}
