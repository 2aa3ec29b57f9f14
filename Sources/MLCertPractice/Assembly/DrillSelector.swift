import MLCertCore
import Psychometrics

/// Chooses the items for a drill from the learner's filters.
public struct DrillSelector: Sendable {
    public struct Filter: Sendable, Hashable {
        public var domains: Set<String> = []
        public var objectives: Set<String> = []
        /// Only items the learner has never answered.
        public var unseen = false
        /// Only items whose latest answer was wrong.
        public var missed = false
        /// Only items the learner flagged in an earlier session.
        public var flagged = false
        public var count = 10

        public init(domains: Set<String> = [], objectives: Set<String> = [], unseen: Bool = false, missed: Bool = false, flagged: Bool = false, count: Int = 10) {
            self.domains = domains
            self.objectives = objectives
            self.unseen = unseen
            self.missed = missed
            self.flagged = flagged
            self.count = count
        }
    }

    public init() {}

    /// Items that pass every filter, in a seeded random order, at most `filter.count`.
    public func select(from items: [Item], history: LearnerHistory, filter: Filter, seed: UInt64) -> [PresentedItem] {
        var rng = SeededGenerator(seed: seed)
        let latest = history.latestAnswerByItem
        let flagged = history.flaggedItems
        let pool = items.filter { item in
            (filter.domains.isEmpty || filter.domains.contains(item.domain))
                && (filter.objectives.isEmpty || filter.objectives.contains(item.objective))
                && (!filter.unseen || latest[item.id] == nil)
                && (!filter.missed || latest[item.id]?.correct == false)
                && (!filter.flagged || flagged.contains(item.id))
        }
        return pool.shuffled(using: &rng).prefix(max(0, filter.count)).enumerated().map {
            FormAssembler.present($0.element, at: $0.offset, using: &rng)
        }
    }
}
