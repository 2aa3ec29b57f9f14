import MLCertCore

/// A family of computed items: a situation drawn from a simulated production ML system (a feature's histograms, a
/// latency profile, a cost table...), the quantities that matter worked out with the formulas the platforms document,
/// and a rendered item whose key is right by construction and whose wrong options are the numbers or choices that
/// common mistakes produce.
///
/// A family is pure: `instance(seed:)` draws everything from a generator seeded with `seed`, so the same seed always
/// renders the same item, and a stored answer to `gen-FAMILY-SEED` can be re-rendered to review it. A learner who
/// is shown a new seed each time can practise the judgement without being able to memorise the bank.
///
/// ```swift
/// let family = PopulationStabilityFamily()
/// let instance = family.instance(seed: 42)
/// print(instance.item.question, instance.item.keyLetters, instance.working)
/// ```
public protocol ItemFamily: Sendable {
    /// What the family tests, where it sits in the blueprints, and where its formulas come from.
    var info: FamilyInfo { get }
    /// The instance for `seed`, for the first target that matches `credential` (the family's first target if nil).
    func instance(seed: UInt64, for credential: String?) -> FamilyInstance
}

extension ItemFamily {
    public var id: String { info.id }

    /// The instance for `seed` at the family's first target.
    public func instance(seed: UInt64) -> FamilyInstance { instance(seed: seed, for: nil) }

    /// The target for `credential`, or the first.
    public func target(for credential: String?) -> FamilyTarget {
        credential.flatMap { c in info.targets.first { $0.credential == c } } ?? info.targets[0]
    }
}

/// The description every family carries: listed by `mlcert content families`.
public struct FamilyInfo: Sendable, Hashable, Codable {
    /// A short id made of lower-case letters, digits and hyphens, e.g. `psi-drift`.
    public let id: String
    public let title: String
    /// Bumped whenever the generator or the wording changes, so that an answer keeps meaning what it meant: an answer
    /// recorded against an older version is shown as "this question has changed since you answered".
    public let version: Int
    /// Where the family serves: one or more exam-guide objectives.
    public let targets: [FamilyTarget]
    public let skillArea: SkillArea
    /// What makes an instance harder, in the order the generator varies them.
    public let difficultyDrivers: [String]
    /// The source of each formula or threshold the family uses.
    public let sources: [FamilySource]
    /// The day the family's facts (thresholds, prices, limits) were last checked.
    public let lastChecked: Day

    public init(
        id: String, title: String, version: Int, targets: [FamilyTarget], skillArea: SkillArea, difficultyDrivers: [String],
        sources: [FamilySource], lastChecked: Day
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.targets = targets
        self.skillArea = skillArea
        self.difficultyDrivers = difficultyDrivers
        self.sources = sources
        self.lastChecked = lastChecked
    }

    enum CodingKeys: String, CodingKey {
        case id, title, version, targets, sources
        case skillArea = "skill_area"
        case difficultyDrivers = "difficulty_drivers"
        case lastChecked = "last_checked"
    }
}

/// One exam-guide objective a family serves.
public struct FamilyTarget: Sendable, Hashable, Codable {
    public let credential: String
    public let blueprint: String
    public let domain: String
    public let objective: String

    public init(credential: String, blueprint: String, domain: String, objective: String) {
        self.credential = credential
        self.blueprint = blueprint
        self.domain = domain
        self.objective = objective
    }
}

/// Where a formula or threshold comes from.
public struct FamilySource: Sendable, Hashable, Codable {
    /// What the source supports, e.g. "PSI formula and the 0.1 / 0.25 rule of thumb".
    public let supports: String
    public let title: String
    public let url: String

    public init(supports: String, title: String, url: String) {
        self.supports = supports
        self.title = title
        self.url = url
    }
}
