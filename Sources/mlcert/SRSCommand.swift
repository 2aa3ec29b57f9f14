import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import Psychometrics

/// `mlcert srs ...`: the FSRS spaced-repetition scheduler.
struct SRSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "srs", abstract: "Spaced repetition with FSRS-6 (the scheduler of Anki and py-fsrs).", subcommands: [Replay.self])

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay a review log (card,review_time,rating) and print each card's FSRS state after its last review.")
        @Option(help: "CSV with header card,review_time,rating (ISO-8601 times, ratings 1-4).") var log: String
        @Option(help: "Desired retention, between 0 and 1.") var desiredRetention: Double = 0.9
        @Option(help: "Exam date (YYYY-MM-DD): no card comes due after the exam.") var examDate: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        struct CardState: Codable {
            let card: String
            let reviews: Int
            let state: String
            let stability: Double?
            let difficulty: Double?
            let lastReview: String?
            let due: String
            enum CodingKeys: String, CodingKey {
                case card, reviews, state, stability, difficulty, due
                case lastReview = "last_review"
            }
        }

        func run() async throws {
            guard desiredRetention > 0 && desiredRetention < 1 else { throw ValidationFailure(message: "--desired-retention must be between 0 and 1") }
            let file: ReviewLogFile
            do { file = try ReviewLogFile(csv: try readText(log), file: log) } catch let error as ContentErrors { throw ValidationFailure(message: error.description) }
            var exam: FSRSTimestamp?
            if let examDate {
                guard let day = Day(examDate) else { throw ValidationFailure(message: "--exam-date: expected YYYY-MM-DD") }
                exam = FSRSTimestamp(microsecondsSinceEpoch: Int64(day.ordinal) * FSRSTimestamp.microsecondsPerDay)
            }
            let scheduler = FSRSScheduler(desiredRetention: desiredRetention, enableFuzzing: false)
            let states = file.cards.map { card -> CardState in
                let history = card.reviews.map { (rating: $0.rating, time: $0.time) }
                var state = scheduler.replay(history, newCardDue: history[0].time)
                if let exam, let last = history.last { state = scheduler.clampDue(state, reviewedAt: last.time, examDate: exam) }
                return CardState(card: card.id, reviews: history.count, state: "\(state.state)", stability: state.stability,
                    difficulty: state.difficulty, lastReview: state.lastReview.map(ReviewLogFile.format), due: ReviewLogFile.format(state.due))
            }
            switch format {
            case .json: emit(try JSONOutput.encode(states))
            case .table:
                var table = TextTable(headers: ["CARD", "REVIEWS", "STATE", "STABILITY (d)", "DIFFICULTY", "DUE"])
                for s in states {
                    table.rows.append([s.card, "\(s.reviews)", s.state, s.stability.map { String(format: "%.2f", $0) } ?? "-",
                        s.difficulty.map { String(format: "%.2f", $0) } ?? "-", s.due])
                }
                emit(table.render())
            }
        }
    }
}
