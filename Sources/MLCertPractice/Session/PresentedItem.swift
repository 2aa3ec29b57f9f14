/// One item as it appears in a session: which bank item and version, and the order its options are shown in.
///
/// The option order is part of the session record so that a resumed session, and the report afterwards, show the
/// options exactly as the learner saw them.
public struct PresentedItem: Sendable, Codable, Hashable {
    /// 0-based place in the session.
    public let position: Int
    public let itemID: String
    /// The item's version when it was shown, so that history keeps its meaning after the item is edited.
    public let itemVersion: Int
    public let domain: String
    public let objective: String
    /// `optionOrder[shown]` is the authored index of the option shown at place `shown` (A, B, ...).
    public let optionOrder: [Int]
    /// How many options the learner must choose (1 for single-answer items).
    public let choose: Int
    /// For review sessions: the FSRS card this item reviews.
    public let card: ReviewCardKey?

    public init(position: Int, itemID: String, itemVersion: Int, domain: String, objective: String, optionOrder: [Int], choose: Int, card: ReviewCardKey? = nil) {
        self.position = position
        self.itemID = itemID
        self.itemVersion = itemVersion
        self.domain = domain
        self.objective = objective
        self.optionOrder = optionOrder
        self.choose = choose
        self.card = card
    }

    /// Authored option indices for the shown positions, or nil when a shown position does not exist.
    public func authoredIndices(forShown shown: [Int]) -> [Int]? {
        var result: [Int] = []
        for s in shown {
            guard optionOrder.indices.contains(s) else { return nil }
            result.append(optionOrder[s])
        }
        return result.sorted()
    }

    /// Shown positions for authored option indices.
    public func shownIndices(forAuthored authored: [Int]) -> [Int] {
        authored.compactMap { optionOrder.firstIndex(of: $0) }.sorted()
    }
}
