import Foundation
import MLCertCore

/// Where a learner stands on one credential: readiness now and over time, practice volume, reviews due, the exam
/// date, what to study next, and the per-domain results the planner re-plans from.
public struct ProgressReport: Sendable, Codable, Hashable {
    public struct Point: Sendable, Codable, Hashable {
        public let at: Date
        public let sessionID: String
        public let kind: SessionKind
        public let probabilityOfPassing: Double
        public let outcome: String
        public let answered: Int
    }

    public let credentialID: String
    public let readiness: ReadinessReport
    /// Readiness after each finished session of this credential, oldest first.
    public let history: [Point]
    public let sessionsByKind: [String: Int]
    public let answersGiven: Int
    public let reviewsDue: Int
    public let nextReviewAt: Date?
    public let examDate: Day?
    public let daysToExam: Int?
    /// Proportion correct per domain (latest answer to each item), the input `mlcert plan --results` takes.
    public let domainResults: [String: Double]

    public init(credential: Credential, blueprint: Blueprint, history: LearnerHistory, estimator: ReadinessEstimator, deck: ReviewDeck,
                examDate: Day?, now: Date) throws {
        credentialID = credential.id
        let mine = history.revealed.filter { $0.credentialID == credential.id }
        readiness = try estimator.estimate(mine, at: now)
        var points: [Point] = []
        for state in history.sessions where state.header.credentialID == credential.id {
            guard let end = state.finished else { continue }
            let r = try estimator.estimate(mine.filter { $0.at <= end.at }, at: end.at)
            points.append(Point(at: end.at, sessionID: state.header.id, kind: state.header.kind, probabilityOfPassing: r.probabilityOfPassing,
                outcome: r.outcome.rawValue, answered: r.answered))
        }
        self.history = points.sorted { $0.at < $1.at }
        var kinds: [String: Int] = [:]
        for state in history.sessions where state.header.credentialID == credential.id { kinds[state.header.kind.rawValue, default: 0] += 1 }
        sessionsByKind = kinds
        answersGiven = mine.count
        reviewsDue = deck.due(credential: credential.id, at: now).count
        nextReviewAt = deck.upcoming(credential: credential.id).first.map { Date(timeIntervalSince1970: $0.card.due.secondsSinceEpoch) }
        self.examDate = examDate
        daysToExam = examDate.map { Day.today(now: now, calendar: Self.utc).days(until: $0) }
        var latest: [String: (String, Bool)] = [:]
        for entry in mine { latest[entry.answer.itemID] = (entry.item.domain, entry.answer.correct) }
        var results: [String: Double] = [:]
        for domain in blueprint.domains {
            let answers = latest.values.filter { $0.0 == domain.id }
            if !answers.isEmpty { results[domain.id] = Double(answers.filter(\.1).count) / Double(answers.count) }
        }
        domainResults = results
    }

    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
