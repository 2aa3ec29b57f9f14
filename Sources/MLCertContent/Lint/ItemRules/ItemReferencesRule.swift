import MLCertCore

/// An item must land on a real credential, guide version, domain and objective, or it can never be drawn into a form
/// that follows the blueprint.
public struct ItemReferencesRule: LintRule {
    public let id = "items.references"
    public let summary = "Each item's credential, blueprint version, domain and objective exist in the catalog."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let catalog = content.catalog
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            func fail(_ key: String, _ message: String) { problems.append(content.itemProblem(index, at: [.key(key)], message, rule: id)) }
            guard let credential = catalog.credential(id: item.credential) else {
                fail("credential", "unknown credential '\(item.credential)'" + Suggestions.didYouMean(Suggestions.closest(to: item.credential, among: catalog.credentials.map(\.id))))
                continue
            }
            guard let blueprint = credential.blueprint(version: item.blueprint) else {
                fail("blueprint", "\(credential.id) has no blueprint '\(item.blueprint)'; versions: \((credential.blueprints ?? []).map(\.version).joined(separator: ", "))")
                continue
            }
            guard let domain = blueprint.domain(id: item.domain) else {
                fail("domain", "no domain '\(item.domain)' in \(credential.id) \(blueprint.version)" + Suggestions.didYouMean(Suggestions.closest(to: item.domain, among: blueprint.domains.map(\.id))))
                continue
            }
            if domain.objective(id: item.objective) == nil {
                fail("objective", "no objective '\(item.objective)' in domain \(domain.id); objectives: \((domain.objectives ?? []).map(\.id).joined(separator: ", "))")
            }
        }
        return problems
    }
}
