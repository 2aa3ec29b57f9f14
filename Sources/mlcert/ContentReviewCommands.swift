import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

/// `mlcert content review-sheet`: items without keys, for an independent reviewer.
struct ReviewSheetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-sheet", abstract: "Print items as a candidate sees them (no keys or rationales) for an independent reviewer.")
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Credential id.") var cert: String
    @Option(help: "Only this domain.") var domain: String?
    @Flag(help: "Only items that have no review record yet.") var unreviewed = false
    @Option(name: [.short, .long], help: "Write to this file.") var output: String?

    func run() async throws {
        let root = try ContentLocator.locate(explicit: contentOptions.content)
        let (content, _) = ContentLoader(root: root).load()
        let items = content.items.filter { $0.credential == cert && (domain == nil || $0.domain == domain) && (!unreviewed || $0.review == nil) }
        guard !items.isEmpty else { throw ValidationFailure(message: "no items match --cert \(cert)" + (domain.map { " --domain \($0)" } ?? "")) }
        let sheet = ReviewSheet(items: items).renderMarkdown()
        if let output {
            try sheet.write(toFile: output, atomically: true, encoding: .utf8)
            emit("wrote \(items.count) items to \(output)")
        } else {
            emit(sheet)
        }
    }
}

/// `mlcert content review-record`: compares a reviewer's answers with the keys and writes review records into items.
struct ReviewRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-record", abstract: "Record a reviewer's answers: mark each item agreed or not, in its YAML file.")
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "The answers file (lines of 'item-id: LETTERS | confidence | note').") var answers: String
    @Option(help: "Who reviewed.") var reviewer: String
    @Option(help: "Review date, YYYY-MM-DD (default: today).") var date: String?

    func run() async throws {
        let root = try ContentLocator.locate(explicit: contentOptions.content)
        guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else { throw ValidationFailure(message: "cannot read \(answers)") }
        guard let day = date.map({ Day($0) }) ?? Day.today() else { throw ValidationFailure(message: "--date: expected YYYY-MM-DD") }
        let outcomes: [ReviewRecorder.Outcome]
        do {
            let parsed = try ReviewAnswer.parse(text, file: answers)
            outcomes = try ReviewRecorder(root: root).record(parsed, reviewer: reviewer, on: day)
        } catch {
            throw ValidationFailure(message: error.description)
        }
        let agreed = outcomes.filter(\.agreed).count
        for o in outcomes where !o.agreed {
            emit("DISAGREE \(o.itemID): key \(o.key.joined(separator: ",")), reviewer \(o.answer.joined(separator: ","))" + (o.note.map { " (\($0))" } ?? ""))
        }
        emit("recorded \(outcomes.count) reviews: \(agreed) agreed, \(outcomes.count - agreed) disagreed")
    }
}
