/// A certification or certificate a learner can earn, with its facts, its blueprints and where it stands today.
public struct Credential: Hashable, Sendable, Codable, Identifiable {
    /// Exams are proctored, standardised tests; course certificates attest that a series of courses was completed.
    public enum Kind: String, Hashable, StrictEnum {
        case exam
        case courseCertificate = "course_certificate"
    }

    public enum Level: String, Hashable, StrictEnum {
        case foundational, associate, professional, specialty, certificate
    }

    public let id: String
    public let name: String
    public let shortName: String
    public let vendor: String
    public let kind: Kind
    public let level: Level
    public let examCode: String?
    public let status: CredentialStatus
    public let summary: String
    public let facts: CredentialFacts
    /// What the source article says about this credential (hiring weight, pass rates): its claims, not our facts.
    public let claims: [SourceClaim]?
    /// The id of the vendor's own learning path in the course catalog.
    public let officialLearningPath: String?
    public let blueprints: [Blueprint]?

    public init(
        id: String, name: String, shortName: String, vendor: String, kind: Kind, level: Level, examCode: String? = nil,
        status: CredentialStatus, summary: String, facts: CredentialFacts = CredentialFacts(), claims: [SourceClaim]? = nil,
        officialLearningPath: String? = nil, blueprints: [Blueprint]? = nil
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.vendor = vendor
        self.kind = kind
        self.level = level
        self.examCode = examCode
        self.status = status
        self.summary = summary
        self.facts = facts
        self.claims = claims
        self.officialLearningPath = officialLearningPath
        self.blueprints = blueprints
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, vendor, kind, level, status, summary, facts, claims, blueprints
        case shortName = "short_name"
        case examCode = "exam_code"
        case officialLearningPath = "official_learning_path"
    }

    /// The blueprint marked current, if the credential has one.
    public var currentBlueprint: Blueprint? { blueprints?.first(where: \.current) }

    /// The exam code a candidate sits today: the current guide's code where the vendor changes codes with guides (the
    /// AWS ML Engineer credential is MLA-C02 since 29 September 2026), otherwise the credential's own code.
    public var examCodeInForce: String? { currentBlueprint?.examCode ?? examCode }

    /// Looks a blueprint up by version.
    public func blueprint(version: String) -> Blueprint? { blueprints?.first { $0.version == version } }

    public var isRetired: Bool { status.state == .retired }
}

/// Whether a credential can still be earned, and what replaced it.
public struct CredentialStatus: Hashable, Sendable, Codable {
    public enum State: String, Hashable, StrictEnum {
        case active, retired
    }
    public let state: State
    public let since: Day?
    /// The last day the exam could be taken.
    public let retiredOn: Day?
    public let successor: String?
    public let replaces: String?
    public let note: String?

    public init(
        state: State, since: Day? = nil, retiredOn: Day? = nil, successor: String? = nil, replaces: String? = nil,
        note: String? = nil
    ) {
        self.state = state
        self.since = since
        self.retiredOn = retiredOn
        self.successor = successor
        self.replaces = replaces
        self.note = note
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case state, since, successor, replaces, note
        case retiredOn = "retired_on"
    }
}

/// A statement the source article makes about a credential, kept as that source's claim rather than as a fact.
public struct SourceClaim: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, StrictEnum {
        case hiringWeight = "hiring_weight"
        case passRate = "pass_rate"
        case preparationTime = "preparation_time"
        case difficulty
    }
    public let kind: Kind
    public let text: String
    public let source: String

    public init(kind: Kind, text: String, source: String) {
        self.kind = kind
        self.text = text
        self.source = source
    }
}
