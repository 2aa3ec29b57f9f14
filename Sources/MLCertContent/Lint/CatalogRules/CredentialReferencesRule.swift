import MLCertCore

/// Links between catalog entries (successors, learning paths, course-to-domain links, carried objectives) must land on
/// something real, or the advisor and planner would follow them into nothing.
public struct CredentialReferencesRule: LintRule {
    public let id = "catalog.references"
    public let summary = "Successor, replaces, learning-path, course-link, objectives_from and follows/from references resolve."
    public init() {}

    /// A guide that `follows` another names a version that exists, and each objective's `from` names objectives of it.
    private func followedObjectives(
        _ loaded: LoadedContent, _ blueprint: Blueprint, at b: Int, of credential: Credential, key: Origin.Key
    ) -> [ContentProblem] {
        func content(_ key: Origin.Key, _ path: FieldPath, _ message: String) -> ContentProblem {
            loaded.problem(key, at: path, message, rule: id)
        }
        let base: FieldPath = [.key("blueprints"), .index(b)]
        let mapped = blueprint.domains.flatMap { $0.objectives ?? [] }.contains { $0.from != nil }
        guard let follows = blueprint.follows else {
            return mapped ? [content(key, base.key("domains"), "objectives say `from` but the blueprint names no `follows` version")] : []
        }
        guard let previous = credential.blueprint(version: follows), follows != blueprint.version else {
            return [content(key, base.key("follows"), "unknown or same blueprint version '\(follows)'")]
        }
        let known = Set(previous.domains.flatMap { ($0.objectives ?? []).map(\.id) })
        var problems: [ContentProblem] = []
        for (d, domain) in blueprint.domains.enumerated() {
            for (o, objective) in (domain.objectives ?? []).enumerated() {
                for (f, id) in (objective.from ?? []).enumerated() where !known.contains(id) {
                    problems.append(content(key, base.key("domains").index(d).key("objectives").index(o).key("from").index(f),
                        "no objective '\(id)' in blueprint '\(follows)'; objectives there: \(known.sorted().joined(separator: ", "))"))
                }
            }
        }
        return problems
    }

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let catalog = content.catalog
        let credentialIDs = catalog.credentials.map(\.id)
        var problems: [ContentProblem] = []
        func unknownCredential(_ ref: String, _ key: Origin.Key, _ path: FieldPath) {
            problems.append(content.problem(key, at: path,
                "unknown credential '\(ref)'" + Suggestions.didYouMean(Suggestions.closest(to: ref, among: credentialIDs)), rule: id))
        }
        for credential in catalog.credentials {
            let key = Origin.Key.credential(credential.id)
            if let successor = credential.status.successor, catalog.credential(id: successor) == nil {
                unknownCredential(successor, key, [.key("status"), .key("successor")])
            }
            if let replaces = credential.status.replaces, catalog.credential(id: replaces) == nil {
                unknownCredential(replaces, key, [.key("status"), .key("replaces")])
            }
            if let path = credential.officialLearningPath {
                if let course = catalog.course(id: path) {
                    if course.role != .officialPath {
                        problems.append(content.problem(key, at: [.key("official_learning_path")],
                            "'\(path)' is a course with role '\(course.role.rawValue)', not an official_path", rule: id))
                    }
                } else {
                    problems.append(content.problem(key, at: [.key("official_learning_path")],
                        "unknown course '\(path)'" + Suggestions.didYouMean(Suggestions.closest(to: path, among: catalog.courses.map(\.id))), rule: id))
                }
            }
            let versions = (credential.blueprints ?? []).map(\.version)
            for (b, blueprint) in (credential.blueprints ?? []).enumerated() {
                if let carried = blueprint.objectivesCarriedFrom, !versions.contains(carried) {
                    problems.append(content.problem(key, at: [.key("blueprints"), .index(b), .key("objectives_carried_from")],
                        "unknown blueprint version '\(carried)'; versions here: \(versions.joined(separator: ", "))", rule: id))
                }
                problems += followedObjectives(content, blueprint, at: b, of: credential, key: key)
                for (d, domain) in blueprint.domains.enumerated() {
                    guard let from = domain.objectivesFrom else { continue }
                    let path: FieldPath = [.key("blueprints"), .index(b), .key("domains"), .index(d), .key("objectives_from")]
                    guard let other = credential.blueprint(version: from) else {
                        problems.append(content.problem(key, at: path, "unknown blueprint version '\(from)'", rule: id))
                        continue
                    }
                    if other.domain(id: domain.id)?.objectives == nil {
                        problems.append(content.problem(key, at: path,
                            "blueprint '\(from)' has no domain '\(domain.id)' with objectives to carry over", rule: id))
                    }
                }
            }
        }
        for course in catalog.courses {
            for (l, link) in course.preparesFor.enumerated() {
                let path: FieldPath = [.key("prepares_for"), .index(l)]
                guard let credential = catalog.credential(id: link.credential) else {
                    unknownCredential(link.credential, .course(course.id), path.key("credential"))
                    continue
                }
                guard let blueprint = credential.currentBlueprint else {
                    problems.append(content.problem(.course(course.id), at: path.key("credential"),
                        "credential '\(link.credential)' has no current blueprint to link domains to", rule: id))
                    continue
                }
                let domainIDs = blueprint.domains.map(\.id)
                for (d, domain) in link.domains.enumerated() where !domainIDs.contains(domain) {
                    problems.append(content.problem(.course(course.id), at: path.key("domains").index(d),
                        "no domain '\(domain)' in \(credential.id) \(blueprint.version)"
                            + Suggestions.didYouMean(Suggestions.closest(to: domain, among: domainIDs)), rule: id))
                }
            }
        }
        return problems
    }
}
