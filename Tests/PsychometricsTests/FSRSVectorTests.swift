import Foundation
import Psychometrics
import Testing

/// Replays the histories py-fsrs produced (scripts/fsrs-vectors.py) and demands the same states.
@Suite("FSRS matches py-fsrs")
struct FSRSVectorTests {
    struct Vectors: Decodable {
        var fsrsVersion: String
        var cases: [Case]
    }
    struct Case: Decodable {
        var scheduler: Config
        var histories: [History]
    }
    struct Config: Decodable {
        var name: String
        var parameters: [Double]
        var desiredRetention: Double
        var learningSteps: [Int64]
        var relearningSteps: [Int64]
        var maximumInterval: Int
    }
    struct History: Decodable {
        var start: Int64
        var reviews: [Review]
    }
    struct Review: Decodable {
        var rating: Int
        var time: Int64
        var state: Int
        var step: Int?
        var stability: Double
        var difficulty: Double
        var due: Int64
        var lastReview: Int64
        var retrievabilityAtDue: Double
        var retrievabilityIn10Days: Double
    }

    static func load() throws -> Vectors {
        let url = try #require(Bundle.module.url(forResource: "fsrs-vectors", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static func scheduler(_ c: Config) throws -> FSRSScheduler {
        FSRSScheduler(
            parameters: try FSRSParameters(weights: c.parameters),
            desiredRetention: c.desiredRetention,
            learningSteps: c.learningSteps.map { .microseconds($0) },
            relearningSteps: c.relearningSteps.map { .microseconds($0) },
            maximumInterval: c.maximumInterval,
            enableFuzzing: false
        )
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    @Test("every review in the fixture gives py-fsrs's state, stability, difficulty and due time")
    func replay() throws {
        let vectors = try Self.load()
        #expect(vectors.fsrsVersion.hasPrefix("6."))
        var checked = 0
        var bitExact = 0
        for c in vectors.cases {
            let scheduler = try Self.scheduler(c.scheduler)
            for h in c.histories {
                var card = FSRSCard(due: FSRSTimestamp(microsecondsSinceEpoch: h.start))
                for (i, r) in h.reviews.enumerated() {
                    let t = FSRSTimestamp(microsecondsSinceEpoch: r.time)
                    card = scheduler.review(card, rating: FSRSRating(rawValue: r.rating)!, at: t)
                    let context = "\(c.scheduler.name) review \(i)"
                    #expect(card.state.rawValue == r.state, "\(context)")
                    #expect(card.step == r.step, "\(context)")
                    #expect(card.due.microsecondsSinceEpoch == r.due, "\(context)")
                    #expect(card.lastReview?.microsecondsSinceEpoch == r.lastReview, "\(context)")
                    let s = try #require(card.stability)
                    let d = try #require(card.difficulty)
                    #expect(Self.close(s, r.stability), "\(context): stability \(s) vs \(r.stability)")
                    #expect(Self.close(d, r.difficulty), "\(context): difficulty \(d) vs \(r.difficulty)")
                    let rDue = scheduler.retrievability(of: card, at: card.due)
                    let r10 = scheduler.retrievability(of: card, at: t.advanced(by: .seconds(10 * 86_400 + 3 * 3600)))
                    #expect(Self.close(rDue, r.retrievabilityAtDue), "\(context)")
                    #expect(Self.close(r10, r.retrievabilityIn10Days), "\(context)")
                    if s == r.stability && d == r.difficulty { bitExact += 1 }
                    checked += 1
                }
                // Replaying the whole log at once (py-fsrs's reschedule_card) lands on the same card.
                let replayed = scheduler.replay(
                    h.reviews.map { (FSRSRating(rawValue: $0.rating)!, FSRSTimestamp(microsecondsSinceEpoch: $0.time)) },
                    newCardDue: FSRSTimestamp(microsecondsSinceEpoch: h.start))
                #expect(replayed == card)
            }
        }
        #expect(checked > 1000)
        // The port keeps py-fsrs's operation order, so nearly every value should agree to the bit.
        #expect(bitExact == checked)
    }
}
