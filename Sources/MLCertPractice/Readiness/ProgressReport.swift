import Foundation
import MLCertCore

/// Where a learner stands on one credential: readiness now and over time, practice volume, reviews due, the exam
/// date, what to study next, and the per-domain results the planner re-plans from.
public struct ProgressReport: Sendable, Codable, Hashable {
    /// Readiness as it stood when one session of this credential ended.
    public struct Point: Sendable, Codable, Hashable {
        public let at: Date
        public let sessionID: String
        public let kind: SessionKind
        public let probabilityOfPassing: Double
        /// `ReadinessReport.probabilityRange` at that time.
        public let probabilityLow: Double
        public let probabilityHigh: Double
        public let outcome: String
        public let answered: Int
        /// General ability with its credible interval, on the θ scale of `ReadinessReport.cut`.
        public let ability: Double
        public let abilityLow: Double
        public let abilityHigh: Double
    }

    public let credentialID: String
    public let readiness: ReadinessReport
    /// Readiness after each finished session of this credential, oldest first (each computed once, from the first
    /// attempts revealed by then).
    public let history: [Point]
    public let sessionsByKind: [String: Int]
    public let answersGiven: Int
    public let reviewsDue: Int
    public let nextReviewAt: Date?
    public let examDate: Day?
    public let daysToExam: Int?
    /// Proportion correct per domain over first attempts (the figure readiness rests on), the input
    /// `mlcert plan --results` takes.
    public let domainResults: [String: Double]

    public init(credential: Credential, history: LearnerHistory, estimator: ReadinessEstimator, deck: ReviewDeck, examDate: Day?, now: Date) {
        credentialID = credential.id
        readiness = estimator.estimate(history, at: now)
        var points: [Point] = []
        for state in history.sessions where state.header.credentialID == credential.id {
            guard let end = state.finished else { continue }
            let r = estimator.estimate(history, at: end.at)
            points.append(Point(at: end.at, sessionID: state.header.id, kind: state.header.kind, probabilityOfPassing: r.probabilityOfPassing,
                probabilityLow: r.probabilityRange.low, probabilityHigh: r.probabilityRange.high, outcome: r.outcome.rawValue, answered: r.answered,
                ability: r.ability, abilityLow: r.abilityLow, abilityHigh: r.abilityHigh))
        }
        self.history = points.sorted { $0.at < $1.at }
        var kinds: [String: Int] = [:]
        for state in history.sessions where state.header.credentialID == credential.id { kinds[state.header.kind.rawValue, default: 0] += 1 }
        sessionsByKind = kinds
        answersGiven = history.revealed.filter { $0.credentialID == credential.id }.count
        reviewsDue = deck.due(credential: credential.id, at: now).count
        nextReviewAt = deck.upcoming(credential: credential.id).first.map { Date(timeIntervalSince1970: $0.card.due.secondsSinceEpoch) }
        self.examDate = examDate
        daysToExam = examDate.map { Day.today(now: now, calendar: Self.utc).days(until: $0) }
        var results: [String: Double] = [:]
        for domain in readiness.domains where domain.answered > 0 { results[domain.domain] = Double(domain.correct) / Double(domain.answered) }
        domainResults = results
    }

    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
