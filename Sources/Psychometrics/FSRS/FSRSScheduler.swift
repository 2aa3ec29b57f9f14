/// The FSRS-6 scheduler: given a card and a rating, the card's next memory state and due time.
///
/// This is a line-by-line port of py-fsrs 6.3's `Scheduler.review_card`, including its learning and relearning steps,
/// its same-day ("short-term") stability update and its rounding of intervals to whole days (half to even), so that a
/// history replayed here gives the stability, difficulty and due time py-fsrs gives (checked by the fixture tests).
///
/// ```swift
/// let scheduler = FSRSScheduler(desiredRetention: 0.9)
/// var card = FSRSCard(due: now)
/// card = scheduler.review(card, rating: .good, at: now)      // deterministic, no fuzz
/// card = scheduler.review(card, rating: .good, at: card.due, using: &rng)  // fuzzed when enableFuzzing
/// ```
public struct FSRSScheduler: Hashable, Sendable {
    /// Model weights.
    public var parameters: FSRSParameters
    /// Target probability of recall when a card comes due; higher means shorter intervals.
    public var desiredRetention: Double
    /// Short steps for new cards before they graduate to review.
    public var learningSteps: [Duration]
    /// Short steps for lapsed cards before they return to review.
    public var relearningSteps: [Duration]
    /// Longest interval in days.
    public var maximumInterval: Int
    /// Whether `review(_:rating:at:using:)` spreads review intervals by a small random amount (as py-fsrs does), so
    /// that cards learnt together do not all fall due on the same day. The generator-free `review` never fuzzes.
    public var enableFuzzing: Bool

    /// Creates a scheduler; the defaults are py-fsrs's.
    public init(
        parameters: FSRSParameters = FSRSParameters(),
        desiredRetention: Double = 0.9,
        learningSteps: [Duration] = [.seconds(60), .seconds(600)],
        relearningSteps: [Duration] = [.seconds(600)],
        maximumInterval: Int = 36500,
        enableFuzzing: Bool = true
    ) {
        precondition(desiredRetention > 0 && desiredRetention < 1, "desired retention must be in (0, 1)")
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
    }

    /// Reviews `card` at `time` without fuzz: the result depends on its arguments only.
    public func review(_ card: FSRSCard, rating: FSRSRating, at time: FSRSTimestamp) -> FSRSCard {
        var never = NoFuzz()
        return review(card, rating: rating, at: time, fuzz: false, using: &never)
    }

    /// Reviews `card` at `time`, fuzzing review intervals with `generator` when `enableFuzzing` is set.
    public func review<G: RandomNumberGenerator>(
        _ card: FSRSCard, rating: FSRSRating, at time: FSRSTimestamp, using generator: inout G
    ) -> FSRSCard {
        review(card, rating: rating, at: time, fuzz: enableFuzzing, using: &generator)
    }

    /// Replays a whole history from a new card, as py-fsrs's `reschedule_card` does (without fuzz); reviews are
    /// sorted by time first.
    public func replay(_ reviews: [(rating: FSRSRating, time: FSRSTimestamp)], newCardDue: FSRSTimestamp) -> FSRSCard {
        replayHistory(reviews, newCardDue: newCardDue).last ?? FSRSCard(due: newCardDue)
    }

    /// Like `replay`, but returns the card after every review (for `mlcert srs replay` style reports).
    public func replayHistory(_ reviews: [(rating: FSRSRating, time: FSRSTimestamp)], newCardDue: FSRSTimestamp) -> [FSRSCard] {
        var card = FSRSCard(due: newCardDue)
        var out: [FSRSCard] = []
        out.reserveCapacity(reviews.count)
        for r in reviews.sorted(by: { $0.time < $1.time }) {
            card = review(card, rating: r.rating, at: r.time)
            out.append(card)
        }
        return out
    }

    /// The predicted probability of recalling `card` at `time` (0 for a card never reviewed).
    public func retrievability(of card: FSRSCard, at time: FSRSTimestamp) -> Double {
        guard let last = card.lastReview, let s = card.stability else { return 0 }
        let elapsed = max(0, time.wholeDays(since: last))
        return mpow(1 + factor * Double(elapsed) / s, decay)
    }

