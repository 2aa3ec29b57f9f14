import MLCertCore
import Psychometrics

/// The adaptive diagnostic's item choice: maximum information at the current estimate, balanced to the blueprint,
/// randomesque among the best five, never an item the learner has answered before (while enough remain).
///
/// The CAT state is not stored: it is rebuilt from the session's answers each time, and the random choice at step
/// k is seeded with the session seed and k, so a resumed diagnostic asks exactly what it would have asked.
public struct DiagnosticSelector: Sendable {
    public static let defaultMinItems = 15
    public static let defaultMaxItems = 40
    public static let defaultTargetStandardError = 0.35
    /// Items left out for having been seen are let back in when fewer than this many would remain.
    public static let randomesque = 5

    public let blueprint: Blueprint
    public let items: [Item]
    private let bank: ItemBank
    private let indexByID: [String: Int]

    public init(blueprint: Blueprint, items: [Item]) {
        self.blueprint = blueprint
        self.items = items
        let domainIndex = Dictionary(uniqueKeysWithValues: blueprint.domains.enumerated().map { ($0.element.id, $0.offset) })
        bank = ItemBank(items: items.map(ItemPriors.parameters(for:)), domains: items.map { domainIndex[$0.domain] ?? 0 })
        indexByID = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// The seen items to leave out: all of them, unless that would leave fewer than `maxItems` to choose from.
    public func exclusions(seen: Set<String>, maxItems: Int) -> [String] {
        let seenHere = items.map(\.id).filter(seen.contains)
        return items.count - seenHere.count >= maxItems ? seenHere : []
    }

    public enum Step: Sendable, Hashable {
        /// Ask this item next.
        case ask(Item)
        /// The stopping rule is met.
        case stop(CATStopReason)
    }

    /// What comes after the answered items in `state` (which must all be answered).
    public func next(after state: SessionState) -> (step: Step, estimate: AbilityEstimate) {
        var session = replay(state)
        let step = state.items.count
        var rng = SeededGenerator(seed: state.header.seed &+ UInt64(step) &* 0x9E37_79B9_7F4A_7C15)
        if let index = session.selectNextItem(using: &rng) { return (.ask(items[index]), session.estimate) }
        return (.stop(session.stopReason ?? .bankExhausted), session.estimate)
    }

    private func replay(_ state: SessionState) -> CATSession {
        let settings = state.header.settings
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        let rule = CATStoppingRule(minItems: settings.minItems ?? Self.defaultMinItems, maxItems: settings.maxItems ?? Self.defaultMaxItems,
            targetStandardError: settings.targetStandardError ?? Self.defaultTargetStandardError)
        let configuration = CATConfiguration(blueprint: weights, randomesque: Self.randomesque, stopping: rule)
        var session = CATSession(bank: bank, configuration: configuration,
            excluding: (settings.excludedItems ?? []).compactMap { indexByID[$0] })
        for item in state.items {
            guard let index = indexByID[item.itemID], let answer = state.answers[item.position] else { continue }
            session.record(item: index, correct: answer.correct)
        }
        return session
    }
}
