import Foundation
import MLCertCore

/// Reads QTI 2.1 (and 3.0) assessment items into drafts, from a content package (zip with `imsmanifest.xml`) or a
/// single item file.
///
/// Items with one choice interaction become items; items with other interactions (text entry, order, hotspot, ...)
/// are reported as skipped. The correct response gives the keys, inline feedback inside a choice its rationale,
/// modal feedback the explanation, the prompt the question and the body before the interaction the scenario.
public enum QTIReader {
    public static func read(_ data: Data, file: String) throws(InterchangeError) -> ImportResult {
        if data.starts(with: [0x50, 0x4B]) {
            let files = try ZipArchive.read(data, file: file)
            guard let manifestData = files["imsmanifest.xml"] else {
                throw InterchangeError(file, "a QTI content package needs imsmanifest.xml at its root; found \(files.keys.sorted().prefix(5).joined(separator: ", "))")
            }
            let manifest = try XMLNode.parse(manifestData, file: "\(file)/imsmanifest.xml")
            var result = ImportResult()
            for resource in manifest.descendants("resource") {
                let type = resource.attributes["type"] ?? ""
                guard let href = resource.attributes["href"] ?? resource.child("file")?.attributes["href"] else { continue }
                let location = "\(file)/\(href)"
                guard type.hasPrefix("imsqti_item") else {
                    if type.hasPrefix("imsqti_test") || type.hasPrefix("imsqti_section") || type == "webcontent" || type.hasPrefix("associatedcontent") { continue }
                    result.skipped.append(SkippedEntry(source: location, reason: "resource type '\(type)' is not a QTI item"))
                    continue
                }
                guard let itemData = files[href] else {
                    throw InterchangeError("\(file)/imsmanifest.xml:\(resource.line)", "the manifest names \(href), which is not in the package")
                }
                try read(item: itemData, at: location, into: &result)
            }
            return result
        }
        var result = ImportResult()
        try read(item: data, at: file, into: &result)
        return result
    }

    static func read(item data: Data, at location: String, into result: inout ImportResult) throws(InterchangeError) {
        let root = try XMLNode.parse(data, file: location)
        let source = "\(location):\(root.line)"
        guard root.canonicalName == "assessmentItem" else {
            result.skipped.append(SkippedEntry(source: source, reason: "<\(root.name)> is not an assessment item"))
            return
        }
        switch item(root) {
        case .success(let (draft, notes)): result.items.append(ImportedItem(draft: draft, source: source, notes: notes))
        case .failure(let skip): result.skipped.append(SkippedEntry(source: source, reason: skip.reason))
        }
    }

    struct Skip: Error { let reason: String }

