import Foundation

/// An answer as it is stored: scored against the item version the learner saw, at the moment it was given.
///
/// Storing the verdict (rather than recomputing it from today's bank) keeps history true when an item's key is later
/// corrected; the item version says which wording the verdict belongs to.
public struct RecordedAnswer: Sendable, Codable, Hashable {
    public let position: Int
    public let itemID: String
    public let itemVersion: Int
    /// Authored option indices, sorted.
    public let selected: [Int]
    public let correct: Bool

    public init(position: Int, itemID: String, itemVersion: Int, selected: [Int], correct: Bool) {
        self.position = position
        self.itemID = itemID
        self.itemVersion = itemVersion
        self.selected = selected
        self.correct = correct
    }
}
