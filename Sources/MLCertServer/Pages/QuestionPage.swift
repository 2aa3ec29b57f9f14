import Foundation
import MLCertCore
import MLCertFamilies
import MLCertPractice

/// One question of an open session, built only from `QuestionView`, which holds no key, no rationale and no
/// explanation. That is what keeps mock exams and diagnostics honest: nothing on this page (no hidden field, no data
/// attribute, no comment) can reveal an answer, because the model never had one.
///
/// On a mock exam every way off the page is a submit button of the answer form (Previous, Next, Flag, each grid
/// cell, Review and submit), so the selection on screen is saved first even without JavaScript; with it, `exam.js`
/// also saves each click at once, so a refresh or a closed tab keeps it too.
struct QuestionPage: Sendable {
    struct Option: Sendable {
        let letter: String
        let text: String
        let selected: Bool
        let inputType: String
        let locked: Bool
    }

    let page: PageChrome
    let sessionID: String
    let kindLabel: String
    let examName: String
    let blueprintText: String
    let exam: Bool
    let diagnostic: Bool
    let feedback: Bool
    let number: Int
    let of: String
    let position: Int
    let scenario: String?
    /// A computed question's chart of its scenario numbers (SVG), and the same numbers as a table beside it.
    let figure: String?
    let figureTable: FigureTable?
    let question: String
    let choose: Int
    let chooseText: String
    let selectedText: String
    let options: [Option]
    let locked: Bool
    let flagged: Bool
    let flaggedText: String
    let timer: ExamTimer?
    let hasPrev: Bool
    let hasNext: Bool
    let grid: [ExamGrid.Cell]
    let counts: String

    init(state: SessionState, view: QuestionView, catalog: Catalog, now: Date, page: PageChrome) {
        var page = page
        page.examScript = true
        self.page = page
        let kind = state.header.kind
        sessionID = state.header.id
        kindLabel = PageFormat.kind(kind.rawValue)
        examName = PageFormat.credentialName(state.header.credentialID, in: catalog)
        blueprintText = PageFormat.blueprint(state.header.blueprintVersion)
        exam = kind == .exam
        diagnostic = kind == .diagnostic
        feedback = kind.givesImmediateFeedback
        number = view.number
        // A diagnostic does not know its length in advance; it says so instead of a misleading total.
        of = kind == .diagnostic ? "up to \(state.header.settings.maxItems ?? view.of)" : String(view.of)
        position = view.position
        scenario = view.scenario.isEmpty ? nil : view.scenario
        let instance = FamilyCatalog.instance(itemID: view.itemID, credential: state.header.credentialID)
        figure = instance?.figure.map { FamilyFigureChart(id: "figure-\(view.position)", figure: $0).svg() }
        figureTable = instance?.table.map(FigureTable.init)
        question = view.question
        choose = view.choose
        chooseText = view.choose == 1 ? "Choose one answer." : "Choose \(PageFormat.count(view.choose)) answers."
        selectedText = Self.selectedText(view.selected.count, of: view.choose)
        let answered = state.answers[view.position] != nil
        locked = answered && !kind.allowsChangingAnswers
        options = view.options.map {
            Option(letter: $0.letter, text: $0.text, selected: view.selected.contains($0.letter), inputType: view.choose == 1 ? "radio" : "checkbox",
                locked: answered && !kind.allowsChangingAnswers)
        }
        flagged = view.flagged
        flaggedText = view.flagged ? "true" : "false"
        timer = ExamTimer(state: state, now: now)
        let positions = state.items.map(\.position).sorted()
        let index = positions.firstIndex(of: view.position) ?? 0
        hasPrev = kind == .exam && index > 0
        hasNext = kind == .exam && index + 1 < positions.count
        grid = kind == .exam ? ExamGrid.cells(state, current: view.position) : []
        counts = ExamGrid.counts(state)
    }

    /// A family's table of scenario numbers in the shape the template walks (rows of cells).
    struct FigureTable: Sendable {
        struct Row: Sendable { let cells: [String] }
        let caption: String
        let headers: [String]
        let rows: [Row]

        init(_ table: FamilyTable) {
            caption = table.caption
            headers = table.headers
            rows = table.rows.map { Row(cells: $0) }
        }
    }

    /// "1 of 2 selected": shown under a "choose N" question and kept current by the script.
    static func selectedText(_ selected: Int, of choose: Int) -> String {
        choose == 1 ? "" : "\(selected) of \(choose) selected"
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

/// The exam clock as the page shows it: seconds left by the server's clock, the warning state, and where the page
/// goes when it reaches zero.
struct ExamTimer: Sendable {
    let remainingSeconds: Int
    let remainingText: String
    /// "warn" from ten minutes left, "urgent" from five: the bar changes colour and says so in words.
    let level: String
    let warning: String
    let warned: Bool
    let resultsHref: String

    init?(state: SessionState, now: Date) {
        guard let deadline = state.header.deadline else { return nil }
        remainingSeconds = max(0, Int(deadline.timeIntervalSince(now).rounded(.down)))
        remainingText = PageFormat.clock(seconds: remainingSeconds)
        (level, warning) = Self.warning(remainingSeconds)
        warned = !warning.isEmpty
        resultsHref = "/sessions/\(state.header.id)/results"
    }

    /// The warning for `seconds` left: none above ten minutes, then "Less than 10 minutes left", then 5. The script
    /// applies the same thresholds as the clock runs.
    static func warning(_ seconds: Int) -> (level: String, text: String) {
        if seconds <= 300 { return ("urgent", "Less than 5 minutes left.") }
        if seconds <= 600 { return ("warn", "Less than 10 minutes left.") }
        return ("", "")
    }
}

/// The question navigator of a mock exam: one cell per question with its state, and the counts.
enum ExamGrid {
    struct Cell: Sendable {
        let number: Int
        let href: String
        let go: String
        let state: String
        let flagged: Bool
        let current: Bool
        let label: String
        let mark: String
    }

    static func cells(_ state: SessionState, current: Int?) -> [Cell] {
        let partial = state.partiallyAnswered
        return state.items.map(\.position).sorted().map { p in
            let answered = state.answers[p] != nil
            let inProgress = partial.contains(p)
            let flagged = state.flagged.contains(p)
            let status = inProgress ? "partly answered" : answered ? "answered" : "not answered"
            let words = [status, flagged ? "flagged" : nil].compactMap { $0 }.joined(separator: ", ")
            return Cell(number: p + 1, href: "/sessions/\(state.header.id)?q=\(p + 1)", go: "q\(p + 1)",
                state: inProgress ? "partial" : answered ? "answered" : "unanswered", flagged: flagged, current: p == current,
                label: "Question \(p + 1), \(words)", mark: (inProgress ? "½" : answered ? "✓" : "") + (flagged ? "⚑" : ""))
        }
    }

    /// "12 of 65 answered, 1 partly answered, 2 flagged."
    static func counts(_ state: SessionState) -> String {
        let partial = state.partiallyAnswered.count
        var parts = ["\(state.answers.count - partial) of \(state.items.count) answered"]
        if partial > 0 { parts.append("\(partial) partly answered") }
        parts.append("\(state.flagged.count) flagged")
        return parts.joined(separator: ", ") + "."
    }
}