    static func item(_ root: XMLNode) -> Result<(ItemDraft, [String]), Skip> {
        var notes: [String] = []
        var draft = ItemDraft()
        draft.id = root.attributes["identifier"]
        guard let body = root.canonicalChild("itemBody") else { return .failure(Skip(reason: "the item has no item body")) }
        let interactions = body.allDescendants.filter { $0.canonicalName.hasSuffix("Interaction") }
        guard interactions.count == 1, let interaction = interactions.first, interaction.canonicalName == "choiceInteraction" else {
            let names = interactions.map(\.canonicalName)
            return .failure(Skip(reason: names.isEmpty ? "the item has no interaction" : "interactions \(names.joined(separator: ", ")): only a single choice interaction becomes an item"))
        }
        let responseID = interaction.canonicalAttribute("responseIdentifier") ?? "RESPONSE"
        let declaration = root.canonicalChildren("responseDeclaration").first { $0.attributes["identifier"] == responseID }
        let keys = Set(declaration?.canonicalChild("correctResponse")?.canonicalChildren("value").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? [])
        if keys.isEmpty { notes.append("no correct response is declared; no option is marked correct") }
        if declaration?.canonicalChild("mapping") != nil { notes.append("the response mapping (partial credit) was reduced to the correct response") }

        func text(_ node: XMLNode, excluding excluded: Set<String> = []) -> HTMLText.Parsed {
            let markup = node.content.map { part -> String in
                switch part {
                case .text(let t): return (try? XMLText.escape(t, at: "")) ?? t
                case .element(let e): return excluded.contains(e.canonicalName) ? "" : XMLNode.serialize(e)
                }
            }.joined()
            let parsed = HTMLText.parse(markup)
            if !parsed.droppedMedia.isEmpty { notes.append("media dropped (plain-text items hold none): \(parsed.droppedMedia.joined(separator: " "))") }
            return parsed
        }
        var scenario: [String] = []
        for part in body.content {
            switch part {
            case .text(let t): scenario += HTMLText.parse(t).paragraphs
            case .element(let e) where e === interaction: break
            case .element(let e) where e.allDescendants.contains { $0 === interaction }:
                scenario += text(e, excluding: ["choiceInteraction"]).paragraphs
            case .element(let e): scenario += text(e).paragraphs
            }
        }
        if let prompt = interaction.canonicalChild("prompt") {
            draft.question = text(prompt).text.nilIfEmpty
        } else if !scenario.isEmpty {
            draft.question = scenario.removeLast()
        }
        draft.scenario = scenario.joined(separator: "\n\n").nilIfEmpty
        var identifiers: [String] = []
        for choice in interaction.canonicalChildren("simpleChoice") {
            let identifier = choice.attributes["identifier"] ?? ""
            identifiers.append(identifier)
            let feedback = choice.allDescendants.filter { $0.canonicalName == "feedbackInline" }.map { text($0).text }.joined(separator: " ")
            draft.options.append(ItemOption(text: text(choice, excluding: ["feedbackInline"]).text, correct: keys.contains(identifier), rationale: feedback))
        }
        if let max = interaction.canonicalAttribute("maxChoices").flatMap(Int.init), max > 1 || keys.count > 1 {
            draft.type = .multiple
            draft.choose = keys.count
            if max != keys.count && max != 0 { notes.append("maxChoices \(max) differs from the \(keys.count) keys; choose set to \(keys.count)") }
        }
        for key in keys.subtracting(identifiers).sorted() { notes.append("the correct response names '\(key)', which is no choice") }
        if identifiers.contains(where: { ItemOption.index(forLetter: $0) == nil }) || identifiers != identifiers.indices.map(ItemOption.letter(for:)) {
            notes.append("choice identifiers \(identifiers.joined(separator: ", ")) became letters \(identifiers.indices.map(ItemOption.letter(for:)).joined(separator: ", "))")
        }
        let modal = root.canonicalChildren("modalFeedback")
        draft.explanation = modal.map { text($0).text }.filter { !$0.isEmpty }.joined(separator: "\n\n").nilIfEmpty
        if modal.count > 1 { notes.append("\(modal.count) modal feedbacks were joined into one explanation") }
        if body.allDescendants.contains(where: { $0.canonicalName == "feedbackBlock" }) { notes.append("feedback blocks in the body have no place in the item model; not imported") }
        for comment in root.comments {
            if let metadata = ItemMetadata(line: comment) { draft.apply(metadata, notes: &notes) }
        }
        return .success((draft, notes))
    }
}

extension XMLNode {
    /// The name as QTI 2.1 spells it, whichever version the document uses.
    var canonicalName: String { QTIDialect.canonical(name) }

    func canonicalChild(_ name: String) -> XMLNode? { children.first { $0.canonicalName == name } }
    func canonicalChildren(_ name: String) -> [XMLNode] { children.filter { $0.canonicalName == name } }

    func canonicalAttribute(_ name: String) -> String? {
        attributes[name] ?? attributes[QTIDialect.kebab(name)]
    }

    var allDescendants: [XMLNode] { children.flatMap { [$0] + $0.allDescendants } }

    /// The element with its content, re-serialized.
    static func serialize(_ e: XMLNode) -> String {
        "<\(e.name)" + e.attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\((try? XMLText.escape($0.value, at: "")) ?? $0.value)\"" }.joined()
            + (e.content.isEmpty ? "/>" : ">\(e.innerXML)</\(e.name)>")
    }
}
