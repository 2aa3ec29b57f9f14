import Foundation
import MLCertCore
import MLCertPractice

/// The practice hub for one credential: sessions to carry on, the forms that start a drill, a mock exam, a
/// diagnostic or a review, and the finished sessions with their scores.
struct PracticePage: Sendable {
    struct DomainBox: Sendable {
        let id: String
        let title: String
        let checked: Bool
    }

    struct SessionRow: Sendable {
        let id: String
        let kindLabel: String
        let started: String
        let current: Int
        let total: Int
        let score: String
    }

    let page: PageChrome
    let credentials: [PageFormat.Choice]
    let credentialID: String
    let credentialName: String
    let count: String
    let domains: [DomainBox]
    let open: [SessionRow]
    let finished: [SessionRow]
    let hasFinished: Bool
    let examSummary: String
    let reviewsDue: Bool
    let reviewSummary: String

    /// `sessions` newest first, as `PracticeService.sessions(learnerID:)` returns them.
    /// `domains` and `count` pre-fill the drill (a "Drill Monitoring, 20 questions" link from progress lands here).
    init(catalog: Catalog, credential: Credential, blueprint: Blueprint, sessions: [SessionState], reviewsDue due: Int, domains ticked: Set<String> = [],
         count: Int? = nil, page: PageChrome) {
        self.page = page
        credentials = PageFormat.credentialChoices(catalog, selected: credential.id)
        credentialID = credential.id
        credentialName = credential.name
        self.count = String(count ?? SessionLimits.defaultDrillCount)
        domains = blueprint.domains.sorted { $0.number < $1.number }.map { DomainBox(id: $0.id, title: $0.title, checked: ticked.contains($0.id)) }
        let mine = sessions.filter { $0.header.credentialID == credential.id }
        open = mine.filter { !$0.isFinished }.map(Self.row)
        finished = mine.filter(\.isFinished).prefix(20).map(Self.row)
        hasFinished = !finished.isEmpty
        if let format = try? ExamFormat(credential: credential) {
            examSummary = "\(format.questionCount) questions in \(format.timeLimitMinutes) minutes, weighted like the real exam."
        } else {
            examSummary = "A fixed form weighted like the real exam."
        }
        reviewsDue = due > 0
        reviewSummary = due == 0
            ? "Nothing is due for review now. Questions you miss come back here on a spaced schedule."
            : "\(due) question\(due == 1 ? " is" : "s are") due for review."
    }

    static func row(_ s: SessionState) -> SessionRow {
        let answered = s.answers.count
        let total = s.items.count
        let score = total == 0 ? "no questions" : "\(s.correctCount) of \(total) correct (\(PageFormat.percent(Double(s.correctCount) / Double(total))))"
        return SessionRow(id: s.header.id, kindLabel: PageFormat.kind(s.header.kind.rawValue), started: PageFormat.dateTime(s.header.startedAt),
            current: min(answered + 1, max(total, 1)), total: total, score: score)
    }
}
