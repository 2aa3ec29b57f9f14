import Foundation
import MLCertContent
import MLCertCore
import MLCertFamilies

extension LoadedContent {
    /// What the practice engine serves: the written items and the computed families' instances
    /// (`MLCERT_GENERATED_PER_FAMILY` per family and credential, default `PracticePool.defaultInstancesPerFamily`;
    /// 0 serves written items only). `mlcert serve` and every learner command use this one list, so an answer given
    /// on the web resolves in the CLI and back.
    var practiceItems: [Item] {
        PracticePool.bank(written: items, instancesPerFamily: Self.generatedPerFamily(ProcessInfo.processInfo.environment))
    }

    /// The per-family count the environment asks for; a value that is not a whole number from 0 to 1000 keeps the default.
    static func generatedPerFamily(_ environment: [String: String]) -> Int {
        guard let text = environment["MLCERT_GENERATED_PER_FAMILY"], let n = Int(text), (0...Int(PracticePool.seedStride)).contains(n) else {
            return PracticePool.defaultInstancesPerFamily
        }
        return n
    }
}
