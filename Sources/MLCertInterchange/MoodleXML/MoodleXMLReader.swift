import Foundation
import MLCertCore

/// Reads a Moodle XML question bank into item drafts: `multichoice` (and the all-or-nothing `multichoiceset`)
/// questions become items, `category` questions set the credential and domain of the questions after them, and every
/// other question type is reported as skipped.
public enum MoodleXMLReader {
    public static func read(_ data: Data, file: String) throws(InterchangeError) -> ImportResult {
        let root = try XMLNode.parse(data, file: file)
        guard root.name == "quiz" else { throw InterchangeError("\(file):\(root.line)", "expected a <quiz> root element, found <\(root.name)>") }
        var result = ImportResult()
        var category: (credential: String?, domain: String?) = (nil, nil)
        for question in root.children("question") {
            let location = "\(file):\(question.line)"
            let type = question.attributes["type"] ?? ""
            switch type {
            case "category":
                let path = question.child("category")?.child("text")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                let parts = path.split(separator: "/").map(String.init).filter { !["$course$", "$system$", "$module$", "$cat1$", "top"].contains($0) }
                category = (parts.count >= 2 ? parts[parts.count - 2] : nil, parts.last)
            case "multichoice", "multichoiceset":
                result.items.append(item(question, category: category, at: location, allOrNothing: type == "multichoiceset"))
            default:
                let name = question.child("name")?.child("text")?.text ?? "(unnamed)"
                result.skipped.append(SkippedEntry(source: location, reason: "'\(name)' is a \(type.isEmpty ? "question without a type" : "'\(type)' question"); only multiple-choice questions become items"))
            }
        }
        return result
    }

    static func item(_ q: XMLNode, category: (credential: String?, domain: String?), at location: String, allOrNothing: Bool) -> ImportedItem {
        var notes: [String] = []
        var draft = ItemDraft()
        func html(_ node: XMLNode?, _ what: String) -> HTMLText.Parsed {
            guard let node else { return HTMLText.Parsed(paragraphs: [], droppedMedia: []) }
            let raw = node.child("text")?.text ?? ""
            let format = node.attributes["format"] ?? "html"
            let parsed = format == "html" || format == "moodle_auto_format"
                ? HTMLText.parse(raw)
                : HTMLText.Parsed(paragraphs: raw.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }, droppedMedia: [])
            if !parsed.droppedMedia.isEmpty { notes.append("media dropped from the \(what) (plain-text items hold none): \(parsed.droppedMedia.joined(separator: " "))") }
            if !node.children("file").isEmpty { notes.append("\(node.children("file").count) embedded file(s) in the \(what) dropped") }
            return parsed
        }
        draft.id = (q.child("idnumber")?.text).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }
            ?? q.child("name")?.child("text")?.text.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let stem = html(q.child("questiontext"), "question text").paragraphs
        draft.question = stem.last
        if stem.count > 1 { draft.scenario = stem.dropLast().joined(separator: "\n\n") }
        draft.explanation = html(q.child("generalfeedback"), "general feedback").text.nilIfEmpty
        var fractions: [Double] = []
        for (index, answer) in q.children("answer").enumerated() {
            let fraction = Double(answer.attributes["fraction"] ?? "0") ?? 0
            fractions.append(fraction)
            let text = html(answer, "option \(ItemOption.letter(for: index))").text
            let feedback = html(answer.child("feedback"), "feedback of option \(ItemOption.letter(for: index))").text
            draft.options.append(ItemOption(text: text, correct: fraction > 0, rationale: feedback))
        }
        let single = q.child("single")?.text.trimmingCharacters(in: .whitespaces).lowercased()
        let positive = fractions.filter { $0 > 0 }
        if single == "true" || single == "1" {
            if positive.count > 1 || positive.contains(where: { $0 < 100 }) {
                notes.append("partial credit (fractions \(fractions.map { GIFTWriter.formatWeight($0) }.joined(separator: ", "))) reduced to right or wrong; \(positive.count) option(s) with credit became keys")
            }
        } else if !allOrNothing, Set(positive.map { ($0 * 1000).rounded() }).count > 1 {
            notes.append("unequal partial credit (fractions \(fractions.map { GIFTWriter.formatWeight($0) }.joined(separator: ", "))) reduced to keys and distractors")
        }
        for node in ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"] {
            if let text = q.child(node)?.child("text")?.text, !HTMLText.parse(text).text.isEmpty {
                notes.append("<\(node)> has no place in the item model; not imported")
            }
        }
        let hints = q.children("hint")
        if !hints.isEmpty { notes.append("\(hints.count) hint(s) have no place in the item model; not imported") }
        let tags = q.child("tags")?.children("tag").compactMap { $0.child("text")?.text.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }
        if let tags { draft.tags = tags }
        draft.credential = category.credential
        draft.domain = category.domain
        for comment in q.comments {
            if let metadata = ItemMetadata(line: comment) { draft.apply(metadata, notes: &notes) }
        }
        return ImportedItem(draft: draft, source: location, notes: notes)
    }
}
