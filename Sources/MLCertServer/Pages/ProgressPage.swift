import Foundation
import MLCertCore
import MLCertPractice

/// The progress dashboard for one credential, in plain words: the chance of passing with its likely range, the
/// score to expect, each domain in percent correct, the next action as a link, the exam date (set here, used by
/// the plan too), and three server-drawn charts that stay readable on a phone.
struct ProgressPage: Sendable {
    /// Readiness after one finished session.
    struct Milestone: Sendable {
        let at: Date
        let kind: SessionKind
        let report: ReadinessReport
    }

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

    init(progress: ProgressReport, milestones: [Milestone], sessions: [SessionState], format: ExamFormat, bank: [Item], blueprint: Blueprint,
         catalog: Catalog, today: Day, page: PageChrome) {
        self.page = page
        let r = progress.readiness
        credentials = PageFormat.credentialChoices(catalog, selected: progress.credentialID)
        credentialID = progress.credentialID
        credentialName = PageFormat.credentialName(progress.credentialID, in: catalog)
        readiness = ReadinessInWords(report: r, format: format, bank: bank, blueprint: blueprint, reviewsDue: progress.reviewsDue,
            answersRecorded: progress.answersGiven)
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
        timelineChart = ReadinessTimelineChart(id: "timeline", title: "Chance of passing over time", points: milestones.map { m in
            let figures = ReadinessInWords.Figures(report: m.report, format: format, bank: bank, blueprint: blueprint)
            return .init(at: m.at, value: figures.passChance, low: figures.passLow, high: figures.passHigh,
                note: PageFormat.kind(m.kind.rawValue).lowercased())
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

    /// Readiness as it stood after each finished session, recomputed from the answers revealed by then.
    static func milestones(history: LearnerHistory, estimator: ReadinessEstimator, credential: String) -> [Milestone] {
        let mine = history.revealed.filter { $0.credentialID == credential }
        return history.sessions.compactMap { state in
            guard state.header.credentialID == credential, let end = state.finished,
                  let report = try? estimator.estimate(mine.filter { $0.at <= end.at }, at: end.at)
            else { return nil }
            return Milestone(at: end.at, kind: state.header.kind, report: report)
        }.sorted { $0.at < $1.at }
    }
}
