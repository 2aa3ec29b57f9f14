import MLCertCore
import Psychometrics

/// One option as a family drafts it, before the order is shuffled.
struct OptionDraft {
    let text: String
    let rationale: String
    var isKey = false
}

/// Turns a family's drafted scenario, question and options into an `Item` the practice engine, the exports and the
/// lint treat like any written item: the id names the family and the seed, the origin says it was generated, and the
/// options are shuffled by the seed so the key's position carries no information.
enum ItemBuilder {
    /// The id of instance `seed` of family `family`: `gen-FAMILY-SEED`.
    static func id(family: String, seed: UInt64) -> String { "gen-\(family)-\(seed)" }

    static func item(
        info: FamilyInfo, target: FamilyTarget, seed: UInt64, difficulty: Item.Difficulty, scenario: String, question: String,
        options: [OptionDraft], explanation: String, tags: [String], references: [ItemReference] = [], draw: inout Draw
    ) -> Item {
        let shuffled = draw.shuffled(options)
        let keys = shuffled.filter(\.isKey).count
        return Item(
            id: id(family: info.id, seed: seed), version: info.version, credential: target.credential, blueprint: target.blueprint,
            domain: target.domain, objective: target.objective, skillArea: info.skillArea, type: keys > 1 ? .multiple : .single,
            choose: max(1, keys), difficulty: difficulty, scenario: scenario, question: question,
            options: shuffled.map { ItemOption(text: $0.text, correct: $0.isKey, rationale: $0.rationale) },
            explanation: explanation, tags: tags, lastChecked: info.lastChecked,
            origin: ItemOrigin(kind: .generated, generator: info.id, seed: seed),
            references: references.isEmpty ? nil : references)
    }
}
