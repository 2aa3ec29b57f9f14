/// Where a catalog fact comes from. Facts cite sources by id so that one page is described once.
public struct Source: Hashable, Sendable, Codable {
    /// How much weight a source carries: a vendor's own text, a secondary write-up, the source article, or our estimate.
    public enum Kind: String, Hashable, StrictEnum {
        case official, secondary, article, editorial
    }

    public let id: String
    public let kind: Kind
    public let title: String
    public let url: String?
    /// The date the stored copy was read or is dated from.
    public let accessed: Day
    /// True when `accessed` is inferred from the page rather than read from a timestamp.
    public let approximate: Bool?

    public init(id: String, kind: Kind, title: String, url: String? = nil, accessed: Day, approximate: Bool? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.url = url
        self.accessed = accessed
        self.approximate = approximate
    }
}
