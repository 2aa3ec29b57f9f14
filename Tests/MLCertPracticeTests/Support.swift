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
