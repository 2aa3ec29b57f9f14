import MLCertCore

/// An item as read from a foreign file: every field the file held, and nothing invented for the ones it did not.
///
/// Fields are optional because formats differ in what they carry; `ImportDefaults` fills gaps the user chose to fill,
/// and whatever stays empty is left out of the YAML so that `mlcert content lint` names it as missing, at its line.
/// Encodes with the bank's own field names and order.
public struct ItemDraft: Hashable, Sendable, Codable {
    public var id: String?
    public var version: Int?
    public var credential: String?
    public var blueprint: String?
    public var domain: String?
    public var objective: String?
    public var skillArea: SkillArea?
    public var type: Item.Kind?
    public var choose: Int?
    public var difficulty: Item.Difficulty?
    public var scenario: String?
    public var question: String?
    public var options: [ItemOption]
    public var explanation: String?
    public var tags: [String]?
    public var lastChecked: Day?
    public var references: [ItemReference]?
    public var addedOn: Day?
    public var retired: ItemRetirement?
    public var review: ItemReview?
    public var optionsReview: OptionsOnlyReview?
    public var origin: ItemOrigin?

    public enum CodingKeys: String, CodingKey {
        case id, version, credential, blueprint, domain, objective, type, choose, difficulty, scenario, question
        case options, explanation, tags, references, retired, review, origin
        case skillArea = "skill_area"
        case lastChecked = "last_checked"
        case addedOn = "added_on"
        case optionsReview = "options_review"
    }

    public init(options: [ItemOption] = []) { self.options = options }

    /// A draft holding every field of `item`: what JSON Lines gives back.
    public init(_ item: Item) {
        id = item.id
        version = item.version
        credential = item.credential
        blueprint = item.blueprint
        domain = item.domain
        objective = item.objective
        skillArea = item.skillArea
        type = item.type
        choose = item.choose
        difficulty = item.difficulty
        scenario = item.scenario
        question = item.question
        options = item.options
        explanation = item.explanation
        tags = item.tags
        lastChecked = item.lastChecked
        references = item.references
        addedOn = item.addedOn
        retired = item.retired
        review = item.review
        optionsReview = item.optionsReview
        origin = item.origin
    }

    /// The complete item, when every required field is present.
    public var item: Item? {
        guard let id, let credential, let blueprint, let domain, let objective, let skillArea, let difficulty,
            let scenario, let question, let explanation, let lastChecked
        else { return nil }
        let keys = options.filter(\.correct).count
        return Item(
            id: id, version: version ?? 1, credential: credential, blueprint: blueprint, domain: domain, objective: objective,
            skillArea: skillArea, type: type ?? (keys > 1 ? .multiple : .single), choose: choose ?? max(keys, 1),
            difficulty: difficulty, scenario: scenario, question: question, options: options, explanation: explanation,
            tags: tags ?? [], lastChecked: lastChecked, review: review, origin: origin, optionsReview: optionsReview,
            references: references, addedOn: addedOn, retired: retired)
    }

    /// Sets `type` and `choose` from the keys when the file did not state them: one key is a single-answer item,
    /// several make a "choose N" item.
    mutating func deriveKindFromKeys() {
        let keys = options.filter(\.correct).count
        if type == nil { type = keys > 1 ? .multiple : .single }
        if choose == nil { choose = max(keys, 1) }
    }

    /// Applies an `mlcert:` metadata line.
    mutating func apply(_ metadata: ItemMetadata, notes: inout [String]) {
        for (key, value) in metadata.fields {
            switch key {
            case "version":
                if let v = Int(value) { version = v } else { notes.append("mlcert metadata: version '\(value)' is not a whole number; ignored") }
            case "id": id = value
            case "credential": credential = value
            case "domain": domain = value
            case "blueprint": blueprint = value
            case "objective": objective = value
            case "skill_area":
                if let v = SkillArea(rawValue: value) { skillArea = v } else { notes.append("mlcert metadata: unknown skill_area '\(value)'; expected one of \(SkillArea.allowedValues)") }
            case "difficulty":
                if let v = Item.Difficulty(rawValue: value) { difficulty = v } else { notes.append("mlcert metadata: unknown difficulty '\(value)'; expected one of \(Item.Difficulty.allowedValues)") }
            case "last_checked":
                if let v = Day(value) { lastChecked = v } else { notes.append("mlcert metadata: last_checked '\(value)' is not YYYY-MM-DD; ignored") }
            case "added_on":
                if let v = Day(value) { addedOn = v } else { notes.append("mlcert metadata: added_on '\(value)' is not YYYY-MM-DD; ignored") }
            case "tags": tags = metadata.tags
            default: notes.append("mlcert metadata: unknown field '\(key)'; ignored")
            }
        }
    }
}
