import Foundation
import MLCertCore

/// Reads GIFT into item drafts: multiple-choice questions become items; every other question type (essay, true/false,
/// short answer, numeric, matching, missing word) is reported as skipped.
///
/// What GIFT holds maps as the writer maps it: `::title::` is the id, the category path's last two parts are the
/// credential and domain, `[id:]` and `[tag:]` comments give the id and tags, an `mlcert:` comment gives the rest of
/// the classification, the last paragraph of the text is the question and the paragraphs before it the scenario.
public enum GIFTReader {
    public static func read(_ text: String, file: String) -> ImportResult {
        var result = ImportResult()
        var category: String?
        var comments: [String] = []
        var block: [Substring] = []
        var blockLine = 0
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)

        func finish() {
            defer { block = []; comments = [] }
            guard !block.isEmpty else { return }
            let location = "\(file):\(blockLine)"
            switch question(block.joined(separator: "\n")[...], comments: comments, category: category) {
            case .success(let (draft, notes)): result.items.append(ImportedItem(draft: draft, source: location, notes: notes))
            case .failure(let skip): result.skipped.append(SkippedEntry(source: location, reason: skip.reason))
            }
        }

        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if GIFTText.braceBalance(block.joined(separator: "\n")[...]) <= 0 { finish() }
                continue
            }
            if trimmed.hasPrefix("//") {
                comments.append(String(trimmed.dropFirst(2)))
                continue
            }
            if block.isEmpty, trimmed.hasPrefix("$CATEGORY:") {
                category = trimmed.dropFirst("$CATEGORY:".count).trimmingCharacters(in: .whitespaces)
                comments = []
                continue
            }
            if block.isEmpty { blockLine = index + 1 }
            block.append(line)
        }
        finish()
        return result
    }

    struct Skip: Error { let reason: String }

    static func question(_ source: Substring, comments: [String], category: String?) -> Result<(ItemDraft, [String]), Skip> {
        var notes: [String] = []
        var draft = ItemDraft()
        var rest = source.drop { $0.isWhitespace }
        if rest.hasPrefix("::"), let end = GIFTText.firstUnescaped("::", in: rest.dropFirst(2)) {
            draft.id = GIFTText.unescape(rest[rest.index(rest.startIndex, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(end, offsetBy: 2)...].drop { $0.isWhitespace }
        }
        var format = "moodle"
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            format = rest[rest.index(after: rest.startIndex)..<close].lowercased()
            rest = rest[rest.index(after: close)...]
        }
        guard let open = GIFTText.firstUnescaped("{", in: rest) else {
            return .failure(Skip(reason: "a description with no answer block; not a question"))
        }
        let stem = rest[..<open]
        let afterOpen = rest[rest.index(after: open)...]
        guard let close = GIFTText.firstUnescaped("}", in: afterOpen) else {
            return .failure(Skip(reason: "the answer block '{' is never closed"))
        }
        let answers = afterOpen[..<close].trimmingCharacters(in: .whitespacesAndNewlines)
        let tail = afterOpen[afterOpen.index(after: close)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if !tail.isEmpty {
            return .failure(Skip(reason: "a missing-word question (text after the answer block); mlcert items have the answer options after the question"))
        }
        if answers.isEmpty { return .failure(Skip(reason: "an essay question (empty answer block)")) }
        if answers.hasPrefix("#") { return .failure(Skip(reason: "a numeric question")) }
        if ["T", "F", "TRUE", "FALSE"].contains(answers.uppercased().prefix { $0.isLetter }.description), !answers.contains("~") {
            return .failure(Skip(reason: "a true/false question"))
        }
        if GIFTText.firstUnescaped("->", in: answers[...]) != nil { return .failure(Skip(reason: "a matching question")) }
        if !answers.contains("~") { return .failure(Skip(reason: "a short-answer question (only '=' answers)")) }

        func text(_ raw: Substring) -> String {
            let plain = GIFTText.unescape(raw)
            guard format == "html" else { return plain.trimmingCharacters(in: .whitespacesAndNewlines) }
            let parsed = HTMLText.parse(plain)
            if !parsed.droppedMedia.isEmpty { notes.append("media dropped (plain-text items hold none): \(parsed.droppedMedia.joined(separator: " "))") }
            return parsed.text
        }
        if format == "markdown" { notes.append("the text is Markdown; it was imported as plain text, markup included") }

        let stemText: [String]
        if format == "html" {
            let parsed = HTMLText.parse(GIFTText.unescape(stem))
            if !parsed.droppedMedia.isEmpty { notes.append("media dropped from the question: \(parsed.droppedMedia.joined(separator: " "))") }
            stemText = parsed.paragraphs
        } else {
            stemText = GIFTText.unescape(stem).components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        draft.question = stemText.last
        if stemText.count > 1 { draft.scenario = stemText.dropLast().joined(separator: "\n\n") }

        var body = answers[...]
        if let general = GIFTText.firstUnescaped("####", in: body) {
            draft.explanation = text(body[body.index(general, offsetBy: 4)...]).nilIfEmpty
            body = body[..<general]
        }
        var weights: [Double?] = []
        for (mark, raw) in split(body) {
            var part = raw.drop { $0.isWhitespace }
            var weight: Double?
            if part.hasPrefix("%"), let end = part.dropFirst().firstIndex(of: "%") {
                weight = Double(part[part.index(after: part.startIndex)..<end])
                part = part[part.index(after: end)...]
            }
            var feedback: String?
            if let hash = GIFTText.firstUnescaped("#", in: part) {
                feedback = text(part[part.index(after: hash)...])
                part = part[..<hash]
            }
            let correct = mark == "=" || (weight ?? 0) > 0
            draft.options.append(ItemOption(text: text(part), correct: correct, rationale: feedback ?? ""))
            weights.append(mark == "=" ? 100 : weight)
        }
        let positive: Set<Double> = Set(weights.compactMap { $0 }.filter { $0 > 0 })
        let keyCount = draft.options.filter(\.correct).count
        if positive.count > 1 || (keyCount == 1 && positive.contains { $0 < 100 }) {
            let shown: [String] = weights.map { (w: Double?) -> String in w.map { GIFTWriter.formatWeight($0) + "%" } ?? "-" }
            notes.append("partial-credit weights \(shown.joined(separator: " ")) reduced to right or wrong")
        }

        for comment in comments {
            if let metadata = ItemMetadata(line: comment) {
                draft.apply(metadata, notes: &notes)
                continue
            }
            var scan = comment[...]
            while let open = scan.range(of: "[") , let close = scan[open.upperBound...].firstIndex(of: "]") {
                let entry = scan[open.upperBound..<close]
                if entry.hasPrefix("id:") { draft.id = draft.id ?? String(entry.dropFirst(3)) }
                if entry.hasPrefix("tag:") { draft.tags = (draft.tags ?? []) + [String(entry.dropFirst(4))] }
                scan = scan[scan.index(after: close)...]
            }
        }
        if let category {
            let hosts: Set<String> = ["$course$", "$cat1$", "$system$", "$module$", "top"]
            let parts: [String] = category.split(separator: "/").map(String.init).filter { !hosts.contains($0) }
            if parts.count >= 2 {
                draft.credential = parts[parts.count - 2]
                draft.domain = parts[parts.count - 1]
            } else if let last = parts.last {
                notes.append("category '\(category)' does not name a credential and a domain; used '\(last)' as the domain")
                draft.domain = last
            }
        }
        return .success((draft, notes))
    }

    /// Splits the answer list at each unescaped `=` or `~` that starts an answer.
    static func split(_ body: Substring) -> [(Character, Substring)] {
        var parts: [(Character, Substring)] = []
        var start: Substring.Index?
        var mark: Character = "~"
        var i = body.startIndex
        while i < body.endIndex {
            let ch = body[i]
            if ch == "\\" {
                i = body.index(after: i)
                if i < body.endIndex { i = body.index(after: i) }
                continue
            }
            if ch == "=" || ch == "~" {
                if let s = start { parts.append((mark, body[s..<i])) }
                mark = ch
                start = body.index(after: i)
            }
            i = body.index(after: i)
        }
        if let s = start { parts.append((mark, body[s...])) }
        return parts
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
