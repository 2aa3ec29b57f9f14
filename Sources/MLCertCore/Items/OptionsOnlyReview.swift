/// The options-only probe: a reader who never saw the scenario, the question, the key or the rationales was shown only
/// an item's options and asked which one is most likely the key.
///
/// On the real exams such a reader picks the key about two times in three (the exams do favour the managed,
/// purpose-built choice); on a bank whose wrong options are strawmen or false claims, every time. A hit is not a flaw
/// by itself; a bank-wide hit rate well above the real exams' rate is, and so is a hit the reader explains by a
/// giveaway ("the others are strawmen", "option C makes a false claim"). `mlcert content stats` reports the rate per
/// credential and domain against chance.
public struct OptionsOnlyReview: Hashable, Sendable, Codable {
    public let reviewer: String
    public let reviewedOn: Day
    /// The item version whose options were shown.
    public let itemVersion: Int?
    /// `Item.wordingDigest` of the wording whose options were shown.
    public let itemDigest: String?
    /// The reader's pick, as option letters in file order.
    public let reviewerAnswer: [String]
    /// Whether the pick is exactly the key.
    public let hit: Bool
    /// The reader's confidence: high, medium or low.
    public let confidence: String?
    /// Why the reader picked it, in their words (a giveaway to fix, or a general instinct).
    public let note: String?
    /// Earlier rounds, oldest first.
    public let previous: [OptionsOnlyReview]?

    public init(
        reviewer: String, reviewedOn: Day, itemVersion: Int?, reviewerAnswer: [String], hit: Bool, confidence: String? = nil,
        note: String? = nil, itemDigest: String? = nil, previous: [OptionsOnlyReview]? = nil
    ) {
        self.reviewer = reviewer
        self.reviewedOn = reviewedOn
        self.itemVersion = itemVersion
        self.itemDigest = itemDigest
        self.reviewerAnswer = reviewerAnswer
        self.hit = hit
        self.confidence = confidence
        self.note = note
        self.previous = previous
    }

    /// This round without its history, for filing under `previous` when a new round is recorded.
    public var withoutHistory: OptionsOnlyReview {
        OptionsOnlyReview(reviewer: reviewer, reviewedOn: reviewedOn, itemVersion: itemVersion, reviewerAnswer: reviewerAnswer, hit: hit,
            confidence: confidence, note: note, itemDigest: itemDigest)
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case reviewer, hit, confidence, note, previous
        case reviewedOn = "reviewed_on"
        case itemVersion = "item_version"
        case itemDigest = "item_digest"
        case reviewerAnswer = "reviewer_answer"
    }
}
