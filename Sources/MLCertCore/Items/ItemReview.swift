/// The independent review an item passed before it was merged: the reviewer answered without seeing the key.
public struct ItemReview: Hashable, Sendable, Codable {
    public let reviewer: String
    public let reviewedOn: Day
    /// The reviewer's own answer, as option letters.
    public let reviewerAnswer: [String]
    /// Whether the reviewer's answer matched the key.
    public let agreed: Bool
    public let note: String?
    /// The item version the reviewer saw. A review of an earlier version says nothing about the current wording.
    public let itemVersion: Int?
    /// `Item.wordingDigest` of the wording the reviewer saw; a record whose digest no longer matches vouches for nothing.
    public let itemDigest: String?
    /// Earlier review rounds, oldest first, kept so that the bank's first-pass agreement rate stays honest after an
    /// item is fixed and reviewed again.
    public let previous: [ItemReview]?

    public init(reviewer: String, reviewedOn: Day, reviewerAnswer: [String], agreed: Bool, note: String? = nil, itemVersion: Int? = nil, itemDigest: String? = nil,
                previous: [ItemReview]? = nil) {
        self.reviewer = reviewer
        self.reviewedOn = reviewedOn
        self.reviewerAnswer = reviewerAnswer
        self.agreed = agreed
        self.note = note
        self.itemVersion = itemVersion
        self.itemDigest = itemDigest
        self.previous = previous
    }

    /// The first round of review: whether the first independent reviewer agreed with the key as first written.
    public var firstRound: ItemReview { previous?.first ?? self }

    /// This round without its history, for filing under `previous` when a new round is recorded.
    public var withoutHistory: ItemReview {
        ItemReview(reviewer: reviewer, reviewedOn: reviewedOn, reviewerAnswer: reviewerAnswer, agreed: agreed, note: note, itemVersion: itemVersion, itemDigest: itemDigest)
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case reviewer, agreed, note, previous
        case itemVersion = "item_version"
        case itemDigest = "item_digest"
        case reviewedOn = "reviewed_on"
        case reviewerAnswer = "reviewer_answer"
    }
}
