import MLCertCore

/// Finds product names in text, longest name first, so that "Vertex AI Workbench" is found as itself and not also as
/// "Vertex AI", and a name counts only where it stands as a whole phrase ("Dataproc", not part of another word).
struct RetiredNameFinder: Sendable {
    let entries: [ProductRename]

    /// `entries` sorted longest name first.
    init(_ renames: [ProductRename]) {
        entries = renames.sorted { ($0.old.count, $0.old) > ($1.old.count, $1.old) }
    }

    /// The entries whose old name occurs in `text`, each once, in order of first appearance.
    func entries(in text: String) -> [ProductRename] {
        var taken: [Range<String.Index>] = []
        var found: [(String.Index, ProductRename)] = []
        for entry in entries {
            var first: String.Index?
            for range in Self.occurrences(of: entry.old, in: text) where !taken.contains(where: { $0.overlaps(range) }) {
                taken.append(range)
                if first == nil { first = range.lowerBound }
            }
            if let first { found.append((first, entry)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Whether `name` occurs in `text` as a whole phrase.
    static func mentions(_ name: String, in text: String) -> Bool { !occurrences(of: name, in: text).isEmpty }

    /// Ranges of `name` in `text` that are not part of a longer word on either side. A plural name ("Databricks Asset
    /// Bundles") also matches its singular ("a Databricks Asset Bundle").
    static func occurrences(of name: String, in text: String) -> [Range<String.Index>] {
        guard !name.isEmpty else { return [] }
        let forms = name.count > 3 && name.hasSuffix("s") ? [name, String(name.dropLast())] : [name]
        var out: [Range<String.Index>] = []
        for form in forms {
            for range in wholePhrases(form, in: text) where !out.contains(where: { $0.overlaps(range) }) { out.append(range) }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }

    private static func wholePhrases(_ name: String, in text: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: name, range: start..<text.endIndex) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if !isWordCharacter(before) && !isWordCharacter(after) { out.append(range) }
            start = text.index(after: range.lowerBound)
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}

/// The text a content entity shows a learner, field by field, for the rules that read prose.
enum ProseFields {
    /// An item's scenario, question, options with their rationales, and explanation.
    static func of(_ item: Item) -> [(path: FieldPath, text: String)] {
        var fields: [(FieldPath, String)] = [([.key("scenario")], item.scenario), ([.key("question")], item.question)]
        for (i, option) in item.options.enumerated() {
            fields.append(([.key("options"), .index(i), .key("text")], option.text))
            fields.append(([.key("options"), .index(i), .key("rationale")], option.rationale))
        }
        fields.append(([.key("explanation")], item.explanation))
        return fields.map { (path: $0.0, text: $0.1) }
    }

    /// A course's title and summary.
    static func of(_ course: Course) -> [(path: FieldPath, text: String)] {
        [(path: [.key("title")], text: course.title), (path: [.key("summary")], text: course.summary)]
    }

    /// What a credential says about itself today: summary, status note, facts, claims and the current guide. Earlier
    /// guides are left out; they are records of the names in use at the time.
    static func of(_ credential: Credential) -> [(path: FieldPath, text: String)] {
        var fields: [(FieldPath, String?)] = [([.key("summary")], credential.summary), ([.key("status"), .key("note")], credential.status.note)]
        let facts = credential.facts
        func fact<V>(_ key: CredentialFacts.CodingKeys, _ value: Fact<V>?, text: (V) -> String? = { _ in nil }) {
            guard let value else { return }
            let base: FieldPath = [.key("facts"), .key(key.stringValue)]
            fields += [(base.key("value"), text(value.value)), (base.key("note"), value.note), (base.key("conflict"), value.conflict)]
        }
        fact(.price, facts.price)
        fact(.durationMinutes, facts.durationMinutes)
        fact(.questions, facts.questions)
        fact(.questionTypes, facts.questionTypes)
        fact(.scoring, facts.scoring)
        fact(.validity, facts.validity)
        fact(.renewal, facts.renewal) { $0 }
        fact(.retakePolicy, facts.retakePolicy) { $0 }
        fact(.delivery, facts.delivery)
        fact(.languages, facts.languages)
        fact(.recommendedExperience, facts.recommendedExperience) { $0 }
        for (c, claim) in (credential.claims ?? []).enumerated() { fields.append(([.key("claims"), .index(c), .key("text")], claim.text)) }
        if let b = credential.blueprints?.firstIndex(where: \.current), let blueprint = credential.blueprints?[b] {
            let base: FieldPath = [.key("blueprints"), .index(b)]
            fields += [(base.key("title"), blueprint.title), (base.key("note"), blueprint.note)]
            for (d, domain) in blueprint.domains.enumerated() {
                let domainPath = base.key("domains").index(d)
                fields.append((domainPath.key("title"), domain.title))
                guard domain.objectivesFrom == nil else { continue }
                for (o, objective) in (domain.objectives ?? []).enumerated() {
                    let objectivePath = domainPath.key("objectives").index(o)
                    fields.append((objectivePath.key("title"), objective.title))
                    for (t, topic) in (objective.topics ?? []).enumerated() { fields.append((objectivePath.key("topics").index(t), topic)) }
                }
            }
        }
        return fields.compactMap { path, text in text.map { (path: path, text: $0) } }
    }
}
