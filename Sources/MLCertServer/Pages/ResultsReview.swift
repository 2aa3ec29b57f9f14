import MLCertCore
import MLCertPractice

/// The question-by-question review under a session's results: a filter (wrong, flagged, not answered, all) with
/// counts, an index of every question in the filter, and one page of questions, each collapsed to a line until it
/// is opened. Everything is plain links and `<details>`, so it works without JavaScript and keeps the page to a few
/// screens even for a 65-question exam.
struct ResultsReview: Sendable {
    /// What the learner asked to see: `?show=wrong&page=2&open=14`.
    struct Query: Sendable, Equatable {
        var show: Filter = .all
        var page: Int = 1
        var open: Int?

        init(show: String?, page: String?, open: String?) {
            self.show = show.flatMap(Filter.init(rawValue:)) ?? .all
            self.page = max(1, page.flatMap(Int.init) ?? 1)
            self.open = open.flatMap(Int.init)
        }
    }

    enum Filter: String, Sendable, CaseIterable {
        case wrong, flagged, unanswered, all

        var label: String {
            switch self {
            case .wrong: "Wrong"
            case .flagged: "Flagged"
            case .unanswered: "Not answered"
            case .all: "All"
            }
        }

        func matches(_ item: SessionReport.ItemReview) -> Bool {
            switch self {
            case .wrong: item.answered && !item.correct
            case .flagged: item.flagged
            case .unanswered: !item.answered
            case .all: true
            }
        }
    }

    /// Right, wrong (a partial "choose N" answer is wrong), not answered, flagged.
    struct Tally: Sendable {
        let right: Int
        let wrong: Int
        let unanswered: Int
        let flagged: Int

        init(_ items: [SessionReport.ItemReview]) {
            right = items.filter(\.correct).count
            wrong = items.filter { $0.answered && !$0.correct }.count
            unanswered = items.filter { !$0.answered }.count
            flagged = items.filter(\.flagged).count
        }
    }

    struct Tab: Sendable {
        let label: String
        let count: Int
        let href: String
        let current: Bool
    }

    struct IndexEntry: Sendable {
        let number: Int
        let href: String
        let state: String
        let label: String
        let mark: String
    }

    struct PageLink: Sendable {
        let number: Int
        let href: String
        let current: Bool
    }

    static let pageSize = 10

    let sessionID: String
    let tabs: [Tab]
    let filterLabel: String
    let index: [IndexEntry]
    let questions: [ReviewedQuestion]
    let pages: [PageLink]
    let hasPages: Bool
    let rangeText: String
    let emptyText: String?

    init(report: SessionReport, bank: ItemIndex, query: Query) {
        sessionID = report.sessionID
        let base = "/sessions/\(report.sessionID)/results"
        let link = { (filter: Filter, page: Int, open: Int?) -> String in
            var pairs = [("show", filter.rawValue)]
            if page > 1 { pairs.append(("page", String(page))) }
            if let open { pairs.append(("open", String(open))) }
            return base + "?" + PageQuery.encode(pairs) + (open.map { "#q-\($0)" } ?? "#review")
        }
        tabs = Filter.allCases.map { filter in
            Tab(label: filter.label, count: report.items.filter(filter.matches).count, href: link(filter, 1, nil), current: filter == query.show)
        }
        filterLabel = query.show.label
        let shown = report.items.filter(query.show.matches)
        let pageCount = max(1, (shown.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(query.page, pageCount)
        index = shown.enumerated().map { offset, item in
            let state = item.correct ? "right" : item.answered ? "wrong" : "unanswered"
            let words = [item.correct ? "right" : item.answered ? "wrong" : "not answered", item.flagged ? "flagged" : nil].compactMap { $0 }
            return IndexEntry(number: item.number, href: link(query.show, offset / Self.pageSize + 1, item.number), state: state,
                label: "Question \(item.number), \(words.joined(separator: ", "))",
                mark: (item.correct ? "✓" : item.answered ? "✗" : "–") + (item.flagged ? "⚑" : ""))
        }
        let slice = shown.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let titles = Dictionary(report.domains.map { ($0.domain, $0.title) }, uniquingKeysWith: { a, _ in a })
        questions = slice.map { ReviewedQuestion($0, domainTitle: titles[$0.domain] ?? $0.domain, item: bank.item($0.itemID), open: $0.number == query.open) }
        pages = pageCount > 1 ? (1...pageCount).map { PageLink(number: $0, href: link(query.show, $0, nil), current: $0 == page) } : []
        hasPages = pageCount > 1
        let first = (page - 1) * Self.pageSize + 1
        rangeText = shown.isEmpty ? "" : "Questions \(first)–\(first + slice.count - 1) of the \(shown.count) in “\(query.show.label)”."
        emptyText = shown.isEmpty ? "No question in “\(query.show.label)”." : nil
    }
}

/// One question in the review: its line (number, verdict, flag, domain and the start of the question) and, when
/// opened, the scenario, every option with its rationale, the explanation and where to report a problem.
struct ReviewedQuestion: Sendable {
    let number: Int
    let anchor: String
    let verdict: String
    let verdictClass: String
    let flagged: Bool
    let partial: Bool
    let open: Bool
    let domainText: String
    let summary: String
    let scenario: String?
    let question: String
    let options: [FeedbackPage.Option]
    let explanation: String
    let editedSince: Bool
    let itemID: String
    let itemVersion: Int
    let documentation: [PageFormat.DocLink]
    let hasDocumentation: Bool

    init(_ item: SessionReport.ItemReview, domainTitle: String, item bankItem: Item?, open: Bool) {
        let objective = bankItem?.objective
        documentation = PageFormat.documentation(bankItem)
        hasDocumentation = !documentation.isEmpty
        number = item.number
        anchor = "q-\(item.number)"
        partial = item.answered && !item.correct && item.chosen.count < item.key.count
        verdict = item.correct ? "Right" : !item.answered ? "Not answered" : partial ? "Wrong (only partly answered)" : "Wrong"
        verdictClass = item.correct ? "good" : "bad"
        flagged = item.flagged
        self.open = open
        domainText = domainTitle + (objective.map { " · objective \($0)" } ?? "")
        summary = item.question.count > 110 ? String(item.question.prefix(107)) + "…" : item.question
        scenario = item.scenario.isEmpty ? nil : item.scenario
        question = item.question
        options = item.options.map {
            FeedbackPage.Option(letter: $0.letter, text: $0.text, correct: $0.correct, chosen: $0.chosen, chosenWrong: $0.chosen && !$0.correct,
                rationale: $0.rationale)
        }
        explanation = item.explanation
        editedSince = item.editedSince
        itemID = item.itemID
        itemVersion = item.itemVersion
    }
}
