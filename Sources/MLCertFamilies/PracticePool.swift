import MLCertCore

/// The generated instances served beside the written items in drills, mock exams, diagnostics and reviews.
///
/// Each family contributes `instancesPerFamily` instances to every credential it targets. The pool is a pure function
/// of the family catalog and the count, so a stored answer to `gen-FAMILY-SEED` resolves to the same instance after a
/// restart without anything being saved. A family that serves two credentials gives each its own seeds (target `t`
/// uses seeds `t * seedStride + 1 ...`), because one id must name one item: an answer recorded on the AWS instance
/// must not be re-scored against the Google wording of the same numbers. Forms and drills prefer questions the learner
/// has not seen, so a learner meets every instance once before any comes back.
public enum PracticePool {
    /// Enough instances per family that three consecutive mock exams can each carry fresh ones, few enough that
    /// written items stay the large majority of a form (about one question in eight on the smallest bank).
    public static let defaultInstancesPerFamily = 4
    /// The seed block of each target: the largest `instancesPerFamily` the pool accepts.
    public static let seedStride: UInt64 = 1_000

    /// The written items followed by the generated instances (none when `instancesPerFamily` is 0).
    public static func bank(written: [Item], instancesPerFamily: Int = defaultInstancesPerFamily) -> [Item] {
        written + items(instancesPerFamily: instancesPerFamily)
    }

    /// Every family's instances for every credential it targets, `instancesPerFamily` each (clamped to 0...seedStride).
    public static func items(instancesPerFamily: Int = defaultInstancesPerFamily) -> [Item] {
        let count = UInt64(max(0, min(instancesPerFamily, Int(seedStride))))
        guard count > 0 else { return [] }
        var out: [Item] = []
        for family in FamilyCatalog.all {
            var credentials = Set<String>()
            for (t, target) in family.info.targets.enumerated() where credentials.insert(target.credential).inserted {
                for k in 1...count {
                    out.append(family.instance(seed: UInt64(t) * seedStride + k, for: target.credential).item)
                }
            }
        }
        return out
    }
}
