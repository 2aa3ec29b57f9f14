import MLCertCore

/// A blueprint must be usable: exams have exactly one current guide, in-force dates are ordered, and the current guide
/// lists objectives for every domain so that items and study sessions can target them.
public struct BlueprintStructureRule: LintRule {
    public let id = "catalog.blueprints"
    public let summary = "Active exams have exactly one current blueprint with objectives in every domain; in-force dates are ordered."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for credential in content.catalog.credentials {
            let key = Origin.Key.credential(credential.id)
            let blueprints = credential.blueprints ?? []
            let current = blueprints.indices.filter { blueprints[$0].current }
            if credential.kind == .exam {
                if blueprints.isEmpty {
                    problems.append(content.problem(key, at: [.key("blueprints")], "an exam needs at least one blueprint", rule: id))
                }
                if credential.status.state == .active && current.count != 1 {
                    problems.append(content.problem(key, at: [.key("blueprints")],
                        "an active exam needs exactly one blueprint with current: true (found \(current.count))", rule: id))
                }
                if credential.status.state == .retired && !current.isEmpty {
                    problems.append(content.problem(key, at: [.key("blueprints"), .index(current[0]), .key("current")],
                        "a retired exam has no current blueprint", rule: id))
                }
            }
            for (b, blueprint) in blueprints.enumerated() {
                let base: FieldPath = [.key("blueprints"), .index(b)]
                if let until = blueprint.inForce.until, until < blueprint.inForce.from {
                    problems.append(content.problem(key, at: base.key("in_force").key("until"),
                        "in_force.until (\(until)) is before in_force.from (\(blueprint.inForce.from))", rule: id))
                }
                if blueprint.domains.isEmpty {
                    problems.append(content.problem(key, at: base.key("domains"), "a blueprint needs at least one domain", rule: id))
                }
                guard blueprint.current else { continue }
                for (d, domain) in blueprint.domains.enumerated() where (domain.objectives ?? []).isEmpty {
                    problems.append(content.problem(key, at: base.key("domains").index(d),
                        "domain '\(domain.id)' of the current blueprint lists no objectives", rule: id))
                }
            }
        }
        return problems
    }
}
