import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice
import Synchronization

/// The real content of this checkout, loaded once.
let content: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return try! ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules + Linter.servingRules)
}()

let bank = ItemIndex(content.items)

/// A clock the test moves by hand.
final class FakeClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A store that keeps everything in memory, with the same contract as the real ones (sequence conflicts included).
actor InMemoryLearnerStore: LearnerStore {
    private var learners: [String: Learner] = [:]
    private var headers: [String: SessionHeader] = [:]
    private var events: [String: [SessionEvent]] = [:]
    private var order: [String] = []

    func learner(id: String) -> Learner? { learners[id] }
    func save(_ learner: Learner) { learners[learner.id] = learner }
    func create(_ header: SessionHeader) throws {
        guard learners[header.learnerID] != nil else { throw StoreError.unknownLearner(header.learnerID) }
        guard headers[header.id] == nil else { throw StoreError.duplicateSession(header.id) }
        headers[header.id] = header
        events[header.id] = []
        order.append(header.id)
    }
    func session(id: String) -> StoredSession? { headers[id].map { StoredSession(header: $0, events: events[id] ?? []) } }
    func sessions(learnerID: String) -> [StoredSession] {
        order.compactMap { headers[$0] }.filter { $0.learnerID == learnerID }.sorted { $0.startedAt < $1.startedAt }
            .map { StoredSession(header: $0, events: events[$0.id] ?? []) }
    }
    func append(_ new: [SessionEvent], to sessionID: String) throws {
        guard let log = events[sessionID] else { throw StoreError.unknownSession(sessionID) }
        guard new.first?.sequence == log.count else { throw StoreError.conflict(sessionID: sessionID) }
        events[sessionID] = log + new
    }
    func deleteLearner(id: String) {
        learners[id] = nil
        for (sid, h) in headers where h.learnerID == id { headers[sid] = nil; events[sid] = nil }
    }
    /// Every event written, for checks that nothing was recorded.
    func eventCount(_ sessionID: String) -> Int { events[sessionID]?.count ?? 0 }
}

/// A service over the real catalog and bank, an in-memory store and a fake clock.
func makeService(clock: FakeClock = FakeClock(), store: InMemoryLearnerStore = InMemoryLearnerStore()) async throws -> (PracticeService, FakeClock, InMemoryLearnerStore) {
    let counter = Mutex(0)
    let service = PracticeService(catalog: content.catalog, items: content.items, store: store, clock: { clock.date },
        makeID: { "s\(counter.withLock { $0 += 1; return $0 })" }, makeSeed: { 42 })
    _ = try await service.learner(id: "ada")
    return (service, clock, store)
}

/// The shown letters' indices that answer `presented` correctly (or wrongly).
func shownKey(_ presented: PresentedItem, correct: Bool = true) -> [Int] {
    let item = bank.item(presented.itemID)!
    let key = item.options.indices.filter { item.options[$0].correct }
    if correct { return presented.shownIndices(forAuthored: key) }
    let wrong = item.options.indices.filter { !item.options[$0].correct }
    // Replace one key option by a wrong one: same count, wrong answer.
    return presented.shownIndices(forAuthored: Array(key.dropFirst()) + [wrong[0]])
}
