import Psychometrics
import Testing

@Suite("FSRS scheduler behaviour")
struct FSRSSchedulerTests {
    let now = FSRSTimestamp(secondsSinceEpoch: 1_790_000_000)

    @Test("a new card walks through the learning steps then graduates")
    func learningSteps() {
        let s = FSRSScheduler(enableFuzzing: false)
        var card = FSRSCard(due: now)
        card = s.review(card, rating: .good, at: now)
        #expect(card.state == .learning && card.step == 1)
        #expect(card.due == now.advanced(by: .seconds(600)))
        card = s.review(card, rating: .good, at: card.due)
        #expect(card.state == .review && card.step == nil)
        #expect(card.due.wholeDays(since: card.lastReview!) >= 1)
    }

    @Test("higher desired retention gives shorter intervals", arguments: [0.8, 0.85, 0.9])
    func retentionOrdersIntervals(retention: Double) {
        let lower = FSRSScheduler(desiredRetention: retention, enableFuzzing: false)
        let higher = FSRSScheduler(desiredRetention: retention + 0.07, enableFuzzing: false)
        #expect(higher.nextInterval(stability: 30) < lower.nextInterval(stability: 30))
    }

    @Test("the interval at 90% retention equals the stability (the definition of stability)")
    func stabilityDefinition() {
        let s = FSRSScheduler(desiredRetention: 0.9)
        #expect(s.nextInterval(stability: 37) == 37)
        let card = FSRSCard(state: .review, stability: 20, difficulty: 5, due: now, lastReview: now)
        #expect(abs(s.retrievability(of: card, at: now.advanced(days: 20)) - 0.9) < 1e-12)
    }

    @Test("fuzz is reproducible by seed and stays within py-fsrs's band")
    func fuzz() {
        let s = FSRSScheduler(enableFuzzing: true)
        let card = FSRSCard(state: .review, stability: 40, difficulty: 5, due: now, lastReview: now.advanced(days: -40))
        let plain = s.review(card, rating: .good, at: now)
        let plainDays = plain.due.wholeDays(since: now)
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<200 {
            let x = s.review(card, rating: .good, at: now, using: &a)
            let y = s.review(card, rating: .good, at: now, using: &b)
            #expect(x == y)
            #expect(x.stability == plain.stability)
            let days = x.due.wholeDays(since: now)
            seen.insert(days)
            #expect(abs(days - plainDays) <= max(3, plainDays / 10))
        }
        #expect(seen.count > 3)
    }

    @Test("an exam date caps the next due time but keeps the memory state")
    func examClamp() {
        let s = FSRSScheduler(enableFuzzing: false)
        let card = FSRSCard(state: .review, stability: 60, difficulty: 4, due: now, lastReview: now.advanced(days: -60))
        let exam = now.advanced(days: 10)
        let free = s.review(card, rating: .good, at: now)
        let capped = s.review(card, rating: .good, at: now, examDate: exam, lead: .seconds(86_400))
        #expect(free.due > exam)
        #expect(capped.due == exam.advanced(days: -1))
        #expect(capped.stability == free.stability && capped.difficulty == free.difficulty)
        // Once the exam is past, the ordinary schedule stands.
        let after = s.review(card, rating: .good, at: exam.advanced(days: 1), examDate: exam)
        #expect(after == s.review(card, rating: .good, at: exam.advanced(days: 1)))
        #expect(s.predictedRecall(of: capped, onExam: exam) > 0.9)
    }

    @Test("out-of-range weights are refused as py-fsrs refuses them")
    func validation() {
        #expect(throws: FSRSParameters.ValidationError.wrongCount(3)) { try FSRSParameters(weights: [1, 2, 3]) }
        var w = FSRSParameters.defaultWeights
        w[20] = 0.95
        #expect(throws: FSRSParameters.ValidationError.outOfBounds(index: 20, value: 0.95)) { try FSRSParameters(weights: w) }
    }

    @Test("whole days round toward minus infinity, as Python's timedelta.days does")
    func wholeDays() {
        let t = FSRSTimestamp(microsecondsSinceEpoch: 1_000_000_000_000)
        #expect(t.advanced(by: .seconds(86_399)).wholeDays(since: t) == 0)
        #expect(t.advanced(by: .seconds(86_400)).wholeDays(since: t) == 1)
        #expect(t.advanced(by: .seconds(-1)).wholeDays(since: t) == -1)
    }

    @Test("replayHistory returns the card after every review, ending where replay ends")
    func history() {
        let s = FSRSScheduler(enableFuzzing: false)
        let log: [(rating: FSRSRating, time: FSRSTimestamp)] = [
            (.good, now), (.good, now.advanced(by: .seconds(600))), (.again, now.advanced(days: 3)),
            (.good, now.advanced(days: 3).advanced(by: .seconds(700))),
        ]
        let steps = s.replayHistory(log, newCardDue: now)
        #expect(steps.count == 4)
        #expect(steps[2].state == .relearning)
        #expect(steps.last == s.replay(log.reversed(), newCardDue: now))
    }
}
