import MLCertCore

/// Responses, review records and learners' history refer to items by id, so an id names one item for ever.
public struct UniqueItemIDsRule: LintRule {
    public let id = "items.unique-ids"
    public let summary = "Every item id is unique across the bank."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var first: [String: Int] = [:]
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            if let earlier = first[item.id] {
                let at = content.origins[.item(earlier)].map { "\($0.document.displayName):\($0.document.line(for: $0.path) ?? 0)" } ?? "elsewhere"
                problems.append(content.itemProblem(index, at: [.key("id")], "item id '\(item.id)' is already used at \(at)", rule: id))
            } else {
                first[item.id] = index
            }
        }
        return problems
    }
}
