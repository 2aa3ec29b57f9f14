/// Exam-date awareness: a learner preparing for a certification cares about recall on one day, so nothing should be
/// scheduled for after it.
extension FSRSScheduler {
    /// Reviews `card` without fuzz, then pulls its due time back so it falls no later than `exam - lead`.
    ///
    /// When `time` is already at or past `exam - lead` the exam has effectively happened and the ordinary schedule is
    /// kept. Stability and difficulty are untouched: only the next appointment moves.
    public func review(
        _ card: FSRSCard, rating: FSRSRating, at time: FSRSTimestamp, examDate exam: FSRSTimestamp, lead: Duration = .zero
    ) -> FSRSCard {
        clampDue(review(card, rating: rating, at: time), reviewedAt: time, examDate: exam, lead: lead)
    }

    /// Fuzzed variant of `review(_:rating:at:examDate:lead:)`.
    public func review<G: RandomNumberGenerator>(
        _ card: FSRSCard, rating: FSRSRating, at time: FSRSTimestamp, examDate exam: FSRSTimestamp, lead: Duration = .zero,
        using generator: inout G
    ) -> FSRSCard {
        clampDue(review(card, rating: rating, at: time, using: &generator), reviewedAt: time, examDate: exam, lead: lead)
    }

    /// `card` with its due time moved to `exam - lead` if it was later (and the exam still lies ahead of `time`).
    public func clampDue(_ card: FSRSCard, reviewedAt time: FSRSTimestamp, examDate exam: FSRSTimestamp, lead: Duration = .zero)
        -> FSRSCard
    {
        let latest = exam.advanced(by: .zero - lead)
        guard time < latest, card.due > latest else { return card }
        var clamped = card
        clamped.due = latest
        return clamped
    }

    /// Predicted probability of recalling `card` on the exam day if it is not reviewed again before then.
    public func predictedRecall(of card: FSRSCard, onExam exam: FSRSTimestamp) -> Double {
        retrievability(of: card, at: exam)
    }
}
