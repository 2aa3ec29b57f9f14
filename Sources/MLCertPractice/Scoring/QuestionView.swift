import MLCertCore

/// A question as an interface may show it while it can still be answered: the scenario, the question and the option
/// texts in the session's order. It holds no key, no rationale and no explanation, by construction, so an interface
/// that renders it cannot leak them (the mock-exam integrity rule).
public struct QuestionView: Sendable, Codable, Hashable {
    public struct Option: Sendable, Codable, Hashable {
        public let letter: String
        public let text: String
    }

    public let position: Int
    public let number: Int
    public let of: Int
    public let itemID: String
    public let domain: String
    public let scenario: String
    public let question: String
    public let choose: Int
    public let options: [Option]
    /// The learner's current answer, as shown letters.
    public let selected: [String]
    public let flagged: Bool

    public init?(state: SessionState, position: Int, bank: ItemIndex) {
        guard let presented = state.items.first(where: { $0.position == position }), let item = bank.item(presented.itemID),
            presented.optionOrder.allSatisfy(item.options.indices.contains)
        else { return nil }
        self.position = position
        number = position + 1
        of = state.items.count
        itemID = item.id
        domain = presented.domain
        scenario = item.scenario
        question = item.question
        choose = presented.choose
        options = presented.optionOrder.enumerated().map { Option(letter: ItemOption.letter(for: $0.offset), text: item.options[$0.element].text) }
        selected = state.answers[position].map { presented.shownIndices(forAuthored: $0.selected).map(ItemOption.letter(for:)) } ?? []
        flagged = state.flagged.contains(position)
    }
}
