import MLCertCore
import MLCertPractice

/// The report of a finished session: the score (with the pass decision on a mock exam), results by domain as a chart
/// and a table, time and pace, answer changes, readiness after a diagnostic, and every question with its key,
/// rationales and explanation. Only finished sessions have a report, so nothing here can leak an open question.
struct ResultsPage: Sendable {
    struct DomainRow: Sendable {
        let title: String
        let weight: String
        let correct: Int
        let questions: Int
        let percent: String
    }

    struct Readiness: Sendable {
        let verdict: String
        let probability: String
        let interval: String
    }

    let page: PageChrome
    let credentialID: String
    let credentialName: String
    let kindLabel: String
    let exam: Bool
    let started: String
    let finishText: String
    let passed: Bool
    let correct: Int
    let questions: Int
    let percent: String
    let scaled: Int?
    let passMark: String
    let customTime: Bool
    let formNote: String?
    let domainChart: String
    let domains: [DomainRow]
    let timeText: String
    let paceText: String?
    let changesText: String?
    let readiness: Readiness?
    let items: [Item]

    init(report r: SessionReport, catalog: Catalog, page: PageChrome) {
        self.page = page
        credentialID = r.credentialID
        credentialName = PageFormat.credentialName(r.credentialID, in: catalog)
        kindLabel = PageFormat.kind(r.kind.rawValue)
        exam = r.kind == .exam
        started = PageFormat.dateTime(r.startedAt)
        finishText = switch r.finishReason {
        case .submitted: "submitted"
        case .timeUp: "time ran out; the answers recorded before the deadline were scored"
        case .stoppingRule: "stopped once your level was measured precisely enough"
        }
        passed = r.passed ?? false
        correct = r.correct
        questions = r.questions
        percent = PageFormat.percent(r.proportion)
        scaled = r.scaledScore
        passMark = r.passMark?.explanation ?? ""
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
        readiness = r.readiness.map {
            Readiness(verdict: $0.verdictText.prefix(1).uppercased() + $0.verdictText.dropFirst(), probability: PageFormat.percent($0.probabilityOfPassing),
                interval: "Based on \($0.answered) answers; \(Int(($0.credibleLevel * 100).rounded()))% credible range of ability "
                    + "\(PageFormat.number($0.abilityLow)) to \(PageFormat.number($0.abilityHigh)) against a pass mark of \(PageFormat.number($0.cut)).")
        }
        items = r.items.map(Item.init)
    }
}

extension ResultsPage {
    /// One reviewed question on the results page: the same option layout as drill feedback.
    struct Item: Sendable {
        let number: Int
        let correct: Bool
        let answered: Bool
        let flagged: Bool
        let scenario: String?
        let question: String
        let options: [FeedbackPage.Option]
        let explanation: String
        let editedSince: Bool

        init(_ item: SessionReport.ItemReview) {
            number = item.number
            correct = item.correct
            answered = item.answered
            flagged = item.flagged
            scenario = item.scenario.isEmpty ? nil : item.scenario
            question = item.question
            options = item.options.map {
                FeedbackPage.Option(letter: $0.letter, text: $0.text, correct: $0.correct, chosen: $0.chosen, chosenWrong: $0.chosen && !$0.correct,
                    rationale: $0.rationale)
            }
            explanation = item.explanation
            editedSince = item.editedSince
        }
    }
}