    /// The interval in whole days that brings retrievability down to the desired retention, clamped to
    /// 1…`maximumInterval`.
    public func nextInterval(stability: Double) -> Int {
        let raw = (stability / factor) * (mpow(desiredRetention, 1 / decay) - 1)
        let rounded = Int(raw.rounded(.toNearestOrEven))
        return min(max(rounded, 1), maximumInterval)
    }

    private func review<G: RandomNumberGenerator>(
        _ input: FSRSCard, rating: FSRSRating, at time: FSRSTimestamp, fuzz: Bool, using generator: inout G
    ) -> FSRSCard {
        var card = input
        let daysSinceLast = card.lastReview.map { time.wholeDays(since: $0) }
        let sameDay = daysSinceLast.map { $0 < 1 } ?? false
        var nextIntervalMicros: Int64

        switch card.state {
        case .learning:
            let step = card.step ?? 0
            if let s = card.stability, let d = card.difficulty {
                card.stability =
                    sameDay
                    ? shortTermStability(s, rating: rating)
                    : nextStability(difficulty: d, stability: s, retrievability: retrievability(of: card, at: time), rating: rating)
                card.difficulty = nextDifficulty(d, rating: rating)
            } else {
                card.stability = initialStability(rating)
                card.difficulty = clampDifficulty(initialDifficulty(rating))
            }
            nextIntervalMicros = advanceSteps(&card, step: step, steps: learningSteps, rating: rating)

        case .review:
            let s = card.stability!
            let d = card.difficulty!
            card.stability =
                sameDay
                ? shortTermStability(s, rating: rating)
                : nextStability(difficulty: d, stability: s, retrievability: retrievability(of: card, at: time), rating: rating)
            card.difficulty = nextDifficulty(d, rating: rating)
            if rating == .again && !relearningSteps.isEmpty {
                card.state = .relearning
                card.step = 0
                nextIntervalMicros = relearningSteps[0].fsrsMicroseconds
            } else {
                nextIntervalMicros = Int64(nextInterval(stability: card.stability!)) * FSRSTimestamp.microsecondsPerDay
            }

        case .relearning:
            let step = card.step ?? 0
            let s = card.stability!
            let d = card.difficulty!
            card.stability =
                sameDay
                ? shortTermStability(s, rating: rating)
                : nextStability(difficulty: d, stability: s, retrievability: retrievability(of: card, at: time), rating: rating)
            card.difficulty = nextDifficulty(d, rating: rating)
            nextIntervalMicros = advanceSteps(&card, step: step, steps: relearningSteps, rating: rating)
        }

        if fuzz && card.state == .review {
            nextIntervalMicros = fuzzedInterval(nextIntervalMicros, using: &generator)
        }
        card.due = FSRSTimestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + nextIntervalMicros)
        card.lastReview = time
        return card
    }

    /// Moves a learning or relearning card through `steps`, graduating it to review when it passes the last one;
    /// returns the next interval in microseconds.
    private func advanceSteps(_ card: inout FSRSCard, step: Int, steps: [Duration], rating: FSRSRating) -> Int64 {
        let graduate: Bool
        if steps.isEmpty || (step >= steps.count && rating != .again) {
            graduate = true
        } else {
            switch rating {
            case .again:
                card.step = 0
                return steps[0].fsrsMicroseconds
            case .hard:
                card.step = step
                if step == 0 && steps.count == 1 {
                    return divideRoundingHalfEven(steps[0].fsrsMicroseconds * 3, 2)
                } else if step == 0 {
                    return divideRoundingHalfEven(steps[0].fsrsMicroseconds + steps[1].fsrsMicroseconds, 2)
                }
                return steps[step].fsrsMicroseconds
            case .good:
                if step + 1 == steps.count {
                    graduate = true
                } else {
                    card.step = step + 1
                    return steps[step + 1].fsrsMicroseconds
                }
            case .easy:
                graduate = true
            }
        }
        precondition(graduate)
        card.state = .review
        card.step = nil
        return Int64(nextInterval(stability: card.stability!)) * FSRSTimestamp.microsecondsPerDay
    }
}

/// A generator that is never called: the unfuzzed path needs a value of some generator type.
private struct NoFuzz: RandomNumberGenerator {
    mutating func next() -> UInt64 { preconditionFailure("unfuzzed review drew a random number") }
}
