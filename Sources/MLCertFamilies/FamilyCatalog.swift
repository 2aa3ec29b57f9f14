import MLCertCore

/// Every item family mlcert ships, and the way back from a generated item's id to the family and seed that render it.
///
/// A generated item needs no file: its id, `gen-FAMILY-SEED`, is enough to render it again, which is how a stored
/// answer to it is reviewed later.
public enum FamilyCatalog {
    public static let all: [any ItemFamily] = [
        PopulationStabilityFamily(),
        CostThresholdFamily(),
        CalibrationFamily(),
        ABSampleSizeFamily(),
        ABGuardrailFamily(),
        EndpointReplicasFamily(),
        AutoscalingTargetFamily(),
        InferenceCostFamily(),
        FineTuneMemoryFamily(),
        TrainingScaleFamily(),
        FairnessGapsFamily(),
        RetrainingCadenceFamily(),
        RetrievalEvaluationFamily(),
        TokenCostFamily(),
        CategoricalDriftFamily(),
        ChiSquareDriftFamily(),
        ServingSkewFamily(),
        ImbalancedMetricFamily(),
    ]

    public static func family(id: String) -> (any ItemFamily)? { all.first { $0.id == id } }

    /// The families that serve `credential` on `blueprint`.
    public static func families(credential: String, blueprint: String) -> [any ItemFamily] {
        all.filter { $0.info.targets.contains { $0.credential == credential && $0.blueprint == blueprint } }
    }

    /// Splits `gen-FAMILY-SEED` into its family and seed; nil for any other id.
    public static func parse(itemID: String) -> (family: any ItemFamily, seed: UInt64)? {
        guard itemID.hasPrefix("gen-"), let dash = itemID.lastIndex(of: "-"), let seed = UInt64(itemID[itemID.index(after: dash)...]) else { return nil }
        let familyID = String(itemID[itemID.index(itemID.startIndex, offsetBy: 4)..<dash])
        guard let family = family(id: familyID) else { return nil }
        return (family, seed)
    }

    /// The instance a generated item id names, rendered for `credential`; if nil, for the target whose seed block
    /// (`PracticePool.seedStride`) holds the seed, so that a practice pool id renders as it was served.
    public static func instance(itemID: String, credential: String? = nil) -> FamilyInstance? {
        guard let (family, seed) = parse(itemID: itemID) else { return nil }
        let block = Int(seed / PracticePool.seedStride)
        let served = credential ?? (block < family.info.targets.count ? family.info.targets[block].credential : nil)
        return family.instance(seed: seed, for: served)
    }
}
