import MLCertCore

/// Where sources disagree, the data must say how, so that the CLI can show the disagreement instead of picking a side
/// silently.
public struct ConflictStatedRule: LintRule {
    public let id = "catalog.conflicts"
    public let summary = "A fact (of the exam or of another form of it) marked conflicting explains the disagreement in `conflict`, and a stated conflict is marked conflicting."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for credential in content.catalog.credentials {
            var factSets: [(FieldPath, CredentialFacts)] = [([.key("facts")], credential.facts)]
            for (b, blueprint) in (credential.blueprints ?? []).enumerated() {
                for (f, form) in (blueprint.forms ?? []).enumerated() {
                    factSets.append(([.key("blueprints"), .index(b), .key("forms"), .index(f), .key("facts")], form.facts))
                }
            }
            for (base, fact) in factSets.flatMap({ set in set.1.provenance.map { (set.0, $0) } }) {
                let path: FieldPath = base.key(fact.key)
                let stated = !(fact.conflict ?? "").isEmpty
                if fact.confidence == .conflicting && !stated {
                    problems.append(content.problem(.credential(credential.id), at: path.key("confidence"),
                        "confidence is 'conflicting' but no `conflict` text says how the sources disagree", rule: id))
                }
                if stated && fact.confidence != .conflicting {
                    problems.append(content.problem(.credential(credential.id), at: path.key("conflict"),
                        "a conflict is stated but confidence is '\(fact.confidence.rawValue)'; mark it 'conflicting'", rule: id))
                }
            }
        }
        return problems
    }
}
