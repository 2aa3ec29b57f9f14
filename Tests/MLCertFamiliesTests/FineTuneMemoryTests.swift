import Foundation
import MLCertCore
@testable import MLCertFamilies
import Testing

@Suite("Computed item families: fine-tuning memory")
struct FineTuneMemoryTests {
    /// Distinctive words of each method's option, in the team's order of preference.
    static let methods: [(phrase: String, bytes: Double)] = [("Full fine-tuning", 16), ("kept in bf16", 2), ("quantised to 8 bits", 1), ("4-bit NF4", 0.5)]

    @Test func keyIsTheLeastQuantisedMethodThatFits() throws {
        let family = FineTuneMemoryFamily()
        var keys = [0, 0, 0, 0]
        for seed in UInt64(0)..<1200 {
            let s = family.situation(seed: seed)
            let instance = family.instance(seed: seed)
            // Written out: base bytes per parameter, adapters at 16 bytes per trainable parameter, plus activations.
            let needs = Self.methods.enumerated().map { i, m in
                s.modelBillions * m.bytes + (i == 0 ? 0 : s.modelBillions * s.adapterPercent / 100 * 16) + Double(s.activationGB)
            }
            let fits = needs.firstIndex { $0 <= Double(s.gpuGB) }!
            keys[fits] += 1
            #expect(needs[fits] <= Double(s.gpuGB) - 1 && needs.prefix(fits).allSatisfy { $0 >= Double(s.gpuGB) + 1 })
            let key = Rendered.key(instance.item)
            #expect(key.text.contains(Self.methods[fits].phrase), "seed \(seed): \(key.text)")
            #expect(Set(instance.item.options.map(\.text)).count == 4)
        }
        for count in keys { #expect(count > 200, "\(keys)") }
    }
}
