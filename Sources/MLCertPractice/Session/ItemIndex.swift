import MLCertCore

/// The bank as the engine sees it: items by id, and by credential in file order.
///
/// Only the current version of each item is in the bank. An answer to an older version keeps the verdict recorded
/// when it was given; `item(_:version:)` returns nil for it, so nothing is re-scored against new wording.
public struct ItemIndex: Sendable {
    public let items: [Item]
    private let byID: [String: Item]

    public init(_ items: [Item]) {
        self.items = items
        var map: [String: Item] = [:]
        for item in items { map[item.id] = item }
        byID = map
    }

    public func item(_ id: String) -> Item? { byID[id] }

    public func item(_ id: String, version: Int) -> Item? {
        guard let item = byID[id], item.version == version else { return nil }
        return item
    }

    /// The credential's active items that belong to `blueprint` (its domains), in bank order. Retired items stay in
    /// the index, so that answers recorded against them still resolve, but are never served again.
    public func items(credential: String, blueprint: Blueprint) -> [Item] {
        let domains = Set(blueprint.domains.map(\.id))
        return items.filter { $0.isActive && $0.credential == credential && $0.blueprint == blueprint.version && domains.contains($0.domain) }
    }
}
