import Foundation
import MLCertPractice

/// One question of an open session, built only from `QuestionView`, which holds no key, no rationale and no
/// explanation. That is what keeps mock exams and diagnostics honest: nothing on this page (no hidden field, no data
/// attribute, no comment) can reveal an answer, because the model never had one.
struct QuestionPage: Sendable {
    struct Option: Sendable {
        let letter: String
        let text: String
        let selected: Bool
        let inputType: String
        let locked: Bool
    }

    struct Cell: Sendable {
        let href: String
        let number: Int
        let answered: Bool
        let flagged: Bool
        let current: Bool
        let label: String
    }

    let page: PageChrome
    let sessionID: String
    let kindLabel: String
    let exam: Bool
    let diagnostic: Bool
    let feedback: Bool
    let number: Int
    let of: String
    let position: Int
    let scenario: String?
    let question: String
    let chooseText: String
    let options: [Option]
    let locked: Bool
    let flagged: Bool
    let flagValue: String
    let flaggedText: String
    let timed: Bool
    let remainingSeconds: Int
    let remainingText: String
    let prevLink: String?
    let nextLink: String?
    let hasNext: Bool
    let grid: [Cell]
    let answeredCount: Int
    let flaggedCount: Int

    init(state: SessionState, view: QuestionView, now: Date, page: PageChrome) {
        var page = page
        page.examScript = true
        self.page = page
        let kind = state.header.kind
        let id = state.header.id
        sessionID = id
        kindLabel = PageFormat.kind(kind.rawValue)
        exam = kind == .exam
        diagnostic = kind == .diagnostic
        feedback = kind.givesImmediateFeedback
        number = view.number
        // A diagnostic does not know its length in advance; it says so instead of a misleading total.
        of = kind == .diagnostic ? "up to \(state.header.settings.maxItems ?? view.of)" : String(view.of)
        position = view.position
        scenario = view.scenario.isEmpty ? nil : view.scenario
        question = view.question
        chooseText = view.choose == 1 ? "Choose one answer." : "Choose \(view.choose) answers."
        let answered = state.answers[view.position] != nil
        locked = answered && !kind.allowsChangingAnswers
        options = view.options.map {
            Option(letter: $0.letter, text: $0.text, selected: view.selected.contains($0.letter), inputType: view.choose == 1 ? "radio" : "checkbox",
                locked: answered && !kind.allowsChangingAnswers)
        }
        flagged = view.flagged
        flagValue = view.flagged ? "0" : "1"
        flaggedText = view.flagged ? "true" : "false"
        if let deadline = state.header.deadline {
            timed = true
            remainingSeconds = max(0, Int(deadline.timeIntervalSince(now).rounded(.down)))
        } else {
            timed = false
            remainingSeconds = 0
        }
        remainingText = PageFormat.clock(seconds: remainingSeconds)
        let link = { (position: Int) in "/sessions/\(id)?q=\(position + 1)" }
        let positions = state.items.map(\.position).sorted()
        let index = positions.firstIndex(of: view.position)
        prevLink = kind == .exam ? index.flatMap { $0 > 0 ? link(positions[$0 - 1]) : nil } : nil
        nextLink = kind == .exam ? index.flatMap { $0 + 1 < positions.count ? link(positions[$0 + 1]) : nil } : nil
        hasNext = nextLink != nil
        grid = kind != .exam ? [] : positions.map { p in
            let isAnswered = state.answers[p] != nil
            let isFlagged = state.flagged.contains(p)
            let words = [isAnswered ? "answered" : "not answered", isFlagged ? "flagged" : nil].compactMap { $0 }.joined(separator: ", ")
            return Cell(href: link(p), number: p + 1, answered: isAnswered, flagged: isFlagged, current: p == view.position,
                label: "Question \(p + 1), \(words)")
        }
        answeredCount = state.answers.count
        flaggedCount = state.flagged.count
    }

    /// The position to show: the requested question on a mock exam; otherwise the first question not yet answered
    /// (drills, reviews and diagnostics move forward only).
    static func position(in state: SessionState, requestedNumber: Int?) -> Int? {
        let positions = state.items.map(\.position).sorted()
        if state.header.kind == .exam {
            if let n = requestedNumber, positions.contains(n - 1) { return n - 1 }
            return positions.contains(state.cursor) ? state.cursor : positions.first
        }
        return state.unanswered.sorted().first
    }
}
