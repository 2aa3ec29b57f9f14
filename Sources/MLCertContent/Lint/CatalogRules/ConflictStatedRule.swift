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
            for (path, fact) in FactSets.of(credential) {
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
