import Foundation
import MLCertCore
import MLCertPractice

/// "Report a problem with this question": the question's text, the kinds of problem, a comment, and, once sent, the
/// acknowledgement with the learner's earlier reports on the same question marked as received.
struct ProblemReportPage: Sendable {
    struct KindChoice: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Sent: Sendable {
        let kind: String
        let at: String
    }

    let page: PageChrome
    let sessionID: String
    let number: Int
    let question: String
    let kinds: [KindChoice]
    let sent: [Sent]
    let hasSent: Bool
    let backHref: String
    let backLabel: String

    init(state: SessionState, view: QuestionView, reports: [ItemReport], chosen: ItemReport.Kind?, page: PageChrome) {
        self.page = page
        sessionID = state.header.id
        number = view.number
        question = view.question
        kinds = ItemReport.Kind.allCases.map { KindChoice(value: $0.rawValue, label: $0.label, checked: $0 == chosen) }
        sent = reports.filter { $0.itemID == view.itemID }.reversed().map { Sent(kind: $0.kind.label, at: PageFormat.dateTime($0.at)) }
        hasSent = !sent.isEmpty
        let id = state.header.id
        if state.isFinished {
            (backHref, backLabel) = ("/sessions/\(id)/results?" + PageQuery.encode([("open", String(view.number))]) + "#q-\(view.number)", "Back to the results")
        } else if state.header.kind.givesImmediateFeedback && state.answers[view.position] != nil {
            (backHref, backLabel) = ("/sessions/\(id)/feedback?q=\(view.number)", "Back to the feedback")
        } else {
            (backHref, backLabel) = ("/sessions/\(id)?q=\(view.number)", "Back to the question")
        }
    }
}
