/// One version of an exam guide: its sections (domains), their weights and objectives, and when it is in force.
///
/// Vendors revise guides often, and a learner preparing today needs the current one while older items and history
/// still point at earlier ones, so every version is kept.
public struct Blueprint: Hashable, Sendable, Codable {
    public let version: String
    public let title: String
    /// The exam code candidates sit under this guide (MLA-C01, then MLA-C02), where the vendor changes the code with
    /// the guide while the credential stays the same.
    public let examCode: String?
    public let inForce: DateRange
    public let current: Bool
    /// False where the vendor published sections without percentages (the 2022 Google guide).
    public let weightsPublished: Bool
    public let sources: [String]
    public let confidence: Confidence
    public let note: String?
    /// Set when the objectives were copied from another version because this version's were not retrieved.
    public let objectivesCarriedFrom: String?
    /// Set when the objectives are mlcert's own breakdown rather than the vendor's.
    public let objectivesSource: String?
    /// Forms of the exam under this guide that differ from the standard one, such as a beta.
    public let forms: [ExamForm]?
    /// The version this guide replaced, when its objectives say (in `from`) which of that version's objectives each
    /// one continues; `BlueprintDiff` then reports moves as the vendor mapped them instead of guessing from titles.
    public let follows: String?
    public var domains: [Domain]

    public init(
        version: String, title: String, examCode: String? = nil, inForce: DateRange, current: Bool, weightsPublished: Bool,
        sources: [String], confidence: Confidence, note: String? = nil, objectivesCarriedFrom: String? = nil,
        objectivesSource: String? = nil, forms: [ExamForm]? = nil, follows: String? = nil, domains: [Domain]
    ) {
        self.version = version
        self.title = title
        self.examCode = examCode
        self.inForce = inForce
        self.current = current
        self.weightsPublished = weightsPublished
        self.sources = sources
        self.confidence = confidence
        self.note = note
        self.objectivesCarriedFrom = objectivesCarriedFrom
        self.objectivesSource = objectivesSource
        self.forms = forms
        self.follows = follows
        self.domains = domains
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case version, title, current, sources, confidence, note, forms, follows, domains
        case examCode = "exam_code"
        case inForce = "in_force"
        case weightsPublished = "weights_published"
        case objectivesCarriedFrom = "objectives_carried_from"
        case objectivesSource = "objectives_source"
    }

    public func domain(id: String) -> Domain? { domains.first { $0.id == id } }

    /// Each domain's share of the exam as a fraction summing to 1: the published weight, the midpoint of a published
    /// range, or equal shares where the vendor published none.
    public var normalizedWeights: [String: Double] {
        let raw = domains.map { $0.nominalWeight ?? 1 }
        let total = raw.reduce(0, +)
        var out: [String: Double] = [:]
        for (domain, weight) in zip(domains, raw) { out[domain.id] = total > 0 ? weight / total : 0 }
        return out
    }
}

/// A span of days; `until` is nil while the version is still in force.
public struct DateRange: Hashable, Sendable, Codable {
    public let from: Day
    public let until: Day?
    public init(from: Day, until: Day? = nil) {
        self.from = from
        self.until = until
    }
}

/// A section of an exam guide.
public struct Domain: Hashable, Sendable, Codable, Identifiable {
    public let id: String
    public let number: Int
    public let title: String
    /// A published percentage.
    public let weight: Double?
    /// A published range of percentages, as Microsoft gives them.
    public let weightRange: [Double]?
    public var objectives: [Objective]?
    /// The blueprint version whose objectives this domain reuses (resolved by the loader).
    public let objectivesFrom: String?
    public let conflict: String?

    public init(
        id: String, number: Int, title: String, weight: Double? = nil, weightRange: [Double]? = nil,
        objectives: [Objective]? = nil, objectivesFrom: String? = nil, conflict: String? = nil
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.weight = weight
        self.weightRange = weightRange
        self.objectives = objectives
        self.objectivesFrom = objectivesFrom
        self.conflict = conflict
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, number, title, weight, objectives, conflict
        case weightRange = "weight_range"
        case objectivesFrom = "objectives_from"
    }

    /// The weight used for planning: the published figure, or the middle of the published range.
    public var nominalWeight: Double? {
        if let weight { return weight }
        if let range = weightRange, range.count == 2 { return (range[0] + range[1]) / 2 }
        return nil
    }

    /// The weight as a vendor writes it: "22%", "25-30%", or nil.
    public var weightLabel: String? {
        func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        if let weight { return "\(fmt(weight))%" }
        if let range = weightRange, range.count == 2 { return "\(fmt(range[0]))-\(fmt(range[1]))%" }
        return nil
    }

    public func objective(id: String) -> Objective? { objectives?.first { $0.id == id } }
}

/// A sub-topic of a domain; items and study sessions target objectives.
public struct Objective: Hashable, Sendable, Codable, Identifiable {
    public let id: String
    public let title: String
    public let topics: [String]?
    /// Ids of the objectives of the version this guide `follows` whose content this objective continues (["1.1",
    /// "1.3"] where the June 2026 PMLE guide folded AutoML training into 1.1). Empty when the objective is new.
    public let from: [String]?
    public init(id: String, title: String, topics: [String]? = nil, from: [String]? = nil) {
        self.id = id
        self.title = title
        self.topics = topics
        self.from = from
    }
    public enum CodingKeys: String, CodingKey, CaseIterable { case id, title, topics, from }
}
