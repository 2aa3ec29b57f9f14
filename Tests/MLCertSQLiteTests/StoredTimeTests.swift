import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice
import Synchronization
import Testing

/// The real content of this checkout, loaded once (the practice service needs a catalog and a bank).
private let content: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return try! ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules + Linter.servingRules)
}()

/// A clock that starts and moves by amounts with digits below the millisecond, as `Date()` does.
private final class SubMillisecondClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Stored time precision")
struct StoredTimeTests {
    @Test("the rule keeps whole milliseconds as they are and takes any other time to the nearest one")
    func rounding() {
        #expect(StoredTime.rounded(Date(timeIntervalSince1970: 1_000_000.123456789)) == Date(timeIntervalSince1970: 1_000_000.123))
        #expect(StoredTime.rounded(Date(timeIntervalSince1970: 1_000_000.123_6)) == Date(timeIntervalSince1970: 1_000_000.124))
        #expect(StoredTime.rounded(Date(timeIntervalSince1970: 1_790_000_000.999_6)) == Date(timeIntervalSince1970: 1_790_000_001))
        for ms in stride(from: Int64(1_790_000_000_000), to: 1_790_000_000_000 + 1_000, by: 1) {
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            #expect(StoredTime.rounded(date) == date)
        }
    }

    /// The service keeps the sessions it folded (`SessionStateCache`) and serves them while the store's log has not
    /// grown; a fresh service on the same data reads and folds the log. Fails without `StoredTime` (in the service's
    /// clock, the exam deadline and `SessionEvent`): SQLite and PostgreSQL then give back start times, deadlines and
    /// event times that differ from the clock's by up to a millisecond (and, on a whole millisecond, in the last
    /// bits), so times per question, last activity and the time-out differ between the two states. Without the
    /// rounding in `SessionEvent` alone, the start in 1970 passes (there both stores return whole milliseconds
    /// exactly) and the start in 2026 fails on both: their conversions return about half of such times a unit in the
    /// last place off.
    @Test("a session folded in memory equals the session a fresh service reads back, with a clock finer than a millisecond",
          arguments: StoreFactory.allCases, [1_000_000.123_456_789, 1_790_000_000.123_456_789])
    func foldedEqualsStored(factory: StoreFactory, start: Double) async throws {
        let (store, sibling) = try await factory.makeWithSibling()
        let clock = SubMillisecondClock(Date(timeIntervalSince1970: start))
        let counter = Mutex(0)
        func service(_ store: any LearnerStore) -> PracticeService {
            PracticeService(catalog: content.catalog, items: content.items, store: store, clock: { clock.date },
                makeID: { "s\(counter.withLock { $0 += 1; return $0 })" }, makeSeed: { 42 })
        }
        let writer = service(store)
        _ = try await writer.learner(id: "ada")
        let bank = ItemIndex(content.items)
        /// The shown letters that answer `presented` rightly, or wrongly (one key option swapped for a wrong one).
        func key(_ presented: PresentedItem, correct: Bool) -> [Int] {
            let item = bank.item(presented.itemID)!
            let key = item.options.indices.filter { item.options[$0].correct }
            let wrong = item.options.indices.filter { !item.options[$0].correct }
            return presented.shownIndices(forAuthored: correct ? key : Array(key.dropFirst()) + [wrong[0]])
        }
        func expectReadBackEqual(_ folded: SessionState, _ what: Comment) async throws {
            let kept = try await writer.session(folded.header.id, learnerID: "ada")
            expectSame(kept, folded, "\(what): the writer's kept state")
            let read = try await service(sibling).session(folded.header.id, learnerID: "ada")
            expectSame(read, folded, "\(what): read back by a fresh service")
        }

        // A mock exam with a deadline off the millisecond: answers, a flag, a move, then the clock runs out.
        var exam = try await writer.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 3, timeLimitMinutes: 10.000_001_234_567)
        for (i, item) in exam.items.prefix(3).enumerated() {
            clock.advance(2.718_281_828)
            exam = try await writer.perform(.view(position: item.position), session: exam.header.id, learnerID: "ada").state
            clock.advance(17.000_123_456_789)
            exam = try await writer.perform(.answer(position: item.position, shown: key(item, correct: i != 1)), session: exam.header.id, learnerID: "ada").state
        }
        clock.advance(0.000_456_789)
        exam = try await writer.perform(.flag(position: exam.items[1].position, on: true), session: exam.header.id, learnerID: "ada").state
        clock.advance(3.141_592_653)
        exam = try await writer.perform(.view(position: exam.items[5].position), session: exam.header.id, learnerID: "ada").state
        #expect(exam.secondsSpent.count == 3 && exam.viewStartedAt != nil)
        try await expectReadBackEqual(exam, "open exam")
        clock.advance(700.000_000_1)
        let expired = try await writer.session(exam.header.id, learnerID: "ada")
        #expect(expired.finished?.reason == .timeUp)
        try await expectReadBackEqual(expired, "timed-out exam")

        // A drill answered to its end (the finishing event is the last answer's). A diagnostic's times come from the
        // same clock and `SessionEvent`; it is left out because building its item selection takes seconds in a debug build.
        clock.advance(86_400.000_999_9)
        var drill = try await writer.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 3), seed: 5)
        for item in drill.items {
            clock.advance(9.999_999_5)
            drill = try await writer.perform(.answer(position: item.position, shown: key(item, correct: true)), session: drill.header.id, learnerID: "ada").state
        }
        #expect(drill.finished?.reason == .submitted)
        try await expectReadBackEqual(drill, "finished drill")
    }
}

/// Every part of the two states, times compared exactly (`Date` equality is equality of the `Double`).
private func expectSame(_ a: SessionState, _ b: SessionState, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.header == b.header, what, sourceLocation: sourceLocation)
    #expect(a.items == b.items, what, sourceLocation: sourceLocation)
    #expect(a.answers == b.answers, what, sourceLocation: sourceLocation)
    #expect(a.changes == b.changes, what, sourceLocation: sourceLocation)
    #expect(a.flagged == b.flagged, what, sourceLocation: sourceLocation)
    #expect(a.cursor == b.cursor, what, sourceLocation: sourceLocation)
    #expect(a.secondsSpent == b.secondsSpent, what, sourceLocation: sourceLocation)
    #expect(a.viewStartedAt == b.viewStartedAt, what, sourceLocation: sourceLocation)
    #expect(a.finished?.at == b.finished?.at && a.finished?.reason == b.finished?.reason, what, sourceLocation: sourceLocation)
    #expect(a.answerLog.map(\.at) == b.answerLog.map(\.at) && a.answerLog.map(\.answer) == b.answerLog.map(\.answer), what, sourceLocation: sourceLocation)
    #expect(a.nextSequence == b.nextSequence, what, sourceLocation: sourceLocation)
    #expect(a.lastActivity == b.lastActivity, what, sourceLocation: sourceLocation)
}
