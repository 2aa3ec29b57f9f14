import MLCertCore

/// Ids are how users, scripts and other content refer to things, so each must name exactly one.
public struct UniqueIDsRule: LintRule {
    public let id = "catalog.unique-ids"
    public let summary = "Credential, course, source, blueprint, domain and objective ids are unique where they must be."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for id in duplicates(content.catalog.credentials.map(\.id)) {
            problems.append(content.problem(.credential(id), at: [.key("id")], "credential id '\(id)' is used by more than one file", rule: self.id))
        }
        for id in duplicates(content.catalog.courses.map(\.id)) {
            problems.append(content.problem(.course(id), at: [.key("id")], "course id '\(id)' is used more than once", rule: self.id))
        }
        for id in duplicates(content.catalog.sources.map(\.id)) {
            problems.append(content.problem(.source(id), at: [.key("id")], "source id '\(id)' is used more than once", rule: self.id))
        }
        for credential in content.catalog.credentials {
            let blueprints = credential.blueprints ?? []
            for version in duplicates(blueprints.map(\.version)) {
                let i = blueprints.lastIndex { $0.version == version }!
                problems.append(content.problem(.credential(credential.id), at: [.key("blueprints"), .index(i), .key("version")],
                    "blueprint version '\(version)' appears more than once", rule: id))
            }
            for (b, blueprint) in blueprints.enumerated() {
                for domainID in duplicates(blueprint.domains.map(\.id)) {
                    let d = blueprint.domains.lastIndex { $0.id == domainID }!
                    problems.append(content.problem(.credential(credential.id), at: [.key("blueprints"), .index(b), .key("domains"), .index(d), .key("id")],
                        "domain id '\(domainID)' appears more than once in blueprint \(blueprint.version)", rule: id))
                }
                for (d, domain) in blueprint.domains.enumerated() {
                    let objectives = domain.objectives ?? []
                    for objectiveID in duplicates(objectives.map(\.id)) where domain.objectivesFrom == nil {
                        let o = objectives.lastIndex { $0.id == objectiveID }!
                        problems.append(content.problem(.credential(credential.id),
                            at: [.key("blueprints"), .index(b), .key("domains"), .index(d), .key("objectives"), .index(o), .key("id")],
                            "objective id '\(objectiveID)' appears more than once in domain \(domain.id)", rule: id))
                    }
                }
            }
        }
        return problems
    }
}

/// Values that occur more than once, in first-seen order.
func duplicates(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    var reported: Set<String> = []
    var out: [String] = []
    for value in values {
        if !seen.insert(value).inserted, reported.insert(value).inserted { out.append(value) }
    }
    return out
}
