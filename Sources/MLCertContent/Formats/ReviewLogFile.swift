import Foundation
import Psychometrics

/// A spaced-repetition review log from `card,review_time,rating` CSV: ISO-8601 times, ratings 1 (again) to 4 (easy).
public struct ReviewLogFile: Sendable {
    public struct Review: Sendable {
        public let line: Int
        public let time: FSRSTimestamp
        public let rating: FSRSRating
    }

    /// Reviews per card in time order, cards in order of first appearance.
    public let cards: [(id: String, reviews: [Review])]

    public init(csv text: String, file: String) throws(ContentErrors) {
        let table = try CSVTable(text, file: file, required: ["card", "review_time", "rating"])
        var order: [String] = []
        var byCard: [String: [Review]] = [:]
        var problems: [ContentProblem] = []
        for row in table.rows {
            let card = row.fields["card"]!
            guard let time = ReviewLogFile.parseTime(row.fields["review_time"]!) else {
                problems.append(ContentProblem(file: file, line: row.line, field: "review_time",
                    message: "'\(row.fields["review_time"]!)' is not an ISO-8601 time such as 2026-11-22T09:30:00Z", rule: "csv.value"))
                continue
            }
            guard let n = Int(row.fields["rating"]!), let rating = FSRSRating(rawValue: n) else {
                problems.append(ContentProblem(file: file, line: row.line, field: "rating",
                    message: "'\(row.fields["rating"]!)' is not a rating; expected 1 (again), 2 (hard), 3 (good) or 4 (easy)", rule: "csv.value"))
                continue
            }
            if byCard[card] == nil { order.append(card) }
            byCard[card, default: []].append(Review(line: row.line, time: time, rating: rating))
        }
        if !problems.isEmpty { throw ContentErrors(problems: problems) }
        cards = order.map { id in (id, byCard[id]!.sorted { ($0.time, $0.line) < ($1.time, $1.line) }) }
    }

    /// ISO-8601 with or without fractional seconds; a time without a zone is read as UTC.
    static func parseTime(_ text: String) -> FSRSTimestamp? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var candidate = text
        if !(text.hasSuffix("Z") || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil) { candidate += "Z" }
        guard let date = plain.date(from: candidate) ?? fractional.date(from: candidate) else { return nil }
        return FSRSTimestamp(secondsSinceEpoch: date.timeIntervalSince1970)
    }

    /// Formats a timestamp as ISO-8601 UTC with seconds.
    public static func format(_ time: FSRSTimestamp) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: time.secondsSinceEpoch))
    }
}
