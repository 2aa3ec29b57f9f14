import MLCertCore

/// A key that recommends a service closed to new customers (SageMaker Model Monitor, Debugger) or deprecated (Vertex
/// Explainable AI) teaches an answer a new team cannot follow, unless the scenario makes the team one that can: an
/// existing customer, or a team choosing knowingly. The scenario must name the service and say so.
public struct UnavailableServiceRule: LintRule {
    public let id = "items.unavailable-service"
    public let summary = "A key that recommends a service closed to new customers or deprecated has a scenario that names it and says so (e.g. the team already uses it)."
    public init() {}

    /// Phrases by which a scenario acknowledges that a service is closed or deprecated, or that the team already uses it.
    public static let acknowledgements = [
        "no longer open to new customers", "closed to new customers", "not open to new customers", "existing customer",
        "deprecated", "has used", "have used", "already uses", "already use",
    ]

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let services = content.catalog.renames.filter(\.isUnavailableToNewCustomers)
        guard !services.isEmpty else { return [] }
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems where item.retired == nil {
            let scenario = item.scenario.lowercased()
            let acknowledged = Self.acknowledgements.contains { scenario.contains($0) }
            for (o, option) in item.options.enumerated() where option.correct {
                for service in services {
                    let names = [service.old] + (service.current.map { [$0] } ?? [])
                    guard let named = names.first(where: { RetiredNameFinder.mentions($0, in: option.text) }) else { continue }
                    if acknowledged && names.contains(where: { RetiredNameFinder.mentions($0, in: item.scenario) }) { continue }
                    let state = service.status == .deprecated
                        ? "deprecated" + (service.endsOn.map { " (no access from \($0))" } ?? "")
                        : "closed to new customers"
                    problems.append(content.itemProblem(index, at: [.key("options"), .index(o), .key("text")],
                        "the key recommends \(named), which \(service.vendor) has \(state == "closed to new customers" ? "closed to new customers" : "marked \(state)"); say in the scenario that the team already uses it (or that it is \(state)), or change the key",
                        rule: id))
                }
            }
        }
        return problems
    }
}
