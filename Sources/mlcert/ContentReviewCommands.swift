import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

extension ReviewRecorder.Round: ExpressibleByArgument {}

/// `mlcert content review-sheet`: items without keys (or only their options), for an independent reviewer.
struct ReviewSheetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-sheet",
        abstract: "Print items for an independent reviewer: as a candidate sees them (no keys or rationales), or only their options.")
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "Credential id.") var cert: String
    @Option(help: "Only this domain.") var domain: String?
    @Option(help: "Which round: full-item (scenario, question and options, no key) or options-only (the options alone).")
    var round: ReviewRecorder.Round = .fullItem
    @Flag(help: "Only items with no review of their current version in this round.") var unreviewed = false
    @Option(parsing: .upToNextOption, help: "Only these item ids.") var ids: [String] = []
    @Flag(help: "Include retired items.") var includeRetired = false
    @Option(name: [.short, .long], help: "Write to this file.") var output: String?

    func run() async throws {
        let root = try ContentLocator.locate(explicit: contentOptions.content)
        let (content, _) = ContentLoader(root: root).load()
        let wanted = Set(ids)
        let items = content.items.filter { item in
            item.credential == cert && (domain == nil || item.domain == domain) && (wanted.isEmpty || wanted.contains(item.id))
                && (includeRetired || item.isActive) && (!unreviewed || !ReviewCoverage.isCurrent(item, round: round))
        }
        guard !items.isEmpty else { throw ValidationFailure(message: "no items match --cert \(cert)" + (domain.map { " --domain \($0)" } ?? "")) }
        let sheet = ReviewSheet(items: items).render(round)
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
    @Option(help: "Which round the answers come from: full-item or options-only.") var round: ReviewRecorder.Round = .fullItem
    @Option(help: "Review date, YYYY-MM-DD (default: today).") var date: String?

    func run() async throws {
        let root = try ContentLocator.locate(explicit: contentOptions.content)
        guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else { throw ValidationFailure(message: "cannot read \(answers)") }
        guard let day = date.map({ Day($0) }) ?? Day.today() else { throw ValidationFailure(message: "--date: expected YYYY-MM-DD") }
        let outcomes: [ReviewRecorder.Outcome]
        do {
            let parsed = try ReviewAnswer.parse(text, file: answers)
            outcomes = try ReviewRecorder(root: root).record(parsed, reviewer: reviewer, on: day, round: round)
        } catch {
            throw ValidationFailure(message: error.description)
        }
        let agreed = outcomes.filter(\.agreed).count
        switch round {
        case .fullItem:
            for o in outcomes where !o.agreed {
                emit("DISAGREE \(o.itemID): key \(o.key.joined(separator: ",")), reviewer \(o.answer.joined(separator: ","))" + (o.note.map { " (\($0))" } ?? ""))
            }
            emit("recorded \(outcomes.count) reviews: \(agreed) agreed, \(outcomes.count - agreed) disagreed")
        case .optionsOnly:
            for o in outcomes where o.agreed {
                emit("HIT \(o.itemID): picked \(o.answer.joined(separator: ","))" + (o.note.map { " (\($0))" } ?? ""))
            }
            emit("recorded \(outcomes.count) options-only reviews: \(agreed) picked the key, \(outcomes.count - agreed) did not")
        }
    }
}
