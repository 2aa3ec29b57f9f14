import MLCertCore
import Psychometrics

/// The item parameters practice uses for one credential: an item's calibration from the newest set where it has one
/// in use (enough answers, same item version), the author's estimate otherwise.
///
/// Readiness, the adaptive diagnostic and the readiness on mock-exam and diagnostic reports all take their parameters
/// from here, so a new set changes them at once.
public struct BankParameters: Sendable {
    /// The set in use, or nil while the bank has never been calibrated.
    public let set: ItemParameterSet?
    private let calibrated: [String: ItemParameterSet.Entry]

    public init(set: ItemParameterSet?) {
        self.set = set
        var entries: [String: ItemParameterSet.Entry] = [:]
        for entry in set?.items ?? [] where entry.inUse { entries[entry.itemID] = entry }
        calibrated = entries
    }

    /// No calibration: every item on its author's estimate.
    public static let authorEstimates = BankParameters(set: nil)

    /// The item's calibration in use, if any.
    public func calibration(of item: Item) -> ItemParameterSet.Entry? {
        calibrated[item.id].flatMap { $0.itemVersion == item.version ? $0 : nil }
    }

    /// The item's parameters with their uncertainty.
    public func distribution(for item: Item) -> ItemParameterDistribution {
        if let entry = calibration(of: item) { return .calibrated(entry.parameters, standardErrors: entry.standardErrors) }
        return .authorEstimate(ItemPriors.parameters(for: item))
    }

    /// The item's best parameter values.
    public func parameters(for item: Item) -> ItemParameters { distribution(for: item).mean }

    /// The ability distribution of the population the set was calibrated on (N(0, 1) on authors' estimates).
    public var population: NormalPrior {
        guard let set, set.populationSD > 0 else { return NormalPrior(mean: 0, sd: 1) }
        return NormalPrior(mean: set.populationMean, sd: set.populationSD)
    }

    /// How many of `items` use a calibration.
    public func calibratedCount(_ items: [Item]) -> Int { items.filter { calibration(of: $0) != nil }.count }
}
