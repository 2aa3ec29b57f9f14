import MLCertCore

/// When a vendor replaces its guide, every item must move to the new one or be retired; an item left on the old guide
/// is never drawn into a session and silently shrinks the bank (see `scripts/apply-remap`).
public struct CurrentGuideRule: LintRule {
    public let id = "items.current-guide"
    public let summary = "Items of an active exam target its current guide, unless they are retired."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        content.indexedItems.compactMap { index, item in
            guard item.retired == nil, let credential = content.catalog.credential(id: item.credential), !credential.isRetired,
                let current = credential.currentBlueprint, item.blueprint != current.version,
                credential.blueprint(version: item.blueprint) != nil
            else { return nil }
            return content.itemProblem(index, at: [.key("blueprint")],
                "targets guide '\(item.blueprint)' of \(credential.id), which is no longer in force (current: '\(current.version)'); move it with a remap file and scripts/apply-remap, or retire it",
                rule: id)
        }
    }
}
