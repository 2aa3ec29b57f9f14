import MLCertCore
import MLCertPractice

/// The report of a finished session, in the order a learner needs it: the verdict, the picture by domain and the
/// counts (right, wrong, unanswered, flagged), time and pace, then the review of each question: filterable to wrong,
/// flagged, unanswered or all, paged, each question collapsed to one line until opened, with an index of every
/// question. Only finished sessions have a report, so nothing here can leak an open question.
struct ResultsPage: Sendable {
    struct DomainRow: Sendable {
        let title: String
        let weight: String
        let correct: Int
        let questions: Int
        let percent: String
    }

    struct Count: Sendable {
        let label: String
        let value: Int
    }

    let page: PageChrome
    let credentialID: String
    let credentialName: String
    let kindLabel: String
    let exam: Bool
    let started: String
    let finishText: String
    let passed: Bool
    let headline: String
    let passMark: String
    let counts: [Count]
    let customTime: Bool
    let formNote: String?
    let domainChart: String
    let domains: [DomainRow]
    let timeText: String
    let paceText: String?
    let changesText: String?
    let readiness: ReadinessInWords?
    let review: ResultsReview

    init(report r: SessionReport, catalog: Catalog, bank: ItemIndex, query: ResultsReview.Query, maxItems: Int?, readiness: ReadinessInWords?,
         page: PageChrome) {
        self.page = page
        credentialID = r.credentialID
        credentialName = PageFormat.credentialName(r.credentialID, in: catalog)
        kindLabel = PageFormat.kind(r.kind.rawValue)
        exam = r.kind == .exam
        started = PageFormat.dateTime(r.startedAt)
        finishText = Self.finishText(r, maxItems: maxItems)
        passed = r.passed ?? false
        let score = "\(r.correct) of \(r.questions) correct (\(PageFormat.percent(r.proportion)))" + (r.scaledScore.map { ", scaled score \($0)" } ?? "")
        headline = r.kind == .exam ? (passed ? "Pass: " : "Below the pass mark: ") + score + "." : score + "."
        passMark = r.passMark?.explanation ?? ""
        let tally = ResultsReview.Tally(r.items)
        counts = [Count(label: "right", value: tally.right), Count(label: "wrong", value: tally.wrong),
                  Count(label: "not answered", value: tally.unanswered), Count(label: "flagged", value: tally.flagged)]
        customTime = r.customTimeLimit
        formNote = r.formNote
        domains = r.domains.map {
            DomainRow(title: $0.title, weight: PageFormat.percent($0.weight), correct: $0.correct, questions: $0.questions, percent: PageFormat.percent($0.proportion))
        }
        domainChart = DomainStrengthChart(id: "results-domains", title: "Proportion correct by domain in this session", rows: r.domains.map {
            let band = ProportionInterval(correct: $0.correct, total: $0.questions)
            return .init(label: $0.title, strength: $0.proportion, low: band.low, high: band.high, weight: $0.weight, answered: $0.questions)
        }, target: r.passMark?.proportion).svg()
        timeText = "You took \(PageFormat.duration(seconds: r.secondsUsed))"
            + (r.timeLimitSeconds.map { " of \(PageFormat.duration(seconds: Double($0)))." } ?? ".")
        paceText = r.paceBudgetSeconds.map { budget in
            "The exam's pace is \(PageFormat.duration(seconds: budget)) a question; \(r.overBudget) question\(r.overBudget == 1 ? "" : "s") took longer."
        }
        changesText = r.answersChanged == 0 ? nil
            : "You changed \(r.answersChanged) answer\(r.answersChanged == 1 ? "" : "s"): \(r.changedWrongToRight) from wrong to right, \(r.changedRightToWrong) from right to wrong."
        self.readiness = readiness
        review = ResultsReview(report: r, bank: bank, query: query)
    }

    /// How the session ended, in words. A diagnostic that reached its question limit says so rather than claiming it
    /// measured the learner's level precisely.
    static func finishText(_ r: SessionReport, maxItems: Int?) -> String {
        switch r.finishReason {
        case .submitted: return "submitted"
        case .timeUp: return "time ran out; the answers recorded before the deadline were scored"
        case .stoppingRule:
            if let maxItems, r.questions >= maxItems {
                return "stopped at its limit of \(maxItems) questions, before your level was pinned down as precisely as it aims for"
            }
            return "stopped after \(r.questions) questions, once your level was measured precisely enough"
        }
    }
}
