import Foundation
import MLCertCore
import Yams

/// Writes review records into item files: compares each reviewer answer with the key and inserts (or replaces) the
/// item's `review:` block (full-item round) or `options_review:` block (options-only round) in place, keeping earlier
/// rounds under `previous:` and leaving the rest of the file as written.
public struct ReviewRecorder: Sendable {
    /// The two review rounds every item goes through, by readers who never saw it being written.
    public enum Round: String, Sendable, CaseIterable {
        /// The whole item as a candidate sees it (scenario, question, options), without the key: does the reader
        /// reach the key? Disagreement means the item is fixed or dropped.
        case fullItem = "full-item"
        /// The options alone: can a reader pick the key without the scenario? Measures how much the options give away.
        case optionsOnly = "options-only"

        var yamlKey: String { self == .fullItem ? "review:" : "options_review:" }
    }

    public struct Outcome: Sendable, Equatable {
        public let itemID: String
        public let agreed: Bool
        public let key: [String]
        public let answer: [String]
        public let note: String?
    }

    public let root: URL

    public init(root: URL) { self.root = root }

    /// Records `answers` by `reviewer` on `day`. Unknown item ids are errors; files are rewritten only when every
    /// answer matched an item.
    public func record(_ answers: [ReviewAnswer], reviewer: String, on day: Day, round: Round = .fullItem) throws(ContentErrors) -> [Outcome] {
        let (content, _) = ContentLoader(root: root).load()
        var byID: [String: Int] = [:]
        for (i, item) in content.items.enumerated() { byID[item.id] = i }
        let unknown = answers.filter { byID[$0.itemID] == nil }
        if !unknown.isEmpty {
            throw ContentErrors(problems: unknown.map {
                ContentProblem(file: "(answers)", line: nil, field: $0.itemID, message: "no item with this id in the bank", rule: "review.answers")
            })
        }
        // Group edits per file; apply from the bottom up so earlier line numbers stay valid.
        var edits: [String: [(start: Int, end: Int, block: [String])]] = [:]
        var documents: [String: YAMLDocument] = [:]
        var outcomes: [Outcome] = []
        for answer in answers {
            let index = byID[answer.itemID]!
            let item = content.items[index]
            guard let origin = content.origins[.item(index)], case .index(let position)? = origin.path.elements.last,
                let sequence = origin.document.node(at: [.key("items")])?.sequence
            else { continue }
            let agreed = Set(answer.letters) == Set(item.keyLetters)
            outcomes.append(Outcome(itemID: item.id, agreed: agreed, key: item.keyLetters, answer: answer.letters, note: answer.note))
            let block: [String]
            switch round {
            case .fullItem:
                let previous = item.review.map { ($0.previous ?? []) + [$0.withoutHistory] }
                block = ReviewRecorder.yaml(ItemReview(reviewer: reviewer, reviewedOn: day, reviewerAnswer: answer.letters, agreed: agreed,
                    note: answer.note, itemVersion: item.version, itemDigest: item.wordingDigest, previous: previous))
            case .optionsOnly:
                let previous = item.optionsReview.map { ($0.previous ?? []) + [$0.withoutHistory] }
                block = ReviewRecorder.yaml(OptionsOnlyReview(reviewer: reviewer, reviewedOn: day, itemVersion: item.version,
                    reviewerAnswer: answer.letters, hit: agreed, confidence: answer.confidence, note: answer.note,
                    itemDigest: item.wordingDigest, previous: previous))
            }
            let itemStart = (sequence[position].mark?.line ?? 1) - 1
            let nextStart = position + 1 < sequence.count ? (sequence[position + 1].mark?.line ?? 1) - 1 : Int.max
            let file = origin.document.displayName
            documents[file] = origin.document
            edits[file, default: []].append((itemStart, nextStart, block))
        }
        for (file, fileEdits) in edits {
            let url = root.deletingLastPathComponent().appendingPathComponent(file)
            guard var lines = try? String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n") else { continue }
            for edit in fileEdits.sorted(by: { $0.start > $1.start }) {
                let end = min(edit.end, lines.count)
                let itemLines = Array(lines[edit.start..<end])
                let indent = ReviewRecorder.keyIndent(itemLines)
                let block = edit.block.map { String(repeating: " ", count: indent) + $0 }
                var body = itemLines
                if let reviewAt = body.firstIndex(where: { $0.hasPrefix(String(repeating: " ", count: indent) + round.yamlKey) }) {
                    var stop = reviewAt + 1
                    while stop < body.count, body[stop].trimmingCharacters(in: .whitespaces).isEmpty || ReviewRecorder.leadingSpaces(body[stop]) > indent { stop += 1 }
                    body.replaceSubrange(reviewAt..<stop, with: block)
                } else {
                    var last = body.count
                    while last > 0, body[last - 1].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
                    body.insert(contentsOf: block, at: last)
                }
                lines.replaceSubrange(edit.start..<end, with: body)
            }
            do {
                try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            } catch {
                throw ContentErrors(problems: [ContentProblem(file: file, line: nil, field: "(document)", message: "cannot write: \(error)", rule: "io.write")])
            }
        }
        return outcomes
    }

