import Foundation
import MLCertCore
import MLCertPractice

/// The screen between "Review and submit" and the end of a mock exam: how many questions are answered, partly
/// answered, unanswered and flagged, links to each of those, the whole grid, and the confirm button. The clock keeps
/// running here (the same timer as the question pages), and the exam is still submitted by itself at the deadline.
struct ExamReviewPage: Sendable {
    struct Group: Sendable {
        let title: String
        let cells: [ExamGrid.Cell]
    }

    let page: PageChrome
    let sessionID: String
    let examName: String
    let blueprintText: String
    let timer: ExamTimer?
    let counts: String
    let answered: Int
    let partial: Int
    let unanswered: Int
    let flagged: Int
    let groups: [Group]
    let grid: [ExamGrid.Cell]
    let warning: String?
    let returnHref: String

    init(state: SessionState, catalog: Catalog, now: Date, page: PageChrome) {
        var page = page
        page.examScript = true
        self.page = page
        sessionID = state.header.id
        examName = PageFormat.credentialName(state.header.credentialID, in: catalog)
        blueprintText = PageFormat.blueprint(state.header.blueprintVersion)
        timer = ExamTimer(state: state, now: now)
        grid = ExamGrid.cells(state, current: nil)
        counts = ExamGrid.counts(state)
        let partialPositions = state.partiallyAnswered
        partial = partialPositions.count
        answered = state.answers.count - partial
        unanswered = state.unanswered.count
        flagged = state.flagged.count
        groups = [
            Group(title: "Not answered (\(unanswered))", cells: grid.filter { $0.state == "unanswered" }),
            Group(title: "Partly answered (\(partial)): these score as wrong unless you complete them", cells: grid.filter { $0.state == "partial" }),
            Group(title: "Flagged for review (\(flagged))", cells: grid.filter(\.flagged)),
        ].filter { !$0.cells.isEmpty }
        let open = unanswered + partial
        warning = open == 0 ? nil
            : "\(open) question\(open == 1 ? " is" : "s are") not fully answered. Once you submit, you cannot change any answer."
        returnHref = "/sessions/\(state.header.id)?q=\(state.cursor + 1)"
    }
}
