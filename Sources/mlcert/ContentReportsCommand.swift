import ArgumentParser
import Foundation
import MLCertCore
import MLCertPractice

/// `mlcert content reports`: the problems learners reported on questions, for the authors, newest last, with the item
/// id and the version each learner saw.
struct ContentReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "List the problems learners reported on questions (wrong key, unclear, outdated, typo).")
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only reports on this item id.") var item: String?
    @Option(help: "Only reports on this credential's items.") var cert: String?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        try await storeOptions.withService(content: contentOptions) { service in
            let reports = try await service.itemReports(learnerID: nil).filter {
                (item == nil || $0.itemID == item) && (cert == nil || $0.credentialID == cert)
            }
            if format == .json { emitLine(PracticeJSON.line(reports)); return }
            guard !reports.isEmpty else { emit("No problem reports" + (item.map { " on \($0)" } ?? "") + "."); return }
            var table = TextTable(headers: ["ITEM", "VERSION", "KIND", "REPORTED", "COMMENT"])
            for r in reports {
                let current = service.bank.item(r.itemID)?.version
                let version = "v\(r.itemVersion)" + (current.map { $0 != r.itemVersion ? " (now v\($0))" : "" } ?? " (removed)")
                table.rows.append([r.itemID, version, r.kind.rawValue, ReportTime.text(r.at), r.comment.isEmpty ? "-" : r.comment])
            }
            emit(table.render())
            emit("\(reports.count) report\(reports.count == 1 ? "" : "s") on \(Set(reports.map(\.itemID)).count) item\(Set(reports.map(\.itemID)).count == 1 ? "" : "s").")
        }
    }
}

/// A date as `YYYY-MM-DD HH:MM` UTC for the table.
enum ReportTime {
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
