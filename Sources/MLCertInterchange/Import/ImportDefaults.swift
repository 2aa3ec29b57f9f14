import MLCertCore

/// Values the user supplies for fields a foreign file does not hold (most platforms know nothing of blueprints,
/// objectives or skill areas). Applied only where the file said nothing, and each use is noted on the item.
public struct ImportDefaults: Sendable {
    public var credential: String?
    public var blueprint: String?
    public var domain: String?
    public var objective: String?
    public var skillArea: SkillArea?
    public var difficulty: Item.Difficulty?
    public var lastChecked: Day?

    public init(
        credential: String? = nil, blueprint: String? = nil, domain: String? = nil, objective: String? = nil,
        skillArea: SkillArea? = nil, difficulty: Item.Difficulty? = nil, lastChecked: Day? = nil
    ) {
        self.credential = credential
        self.blueprint = blueprint
        self.domain = domain
        self.objective = objective
        self.skillArea = skillArea
        self.difficulty = difficulty
        self.lastChecked = lastChecked
    }

    /// The fields an item must have, in the order the YAML writes them.
    static let required: [(String, @Sendable (ItemDraft) -> Bool)] = [
        ("id", { $0.id != nil }), ("credential", { $0.credential != nil }), ("blueprint", { $0.blueprint != nil }),
        ("domain", { $0.domain != nil }), ("objective", { $0.objective != nil }), ("skill_area", { $0.skillArea != nil }),
        ("difficulty", { $0.difficulty != nil }), ("scenario", { $0.scenario != nil }), ("question", { $0.question != nil }),
        ("explanation", { $0.explanation != nil }), ("last_checked", { $0.lastChecked != nil }),
    ]

    /// Fills what the file left out from these defaults (and the blueprint from the credential's current guide in
    /// `catalog`), noting each filled field and each field still missing.
    public func apply(to imported: ImportedItem, catalog: Catalog?) -> ImportedItem {
        var out = imported
        func fill<T>(_ path: WritableKeyPath<ItemDraft, T?>, _ value: T?, _ name: String, _ shown: (T) -> String) {
            guard out.draft[keyPath: path] == nil, let value else { return }
            out.draft[keyPath: path] = value
            out.notes.append("\(name) not in the source; set to '\(shown(value))' from the command line")
        }
        fill(\.credential, credential, "credential", { $0 })
        fill(\.domain, domain, "domain", { $0 })
        fill(\.objective, objective, "objective", { $0 })
        fill(\.skillArea, skillArea, "skill_area", \.rawValue)
        fill(\.difficulty, difficulty, "difficulty", \.rawValue)
        fill(\.lastChecked, lastChecked, "last_checked", \.description)
        let current = out.draft.credential.flatMap { catalog?.credential(id: $0)?.currentBlueprint?.version }
        if out.draft.blueprint == nil, let version = blueprint ?? current {
            out.draft.blueprint = version
            out.notes.append("blueprint not in the source; set to '\(version)'" + (blueprint == nil ? " (the credential's current guide)" : " from the command line"))
        }
        out.draft.deriveKindFromKeys()
        if out.draft.version == nil {
            out.draft.version = 1
            out.notes.append("version not in the source; set to 1, as for a new item")
        }
        let missing = Self.required.filter { !$0.1(out.draft) }.map(\.0) + (out.draft.tags == nil ? ["tags"] : [])
        // Text and tags left empty rather than out: the item still loads, and the lint rules that want them say so
        // at their line alongside every other problem.
        for text in [\ItemDraft.scenario, \.question, \.explanation] where out.draft[keyPath: text] == nil { out.draft[keyPath: text] = "" }
        if out.draft.tags == nil { out.draft.tags = [] }
        if !missing.isEmpty {
            out.notes.append("missing \(missing.joined(separator: ", ")): the source does not hold \(missing.count == 1 ? "it" : "them"); lint names each in the YAML")
        }
        return out
    }
}
