/// A page of vendor documentation that an item's rationales rest on, so that a learner can read the product behaviour
/// for themselves after answering.
public struct ItemReference: Hashable, Sendable, Codable {
    public let title: String
    /// An absolute https URL.
    public let url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case title, url }
}
