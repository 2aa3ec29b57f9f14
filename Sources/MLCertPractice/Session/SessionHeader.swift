import Foundation

/// What a session is, fixed when it starts: whose it is, which exam, which form, and the clock.
public struct SessionHeader: Sendable, Codable, Hashable {
    public let id: String
    public let learnerID: String
    public let kind: SessionKind
    public let credentialID: String
    /// The blueprint version the form was built against.
    public let blueprintVersion: String
    /// The seed that reproduces the form, the option order and adaptive choices.
    public let seed: UInt64
    public let startedAt: Date
    /// Mock exams only: when the clock runs out. Fixed at the start, so time keeps running while mlcert is closed,
    /// as it does in a test centre; a session resumed after its deadline is submitted as it was at the deadline.
    public let deadline: Date?
    /// Items fixed at the start (drill and mock exam); adaptive and review sessions add theirs as they go.
    public let items: [PresentedItem]
    public let settings: SessionSettings

    public init(id: String, learnerID: String, kind: SessionKind, credentialID: String, blueprintVersion: String, seed: UInt64, startedAt: Date, deadline: Date?, items: [PresentedItem], settings: SessionSettings) {
        self.id = id
        self.learnerID = learnerID
        self.kind = kind
        self.credentialID = credentialID
        self.blueprintVersion = blueprintVersion
        self.seed = seed
        self.startedAt = startedAt
        self.deadline = deadline
        self.items = items
        self.settings = settings
    }
}

/// Per-session choices that the engine needs again on resume.
public struct SessionSettings: Sendable, Codable, Hashable {
    /// Diagnostic: the stopping rule.
    public var minItems: Int?
    public var maxItems: Int?
    public var targetStandardError: Double?
    /// Mock exam: a time limit other than the real one was asked for (reported as such).
    public var customTimeLimit: Bool
    /// Mock exam: the form has fewer items than the real exam because the bank is short.
    public var formNote: String?
    /// Diagnostic: items left out because the learner has answered them before, fixed at the start so that a resumed
    /// diagnostic makes the same choices.
    public var excludedItems: [String]?
    /// The pass mark assumed where the vendor publishes none, as chosen at the start.
    public var assumedPassProportion: Double?

    public init(minItems: Int? = nil, maxItems: Int? = nil, targetStandardError: Double? = nil, customTimeLimit: Bool = false, formNote: String? = nil, excludedItems: [String]? = nil, assumedPassProportion: Double? = nil) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.targetStandardError = targetStandardError
        self.customTimeLimit = customTimeLimit
        self.formNote = formNote
        self.excludedItems = excludedItems
        self.assumedPassProportion = assumedPassProportion
    }
}
