import MLCertCore

/// Every fact must be traceable: a cited source id that does not exist is a fact without provenance.
public struct SourceReferencesRule: LintRule {
    public let id = "catalog.source-refs"
    public let summary = "Every source id cited by a fact, blueprint, claim, course or rename exists in catalog/sources.yaml."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let known = Set(content.catalog.sources.map(\.id))
        let candidates = content.catalog.sources.map(\.id)
        var problems: [ContentProblem] = []
        func verify(_ ids: [String], _ key: Origin.Key, _ path: FieldPath) {
            if ids.isEmpty {
                problems.append(content.problem(key, at: path, "at least one source is required", rule: id))
            }
            for (i, sourceID) in ids.enumerated() where !known.contains(sourceID) {
                problems.append(content.problem(key, at: path.index(i),
                    "unknown source '\(sourceID)'" + Suggestions.didYouMean(Suggestions.closest(to: sourceID, among: candidates)), rule: id))
            }
        }
        for credential in content.catalog.credentials {
            let key = Origin.Key.credential(credential.id)
            for (path, fact) in FactSets.of(credential) {
                verify(fact.sources, key, path.key("sources"))
            }
            for (b, blueprint) in (credential.blueprints ?? []).enumerated() {
                verify(blueprint.sources, key, [.key("blueprints"), .index(b), .key("sources")])
                if let editorial = blueprint.objectivesSource { verify([editorial], key, [.key("blueprints"), .index(b), .key("objectives_source")]) }
            }
            for (c, claim) in (credential.claims ?? []).enumerated() {
                verify([claim.source], key, [.key("claims"), .index(c), .key("source")])
            }
        }
        for course in content.catalog.courses {
            verify(course.sources, .course(course.id), [.key("sources")])
        }
        for (i, rename) in content.catalog.renames.enumerated() {
            verify([rename.source], .rename(i), [.key("source")])
        }
        return problems
    }
}
