import Foundation
import MLCertCore
import Psychometrics

/// Builds a mock-exam form: as many questions as the real exam, spread over the blueprint's domains in proportion to
/// their weights, with options shuffled. Within each domain it takes items the learner has never seen in any session
/// first (in random order), then those seen longest ago.
///
/// So a learner's first three mock exams share no question as long as every domain holds at least three times its
/// seats; a fourth form reuses the questions of the first, and a domain with fewer items reuses its oldest ones
/// sooner. Reused questions are not fresh evidence: readiness counts only first attempts.
///
/// Seeded, so that a form can be rebuilt exactly from its seed (for a dispute, or a test).
public struct FormAssembler: Sendable {
    public init() {}

    public struct Form: Sendable, Hashable {
        public let items: [PresentedItem]
        /// Items each domain was due by weight, and how many it got.
        public let quota: [String: Int]
        public let note: String?
    }

    /// `lastSeen[id]` is when the learner last saw the item (any session); unseen items come first, then the oldest.
    public func assemble(count: Int, blueprint: Blueprint, items: [Item], lastSeen: [String: Date] = [:], seed: UInt64) -> Form {
        var rng = SeededGenerator(seed: seed)
        let byDomain = Dictionary(grouping: items, by: \.domain)
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        var quota = Self.apportion(count, weights: weights)
        let available = blueprint.domains.map { byDomain[$0.id]?.count ?? 0 }
        // A domain with too few items passes its surplus to the others, heaviest weight first.
        var shortfall = 0
        for d in quota.indices where quota[d] > available[d] {
            shortfall += quota[d] - available[d]
            quota[d] = available[d]
        }
        let order = weights.indices.sorted { weights[$0] > weights[$1] }
        while shortfall > 0, let d = order.first(where: { quota[$0] < available[$0] }) {
            quota[d] += 1
            shortfall -= 1
        }
        var chosen: [Item] = []
        for (d, domain) in blueprint.domains.enumerated() {
            let pool = (byDomain[domain.id] ?? []).map { ($0, lastSeen[$0.id] ?? .distantPast, rng.next()) }
            let ranked = pool.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
            chosen += ranked.prefix(quota[d])
        }
        chosen.shuffle(using: &rng)
        let presented = chosen.enumerated().map { Self.present($0.element, at: $0.offset, using: &rng) }
        let note = shortfall > 0 || chosen.count < count
            ? "The bank has \(chosen.count) items for this blueprint, fewer than the \(count) on the real exam; the form has \(chosen.count)."
            : nil
        return Form(items: presented, quota: Dictionary(uniqueKeysWithValues: zip(blueprint.domains.map(\.id), quota)), note: note)
    }

    /// Whole seats for `count` by the largest-remainder method, so the form follows the weights as closely as whole
    /// questions allow and always adds up to `count`.
    public static func apportion(_ count: Int, weights: [Double]) -> [Int] {
        let total = weights.reduce(0, +)
        guard total > 0, count > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(count) * $0 / total }
        var seats = exact.map { Int($0.rounded(.down)) }
        let left = count - seats.reduce(0, +)
        let byRemainder = exact.indices.sorted { (exact[$0] - Double(seats[$0]), -$0) > (exact[$1] - Double(seats[$1]), -$1) }
        for i in byRemainder.prefix(left) { seats[i] += 1 }
        return seats
    }

    /// The item at `position` with its options in a random order.
    public static func present<G: RandomNumberGenerator>(_ item: Item, at position: Int, card: ReviewCardKey? = nil, using rng: inout G) -> PresentedItem {
        PresentedItem(position: position, itemID: item.id, itemVersion: item.version, domain: item.domain, objective: item.objective,
            optionOrder: Array(item.options.indices).shuffled(using: &rng), choose: item.choose, card: card)
    }
}
