import Foundation
import MLCertCore
import MLCertPractice

/// The view model of `home.mustache`: what mlcert does and where to start, and for a signed-in learner what is
/// waiting: a running mock exam (with its time left), other open sessions, and reviews due.
struct HomePage: Sendable {
    struct Waiting: Sendable {
        let text: String
        let href: String
    }

    let page: PageChrome
    let questionCount: Int
    let activeCount: Int
    let retiredCount: Int
    let waiting: [Waiting]
    let hasWaiting: Bool

    /// `sessions` newest first; `reviewsDue` as (credential id, cards due).
    init(catalog: Catalog, sessions: [SessionState] = [], reviewsDue: [(String, Int)] = [], now: Date = Date(), page: PageChrome) {
        self.page = page
        questionCount = Questionnaire.questions.count
        activeCount = catalog.credentials.filter { !$0.isRetired }.count
        retiredCount = catalog.credentials.filter(\.isRetired).count
        var waiting: [Waiting] = sessions.filter { !$0.isFinished }.map { s in
            let name = catalog.credential(id: s.header.credentialID)?.shortName ?? s.header.credentialID
            let left = s.header.deadline.map { ", \(PageFormat.duration(seconds: $0.timeIntervalSince(now))) left" } ?? ""
            return Waiting(text: "Carry on with your \(PageFormat.kind(s.header.kind.rawValue).lowercased()) for \(name)"
                + " (\(s.answers.count) of \(s.items.count) answered\(left))", href: "/sessions/\(s.header.id)")
        }
        waiting += reviewsDue.map { id, count in
            let name = catalog.credential(id: id)?.shortName ?? id
            return Waiting(text: "Review \(count) question\(count == 1 ? "" : "s") due for \(name)", href: "/practice?credential=\(PageQuery.escape(id))#review")
        }
        self.waiting = waiting
        hasWaiting = !waiting.isEmpty
    }
}