    /// The indentation of an item's keys, read from its `id:` line (`  - id:` gives 4).
    static func keyIndent(_ lines: [String]) -> Int {
        guard let first = lines.first(where: { $0.contains("id:") }) else { return 4 }
        let spaces = leadingSpaces(first)
        return first.dropFirst(spaces).hasPrefix("- ") ? spaces + 2 : spaces
    }

    static func leadingSpaces(_ line: String) -> Int { line.prefix(while: { $0 == " " }).count }

    /// A review as YAML lines, relative indentation; strings are emitted in JSON quoting, which YAML reads as is.
    static func yaml(_ review: ItemReview, key: String = "review:") -> [String] {
        [key] + body(review).map { "  " + $0 }
    }

    static func yaml(_ review: OptionsOnlyReview) -> [String] {
        ["options_review:"] + body(review).map { "  " + $0 }
    }

    private static func body(_ review: ItemReview) -> [String] {
        var lines = [
            "reviewer: \(quote(review.reviewer))",
            "reviewed_on: \(review.reviewedOn)",
        ]
        if let version = review.itemVersion { lines.append("item_version: \(version)") }
        if let digest = review.itemDigest { lines.append("item_digest: \(quote(digest))") }
        lines += [
            "reviewer_answer: [\(review.reviewerAnswer.joined(separator: ", "))]",
            "agreed: \(review.agreed)",
        ]
        if let note = review.note { lines.append("note: \(quote(note))") }
        lines += history(review.previous, body)
        return lines
    }

    private static func body(_ review: OptionsOnlyReview) -> [String] {
        var lines = [
            "reviewer: \(quote(review.reviewer))",
            "reviewed_on: \(review.reviewedOn)",
        ]
        if let version = review.itemVersion { lines.append("item_version: \(version)") }
        if let digest = review.itemDigest { lines.append("item_digest: \(quote(digest))") }
        lines += [
            "reviewer_answer: [\(review.reviewerAnswer.joined(separator: ", "))]",
            "hit: \(review.hit)",
        ]
        if let confidence = review.confidence { lines.append("confidence: \(quote(confidence))") }
        if let note = review.note { lines.append("note: \(quote(note))") }
        lines += history(review.previous, body)
        return lines
    }

    /// Earlier rounds as a `previous:` list, each round's lines indented under its dash.
    private static func history<R>(_ previous: [R]?, _ body: (R) -> [String]) -> [String] {
        guard let previous, !previous.isEmpty else { return [] }
        var lines = ["previous:"]
        for round in previous {
            let inner = body(round)
            lines.append("  - " + inner[0])
            lines += inner.dropFirst().map { "    " + $0 }
        }
        return lines
    }

    static func quote(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
