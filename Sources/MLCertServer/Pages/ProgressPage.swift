import Foundation
import MLCertCore
import MLCertPractice

/// The progress dashboard for one credential: the readiness verdict with its uncertainty, what to study next, and
/// three server-drawn charts (strength by domain, readiness over time, pace).
struct ProgressPage: Sendable {
    /// The strength chart's numbers as a table, which stays readable where the chart's text gets small (a phone).
    struct DomainRow: Sendable {
        let title: String
        let weight: String
        let result: String
        let likely: String
        let aboveCut: String
    }

    let page: PageChrome
    let credentials: [PageFormat.Choice]
    let domainRows: [DomainRow]
    let verdict: String
    let verdictClass: String
    let probability: String
    let answered: Int
    let correct: Int
    let uncertainty: String
    let studyNext: [String]
    let hasStudyNext: Bool
    let practiceSummary: String
    let strengthChart: String
    let timelineChart: String
    let paceChart: String
    let assumptions: [String]

    init(progress: ProgressReport, sessions: [SessionState], format: ExamFormat?, catalog: Catalog, page: PageChrome) {
        self.page = page
        let r = progress.readiness
        credentials = PageFormat.credentialChoices(catalog, selected: progress.credentialID)
        verdict = r.verdictText.prefix(1).uppercased() + r.verdictText.dropFirst()
        verdictClass = switch r.outcome {
        case .likelyPass: "good"
        case .likelyFail: "error"
        case .notEnoughEvidence: ""
        }
        probability = PageFormat.percent(r.probabilityOfPassing)
        answered = r.answered
        correct = r.correct
        let level = Int((r.credibleLevel * 100).rounded())
        uncertainty = "Your estimated ability is \(PageFormat.number(r.ability)) (the pass mark sits at \(PageFormat.number(r.cut)) on the same scale); "
            + "with \(level)% credibility it lies between \(PageFormat.number(r.abilityLow)) and \(PageFormat.number(r.abilityHigh)). "
            + "The verdict says pass or fail only when that whole range is on one side of the pass mark."
        let titles = Dictionary(r.domains.map { ($0.domain, $0.title) }, uniquingKeysWith: { a, _ in a })
        studyNext = r.studyNext.map { titles[$0] ?? $0 }
        hasStudyNext = !studyNext.isEmpty && r.answered > 0
        var summary = "\(progress.answersGiven) answers recorded"
        summary += progress.reviewsDue > 0 ? "; \(progress.reviewsDue) questions due for review" : "; nothing due for review"
        if let days = progress.daysToExam, let date = progress.examDate { summary += "; exam on \(date) (\(days) days away)" }
        practiceSummary = summary + "."
        domainRows = r.domains.map { d in
            let band = ProportionInterval(correct: d.correct, total: d.answered)
            return DomainRow(title: d.title, weight: PageFormat.percent(d.weight),
                result: d.answered == 0 ? "no answers yet" : "\(d.correct) of \(d.answered)",
                likely: d.answered == 0 ? "–" : "\(PageFormat.percent(band.low)) to \(PageFormat.percent(band.high))",
                aboveCut: PageFormat.percent(d.probabilityAboveCut))
        }
        strengthChart = DomainStrengthChart(id: "strength", title: "Strength by domain", rows: r.domains.map {
            let band = ProportionInterval(correct: $0.correct, total: $0.answered)
            return .init(label: $0.title, strength: $0.answered == 0 ? 0 : Double($0.correct) / Double($0.answered), low: band.low, high: band.high,
                weight: $0.weight, answered: $0.answered)
        }, target: format?.passMark.proportion).svg()
        timelineChart = ReadinessTimelineChart(id: "timeline", title: "Readiness over time", points: progress.history.map {
            .init(at: $0.at, value: $0.ability, low: $0.abilityLow, high: $0.abilityHigh,
                note: "\(PageFormat.kind($0.kind.rawValue).lowercased()) (\(PageFormat.percent($0.probabilityOfPassing)) chance of passing)")
        }, passLine: r.cut, passLabel: "pass mark", valueText: { "ability " + PageFormat.number($0) }).svg()
        paceChart = PaceChart(id: "pace", title: "Seconds per question", rows: Self.paceRows(sessions, credential: progress.credentialID),
            examPace: format.map { Double($0.timeLimitMinutes * 60) / Double(max($0.questionCount, 1)) }).svg()
        assumptions = r.assumptions
    }

    /// Seconds per answered question in the last ten finished sessions of this credential, oldest first.
    static func paceRows(_ sessions: [SessionState], credential: String) -> [PaceChart.Row] {
        let finished = sessions.filter { $0.header.credentialID == credential && $0.isFinished && !$0.answers.isEmpty }
            .sorted { $0.header.startedAt < $1.header.startedAt }.suffix(10)
        return finished.map { s in
            let seconds = s.secondsSpent.values.reduce(0, +)
            return PaceChart.Row(label: "\(PageFormat.day(s.header.startedAt)) \(PageFormat.kind(s.header.kind.rawValue).lowercased())",
                secondsPerQuestion: seconds / Double(s.answers.count), questions: s.answers.count)
        }
    }
}
