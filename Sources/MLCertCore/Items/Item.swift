/// A question in the bank: a production scenario, a question, options each with a rationale, and the teaching
/// explanation.
///
/// Items are data, written and reviewed like code. `version` changes whenever the wording or key changes, so that
/// recorded answers keep meaning what they meant. `origin` keeps the model open to items computed by a simulation,
/// whose key is worked out by running it rather than written by an author.
public struct Item: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, Hashable, StrictEnum {
        /// One best answer.
        case single
        /// "Choose N": exactly `choose` options are correct, scored all-or-nothing as the real exams do.
        case multiple
    }

    /// The writer's difficulty estimate, used as a prior until response data calibrates the item.
    public enum Difficulty: String, Hashable, StrictEnum {
        case easy, medium, hard

        /// Prior mean of the IRT difficulty parameter for this estimate.
        public var priorDifficulty: Double {
            switch self {
            case .easy: -1.0
            case .medium: 0.0
            case .hard: 1.0
            }
        }
    }

    public let id: String
    public let version: Int
    public let credential: String
    public let blueprint: String
    public let domain: String
    public let objective: String
    public let skillArea: SkillArea
    public let type: Kind
    public let choose: Int
    public let difficulty: Difficulty
    public let scenario: String
    public let question: String
    public let options: [ItemOption]
    public let explanation: String
    public let tags: [String]
    public let lastChecked: Day
    public let review: ItemReview?
    /// The options-only review: a reader who saw only the options tried to pick the key (see `OptionsOnlyReview`).
    public let optionsReview: OptionsOnlyReview?
    public let origin: ItemOrigin?
    /// Vendor documentation the rationales rest on, shown to a learner after they answer.
    public let references: [ItemReference]?
    /// The day the item entered the bank, so that statistics can tell a new wave of items from the old.
    public let addedOn: Day?
    /// Set when the item no longer takes part in practice (its skill left the exam guide, say). It stays in the bank
    /// so that recorded answers keep their meaning.
    public let retired: ItemRetirement?

    public init(
        id: String, version: Int = 1, credential: String, blueprint: String, domain: String, objective: String,
        skillArea: SkillArea, type: Kind, choose: Int, difficulty: Difficulty, scenario: String, question: String,
        options: [ItemOption], explanation: String, tags: [String], lastChecked: Day, review: ItemReview? = nil,
        origin: ItemOrigin? = nil, optionsReview: OptionsOnlyReview? = nil, references: [ItemReference]? = nil,
        addedOn: Day? = nil, retired: ItemRetirement? = nil
    ) {
        self.id = id
        self.version = version
        self.credential = credential
        self.blueprint = blueprint
        self.domain = domain
        self.objective = objective
        self.skillArea = skillArea
        self.type = type
        self.choose = choose
        self.difficulty = difficulty
        self.scenario = scenario
        self.question = question
        self.options = options
        self.explanation = explanation
        self.tags = tags
        self.lastChecked = lastChecked
        self.review = review
        self.origin = origin
        self.optionsReview = optionsReview
        self.references = references
        self.addedOn = addedOn
        self.retired = retired
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, credential, blueprint, domain, objective, type, choose, difficulty, scenario, question
        case options, explanation, tags, review, origin, references, retired
        case skillArea = "skill_area"
        case lastChecked = "last_checked"
        case optionsReview = "options_review"
        case addedOn = "added_on"
    }

    /// Whether the item takes part in practice: not retired. (It must also belong to the blueprint in force.)
    public var isActive: Bool { retired == nil }

    /// Indices of the correct options, in order.
    public var keyIndices: [Int] { options.indices.filter { options[$0].correct } }

    /// Letters of the correct options ("B", or "A, D").
    public var keyLetters: [String] { keyIndices.map(ItemOption.letter(for:)) }

    /// The chance of earning the point by a blind guess: one in the number of ways to pick `choose` of the options.
    public var blindGuessRate: Double {
        var ways = 1
        for i in 0..<choose { ways = ways * (options.count - i) / (i + 1) }
        return 1 / Double(max(1, ways))
    }

    /// Whether `chosen` (option indices) earns the point: the exact set of keys, as the real exams score "choose N".
    public func isCorrect(_ chosen: Set<Int>) -> Bool { chosen == Set(keyIndices) }
}

/// One answer option.
public struct ItemOption: Hashable, Sendable, Codable {
    public let text: String
    public let correct: Bool
    /// Why this option is right, or what makes it wrong in this scenario.
    public let rationale: String

    public init(text: String, correct: Bool = false, rationale: String) {
        self.text = text
        self.correct = correct
        self.rationale = rationale
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case text, correct, rationale }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        correct = try c.decodeIfPresent(Bool.self, forKey: .correct) ?? false
        rationale = try c.decode(String.self, forKey: .rationale)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        if correct { try c.encode(true, forKey: .correct) }
        try c.encode(rationale, forKey: .rationale)
    }

    /// "A" for 0, "B" for 1, ...
    public static func letter(for index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index)))
    }

    /// 0 for "A" or "a", ...; nil for anything else.
    public static func index(forLetter letter: String) -> Int? {
        guard letter.count == 1, let scalar = letter.uppercased().unicodeScalars.first,
            (65...90).contains(scalar.value)
        else { return nil }
        return Int(scalar.value) - 65
    }
}

/// How an item came to be: written by a person, or computed by a named generator from a seed.
public struct ItemOrigin: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, StrictEnum {
        case authored, generated
    }
    public let kind: Kind
    public let generator: String?
    public let seed: UInt64?

    public init(kind: Kind, generator: String? = nil, seed: UInt64? = nil) {
        self.kind = kind
        self.generator = generator
        self.seed = seed
    }
}
