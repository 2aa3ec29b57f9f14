import Foundation
import MLCertCore
import MLCertPractice

/// The progress dashboard for one credential, in plain words: the chance of passing with its likely range, the
/// score to expect, each domain in percent correct, the next action as a link, the exam date (set here, used by
/// the plan too), and three server-drawn charts that stay readable on a phone.
struct ProgressPage: Sendable {
    struct StudyLink: Sendable {
        let text: String
        let href: String
    }

    let page: PageChrome
    let credentials: [PageFormat.Choice]
    let credentialID: String
    let credentialName: String
    let readiness: ReadinessInWords
    let domains: [ReadinessInWords.Domain]
    let studyNext: [StudyLink]
    let hasStudyNext: Bool
    let practiceSummary: String
    let examDate: String
    let examDateText: String
    let today: String
    let planHref: String
    let strengthChart: String
    let timelineChart: String
    let paceChart: String
    let paceWarning: String?
    let assumptions: [String]

    init(progress: ProgressReport, sessions: [SessionState], format: ExamFormat, catalog: Catalog, today: Day, page: PageChrome) {
        self.page = page
        let r = progress.readiness
        credentials = PageFormat.credentialChoices(catalog, selected: progress.credentialID)
        credentialID = progress.credentialID
        credentialName = PageFormat.credentialName(progress.credentialID, in: catalog)
        readiness = ReadinessInWords(report: r, reviewsDue: progress.reviewsDue, answersRecorded: progress.answersGiven)
        domains = readiness.domains
        let titles = Dictionary(r.domains.map { ($0.domain, $0.title) }, uniquingKeysWith: { a, _ in a })
        let practice = "/practice?credential=\(PageQuery.escape(progress.credentialID))"
        studyNext = r.answered == 0 ? [] : r.studyNext.map { id in
            StudyLink(text: "Drill \(titles[id] ?? id)", href: practice + "&domain=\(PageQuery.escape(id))&count=20#drill")
        }
        hasStudyNext = !studyNext.isEmpty
        practiceSummary = progress.reviewsDue > 0
            ? "\(progress.reviewsDue) question\(progress.reviewsDue == 1 ? " is" : "s are") due for review."
            : "Nothing is due for review now."
        examDate = progress.examDate?.description ?? ""
        if let date = progress.examDate, let days = progress.daysToExam {
            examDateText = days >= 0 ? "Your exam is on \(date), in \(days) day\(days == 1 ? "" : "s")." : "Your exam date, \(date), has passed."
        } else {
            examDateText = "No exam date set yet."
        }
        self.today = today.description
        planHref = "/plan/result?" + PageQuery.encode([("credential", progress.credentialID), ("hours", "8"), ("from_progress", "1")]
            + (progress.examDate.map { [("exam_date", $0.description)] } ?? []))
        strengthChart = DomainStrengthChart(id: "strength", title: "Expected percent correct by domain", rows: readiness.domainRows,
            target: format.passMark.proportion, expected: true).svg()
        timelineChart = ReadinessTimelineChart(id: "timeline", title: "Chance of passing over time", points: progress.history.map { point in
            .init(at: point.at, value: point.probabilityOfPassing, low: point.probabilityLow, high: point.probabilityHigh,
                note: PageFormat.kind(point.kind.rawValue).lowercased())
        }, passLine: 0.8, passLabel: "a comfortable margin:", valueText: { PageFormat.percent($0) }, unitRange: true).svg()
        let pace = Self.paceRows(sessions, credential: progress.credentialID)
        let examPace = Double(format.timeLimitMinutes * 60) / Double(max(format.questionCount, 1))
        paceChart = PaceChart(id: "pace", title: "Seconds per question", rows: pace, examPace: examPace).svg()
        paceWarning = pace.last.flatMap { row in
            row.secondsPerQuestion < PaceChart.guessingSeconds
                ? "Your last session took \(PageFormat.duration(seconds: row.secondsPerQuestion)) a question: too fast to read a scenario. Slow down; the exam allows \(PageFormat.duration(seconds: examPace))."
                : nil
        }
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
