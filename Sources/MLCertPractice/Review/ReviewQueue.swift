import MLCertCore
import Psychometrics

/// Picks the question that reviews each due card.
public struct ReviewQueue: Sendable {
    public init() {}

    /// For each due card (at most `limit`): the item itself for an item card; for an objective card, the item of
    /// that objective the learner has seen least recently (never-seen first), skipping items already in the queue.
    public func items(for cards: [ReviewDeck.Card], bank: [Item], history: LearnerHistory, limit: Int, seed: UInt64) -> [PresentedItem] {
        var rng = SeededGenerator(seed: seed)
        var lastSeen: [String: Int] = [:]
        for (i, entry) in history.revealed.enumerated() { lastSeen[entry.answer.itemID] = i }
        let byID = Dictionary(uniqueKeysWithValues: bank.map { ($0.id, $0) })
        var used: Set<String> = []
        var result: [PresentedItem] = []
        for card in cards {
            guard result.count < limit else { break }
            let pick: Item?
            switch card.key.kind {
            case .item:
                pick = byID[card.key.id].flatMap { used.contains($0.id) ? nil : $0 }
            case .objective:
                pick = bank.filter { $0.credential == card.key.credentialID && $0.objective == card.key.id && !used.contains($0.id) }
                    .min { (lastSeen[$0.id] ?? -1, $0.id) < (lastSeen[$1.id] ?? -1, $1.id) }
            }
            guard let item = pick else { continue }
            used.insert(item.id)
            result.append(FormAssembler.present(item, at: result.count, card: card.key, using: &rng))
        }
        return result
    }
}
