/// Why and when an item left practice. Retired items stay in the bank so that answers recorded against them keep
/// their meaning, but drills, mocks, diagnostics and statistics of the active bank leave them out.
public struct ItemRetirement: Hashable, Sendable, Codable {
    public let on: Day
    /// What changed, e.g. "MLA-C02 removed SageMaker Neo edge compilation from the exam guide".
    public let reason: String

    public init(on: Day, reason: String) {
        self.on = on
        self.reason = reason
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case on, reason }
}
