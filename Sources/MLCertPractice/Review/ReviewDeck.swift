import Foundation
import Psychometrics

/// The learner's FSRS cards, rebuilt from their revealed answers.
///
/// Nothing about the schedule is stored: a card is born on the first miss (rated Again) and every later revealed
/// answer on the same item (or, for an objective card, on any item of the objective) is a review, rated Good when
/// right and Again when wrong. Replaying the history gives the same cards every time, so a deck can never drift
/// from the answers behind it.
public struct ReviewDeck: Sendable {
    public struct Card: Sendable, Hashable {
        public let key: ReviewCardKey
        public let card: FSRSCard
        public let reviews: Int
        public let lapses: Int
    }

    public let cards: [ReviewCardKey: Card]

    public init(history: LearnerHistory, scheduler: FSRSScheduler = FSRSScheduler(enableFuzzing: false), examDates: [String: Date] = [:]) {
        var cards: [ReviewCardKey: Card] = [:]
        for entry in history.revealed {
            let keys = [
                ReviewCardKey(kind: .item, credentialID: entry.credentialID, id: entry.answer.itemID),
                ReviewCardKey(kind: .objective, credentialID: entry.credentialID, id: entry.item.objective),
            ]
            let time = FSRSTimestamp(secondsSinceEpoch: entry.at.timeIntervalSince1970)
            let rating: FSRSRating = entry.answer.correct ? .good : .again
            for key in keys {
                let existing = cards[key]
                guard existing != nil || !entry.answer.correct else { continue }
                let before = existing?.card ?? FSRSCard(due: time)
                var after = scheduler.review(before, rating: rating, at: time)
                if let exam = examDates[entry.credentialID] {
                    after = scheduler.clampDue(after, reviewedAt: time, examDate: FSRSTimestamp(secondsSinceEpoch: exam.timeIntervalSince1970))
                }
                cards[key] = Card(key: key, card: after, reviews: (existing?.reviews ?? 0) + 1, lapses: (existing?.lapses ?? 0) + (entry.answer.correct ? 0 : 1))
            }
        }
        self.cards = cards
    }

    /// Cards of `credential` due at `now`, the most overdue first.
    public func due(credential: String, at now: Date) -> [Card] {
        let t = FSRSTimestamp(secondsSinceEpoch: now.timeIntervalSince1970)
        return cards.values.filter { $0.key.credentialID == credential && $0.card.due <= t }
            .sorted { ($0.card.due, $0.key) < ($1.card.due, $1.key) }
    }

    /// All cards of `credential`, soonest due first.
    public func upcoming(credential: String) -> [Card] {
        cards.values.filter { $0.key.credentialID == credential }.sorted { ($0.card.due, $0.key) < ($1.card.due, $1.key) }
    }
}
