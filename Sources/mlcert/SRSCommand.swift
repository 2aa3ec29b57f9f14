import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore

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

        func run() async throws {
            guard desiredRetention > 0 && desiredRetention < 1 else { throw ValidationFailure(message: "--desired-retention must be between 0 and 1") }
            let file: ReviewLogFile
            do { file = try ReviewLogFile(csv: try readText(log), file: log) } catch let error as ContentErrors { throw ValidationFailure(message: error.description) }
            var examDay: Day?
            if let examDate {
                guard let day = Day(examDate) else { throw ValidationFailure(message: "--exam-date: expected YYYY-MM-DD") }
                examDay = day
            }
            let states = ReviewLogReplay(desiredRetention: desiredRetention, examDay: examDay).states(file)
            switch format {
            case .json: emit(try JSONOutput.encode(states))
            case .table: emit(ReviewLogReplay.renderTable(states))
            }
        }
    }
}
