import MLCertCore

/// What a drill or review shows right after an answer: the verdict, the key, why each option is right or wrong,
/// and the explanation. Never produced for a mock exam or a diagnostic before it ends.
public struct AnswerFeedback: Sendable, Codable, Hashable {
    public struct Option: Sendable, Codable, Hashable {
        public let letter: String
        public let text: String
        public let correct: Bool
        public let chosen: Bool
        public let rationale: String
    }

    public let position: Int
    public let itemID: String
    public let correct: Bool
    public let chosen: [String]
    public let key: [String]
    public let options: [Option]
    public let explanation: String

    public init?(item: Item, presented: PresentedItem, answer: RecordedAnswer) {
        guard presented.optionOrder.allSatisfy(item.options.indices.contains) else { return nil }
        let chosenShown = presented.shownIndices(forAuthored: answer.selected)
        options = presented.optionOrder.enumerated().map { shown, authored in
            Option(letter: ItemOption.letter(for: shown), text: item.options[authored].text, correct: item.options[authored].correct,
                chosen: chosenShown.contains(shown), rationale: item.options[authored].rationale)
        }
        position = presented.position
        itemID = item.id
        correct = answer.correct
        chosen = chosenShown.map(ItemOption.letter(for:))
        key = options.filter(\.correct).map(\.letter)
        explanation = item.explanation
    }
}
