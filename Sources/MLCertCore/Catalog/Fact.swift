/// How far a catalog fact can be trusted.
public enum Confidence: String, Hashable, StrictEnum {
    /// The vendor's own text, or a verbatim copy of it.
    case official
    /// One or more secondary sources; not confirmed by the vendor.
    case secondary
    /// Sources disagree; the fact's `conflict` says how.
    case conflicting
    /// A placeholder or inference that no source states for this credential.
    case unverified
}

/// One fact about a credential, with its provenance.
///
/// Exams change several times a year, so every value travels with the sources it came from, the day we checked it and
/// how much we trust it. Where sources disagree, `conflict` says how, and the CLI shows it.
public struct Fact<Value: Sendable & Codable & Hashable>: Sendable, Codable, Hashable {
    public let value: Value
    public let note: String?
    public let conflict: String?
    public let sources: [String]
    public let verifiedOn: Day
    public let confidence: Confidence

    public init(
        value: Value, note: String? = nil, conflict: String? = nil, sources: [String], verifiedOn: Day,
        confidence: Confidence
    ) {
        self.value = value
        self.note = note
        self.conflict = conflict
        self.sources = sources
        self.verifiedOn = verifiedOn
        self.confidence = confidence
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case value, note, conflict, sources, confidence
        case verifiedOn = "verified_on"
    }
}

/// An exam fee.
public struct Price: Hashable, Sendable, Codable {
    public let amount: Double
    public let currency: String
    public init(amount: Double, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// How many questions an exam has, and how many of them count.
public struct QuestionCount: Hashable, Sendable, Codable {
    public let min: Int
    public let max: Int
    public let scored: Int?
    public let unscored: Int?
    public init(min: Int, max: Int, scored: Int? = nil, unscored: Int? = nil) {
        self.min = min
        self.max = max
        self.scored = scored
        self.unscored = unscored
    }
}

/// How an exam reports its result.
public struct Scoring: Hashable, Sendable, Codable {
    public enum Result: String, Hashable, StrictEnum {
        case passFail = "pass_fail"
        case scaled
    }
    /// Whether the vendor publishes a pass mark.
    public let published: Bool
    public let result: Result
    public let scaleMin: Int?
    public let scaleMax: Int?
    public let passMark: Int?

    public init(published: Bool, result: Result, scaleMin: Int? = nil, scaleMax: Int? = nil, passMark: Int? = nil) {
        self.published = published
        self.result = result
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
        self.passMark = passMark
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case published, result
        case scaleMin = "scale_min"
        case scaleMax = "scale_max"
        case passMark = "pass_mark"
    }
}

/// How long a credential stays valid; nil years means it does not expire.
public struct Validity: Hashable, Sendable, Codable {
    public let years: Int?
    public init(years: Int?) { self.years = years }
}
