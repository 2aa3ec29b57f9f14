import Foundation
import MLCertCore
import Psychometrics

/// `mlcert srs replay`: each card's FSRS state after the last review in a log, without fuzz so that the result is the
/// reference scheduler's, and with due dates clamped to an exam date when one is given.
public struct ReviewLogReplay: Sendable {
    public struct CardState: Codable, Sendable {
        public let card: String
        public let reviews: Int
        public let state: String
        public let stability: Double?
        public let difficulty: Double?
        public let lastReview: String?
        public let due: String
        enum CodingKeys: String, CodingKey {
            case card, reviews, state, stability, difficulty, due
            case lastReview = "last_review"
        }
    }

    public let scheduler: FSRSScheduler
    /// No card comes due after the start of this day.
    public let examDay: Day?

    public init(desiredRetention: Double = 0.9, examDay: Day? = nil) {
        scheduler = FSRSScheduler(desiredRetention: desiredRetention, enableFuzzing: false)
        self.examDay = examDay
    }

    public func states(_ log: ReviewLogFile) -> [CardState] {
        let exam = examDay.map { FSRSTimestamp(microsecondsSinceEpoch: Int64($0.ordinal) * FSRSTimestamp.microsecondsPerDay) }
        return log.cards.map { card in
            let history = card.reviews.map { (rating: $0.rating, time: $0.time) }
            var state = scheduler.replay(history, newCardDue: history[0].time)
            if let exam, let last = history.last { state = scheduler.clampDue(state, reviewedAt: last.time, examDate: exam) }
            return CardState(card: card.id, reviews: history.count, state: "\(state.state)", stability: state.stability,
                difficulty: state.difficulty, lastReview: state.lastReview.map(ReviewLogFile.format), due: ReviewLogFile.format(state.due))
        }
    }

    public static func renderTable(_ states: [CardState]) -> String {
        var table = TextTable(headers: ["CARD", "REVIEWS", "STATE", "STABILITY (d)", "DIFFICULTY", "DUE"])
        for s in states {
            table.rows.append([s.card, "\(s.reviews)", s.state, s.stability.map { String(format: "%.2f", $0) } ?? "-",
                s.difficulty.map { String(format: "%.2f", $0) } ?? "-", s.due])
        }
        return table.render()
    }
}
