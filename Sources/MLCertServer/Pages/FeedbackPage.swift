import MLCertPractice

/// What a drill or review shows after an answer: right or wrong, every option with why it is right or wrong, the
/// explanation, and the way on. Built from `AnswerFeedback`, which the engine produces only for kinds that give
/// immediate feedback.
struct FeedbackPage: Sendable {
    struct Option: Sendable {
        let letter: String
        let text: String
        let correct: Bool
        let chosen: Bool
        let chosenWrong: Bool
        let rationale: String
    }

    let page: PageChrome
    let kindLabel: String
    let number: Int
    let of: Int
    let correct: Bool
    let keyText: String
    let chosenText: String
    let scenario: String?
    let question: String
    let options: [Option]
    let explanation: String
    let nextLink: String?
    let resultsLink: String?

    init(feedback f: AnswerFeedback, view: QuestionView, state: SessionState, page: PageChrome) {
        self.page = page
        kindLabel = PageFormat.kind(state.header.kind.rawValue)
        number = view.number
        of = view.of
        correct = f.correct
        keyText = f.key.joined(separator: " and ")
        chosenText = f.chosen.isEmpty ? "nothing" : f.chosen.joined(separator: " and ")
        scenario = view.scenario.isEmpty ? nil : view.scenario
        question = view.question
        options = f.options.map {
            Option(letter: $0.letter, text: $0.text, correct: $0.correct, chosen: $0.chosen, chosenWrong: $0.chosen && !$0.correct, rationale: $0.rationale)
        }
        explanation = f.explanation
        let id = state.header.id
        nextLink = state.isFinished ? nil : "/sessions/\(id)"
        resultsLink = state.isFinished ? "/sessions/\(id)/results" : nil
    }
}
