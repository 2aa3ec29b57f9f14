import MLCertCore
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
    let reportLink: String
    let documentation: [PageFormat.DocLink]
    let hasDocumentation: Bool
    let examName: String
    let domainText: String
    /// Why the learner's own choice is right or wrong, next to the verdict, so the page opens at the answer and the
    /// reason rather than at the bottom.
    let reasons: [String]

    init(feedback f: AnswerFeedback, view: QuestionView, state: SessionState, catalog: Catalog, item: Item, page: PageChrome) {
        self.page = page
        let objective: String? = item.objective
        documentation = PageFormat.documentation(item)
        hasDocumentation = !documentation.isEmpty
        examName = PageFormat.credentialName(state.header.credentialID, in: catalog)
        let domainTitle = catalog.credential(id: state.header.credentialID)?.blueprints?.first { $0.version == state.header.blueprintVersion }?
            .domain(id: view.domain)?.title ?? view.domain
        domainText = domainTitle + (objective.map { " · objective \($0)" } ?? "")
        reasons = f.options.filter(\.chosen).map { "Why \($0.letter) is \($0.correct ? "right" : "wrong"): \($0.rationale)" }
        reportLink = "/sessions/\(state.header.id)/report?q=\(view.number)"
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
