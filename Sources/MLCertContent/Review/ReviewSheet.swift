import MLCertCore

/// A review sheet for an independent reviewer: items as a candidate sees them (no key, rationale or explanation), or,
/// for the options-only round, nothing but each item's options.
public struct ReviewSheet: Sendable {
    public let items: [Item]

    public init(items: [Item]) { self.items = items }

    /// The sheet for `round`.
    public func render(_ round: ReviewRecorder.Round) -> String {
        round == .fullItem ? renderMarkdown() : renderOptionsOnly()
    }

    /// Only the options, with how many to pick: the scenario, the question, the key and the rationales stay hidden, so
    /// a pick above chance can come only from what the options themselves give away.
    public func renderOptionsOnly() -> String {
        var out = ["# Options-only sheet (\(items.count) items)", "",
            "Each entry shows only the answer options of an exam question; the scenario and the question are hidden. For",
            "each, pick the option(s) most likely to be the intended answer, as a test-wise candidate would, and say why.",
            "Write one line per item to an answers file:",
            "`<item-id>: <letters> | <high|medium|low> | <why you picked it, or ->`, e.g. `pmle-4-017: B | low | managed option`.",
            "Pick exactly as many letters as the entry asks for, even when you are guessing.", ""]
        for item in items {
            out.append("## \(item.id)" + (item.choose > 1 ? " (pick \(item.choose))" : " (pick 1)"))
            out.append("")
            for (i, option) in item.options.enumerated() {
                out.append("\(ItemOption.letter(for: i)). \(option.text.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public func renderMarkdown() -> String {
        var out = ["# Review sheet (\(items.count) items)", "",
            "Answer each item without looking at the bank. Write one line per item to an answers file:",
            "`<item-id>: <letters> | <high|medium|low> | <flaw note or ->`, e.g. `pmle-4-017: B | high | -`.", ""]
        for item in items {
            out.append("## \(item.id)")
            out.append("")
            out.append(item.scenario.trimmingCharacters(in: .whitespacesAndNewlines))
            out.append("")
            out.append("**\(item.question.trimmingCharacters(in: .whitespacesAndNewlines))**")
            out.append("")
            for (i, option) in item.options.enumerated() {
                out.append("\(ItemOption.letter(for: i)). \(option.text.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

/// One reviewer answer line: `id: B,D | confidence | note`.
public struct ReviewAnswer: Sendable, Equatable {
    public let itemID: String
    public let letters: [String]
    public let confidence: String?
    public let note: String?

    public init(itemID: String, letters: [String], confidence: String?, note: String?) {
        self.itemID = itemID
        self.letters = letters
        self.confidence = confidence
        self.note = note
    }

    /// Parses an answers file; blank lines and lines starting with `#` are skipped. Errors name the line.
    public static func parse(_ text: String, file: String) throws(ContentErrors) -> [ReviewAnswer] {
        var answers: [ReviewAnswer] = []
        var problems: [ContentProblem] = []
        for (n, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("```") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(ContentProblem(file: file, line: n + 1, field: "(line)", message: "expected 'item-id: LETTERS | confidence | note'", rule: "review.answers"))
                continue
            }
            let id = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let fields = line[line.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let letters = fields[0].split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.uppercased() }
            guard !letters.isEmpty, letters.allSatisfy({ ItemOption.index(forLetter: $0) != nil }) else {
                problems.append(ContentProblem(file: file, line: n + 1, field: id, message: "answer '\(fields[0])' is not option letters", rule: "review.answers"))
                continue
            }
            let note = fields.count > 2 && fields[2] != "-" && !fields[2].isEmpty ? fields[2] : nil
            answers.append(ReviewAnswer(itemID: id, letters: letters.sorted(), confidence: fields.count > 1 ? fields[1] : nil, note: note))
        }
        if !problems.isEmpty { throw ContentErrors(problems: problems) }
        return answers
    }
}
