import MLCertCore

/// Published weights drive form assembly and study-hour splits, so they must add up to the whole exam.
public struct BlueprintWeightsRule: LintRule {
    public let id = "catalog.weights-sum"
    public let summary = "Published domain weights sum to 100 (within 1 for rounding); ranges must admit 100; unpublished guides carry none."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for credential in content.catalog.credentials {
            let key = Origin.Key.credential(credential.id)
            for (b, blueprint) in (credential.blueprints ?? []).enumerated() {
                let base: FieldPath = [.key("blueprints"), .index(b)]
                let weights = blueprint.domains.compactMap(\.weight)
                let ranges = blueprint.domains.compactMap(\.weightRange)
                if !blueprint.weightsPublished {
                    if !weights.isEmpty || !ranges.isEmpty {
                        problems.append(content.problem(key, at: base.key("weights_published"),
                            "weights_published is false but domains carry weights; remove them or mark them published", rule: id))
                    }
                    continue
                }
                for (d, domain) in blueprint.domains.enumerated() {
                    let path = base.key("domains").index(d)
                    if domain.weight == nil && domain.weightRange == nil {
                        problems.append(content.problem(key, at: path, "domain '\(domain.id)' has no weight or weight_range", rule: id))
                    }
                    if let range = domain.weightRange, range.count != 2 || range[0] > range[1] {
                        problems.append(content.problem(key, at: path.key("weight_range"), "expected [low, high] with low <= high", rule: id))
                    }
                }
                if ranges.isEmpty {
                    let total = weights.reduce(0, +)
                    if abs(total - 100) > 1 {
                        problems.append(content.problem(key, at: base.key("domains"),
                            "weights of blueprint \(blueprint.version) sum to \(format(total)), expected 100 (within 1)", rule: id))
                    }
                } else {
                    let low = blueprint.domains.reduce(0.0) { $0 + ($1.weightRange?.first ?? $1.weight ?? 0) }
                    let high = blueprint.domains.reduce(0.0) { $0 + ($1.weightRange?.last ?? $1.weight ?? 0) }
                    if low > 101 || high < 99 {
                        problems.append(content.problem(key, at: base.key("domains"),
                            "weight ranges of blueprint \(blueprint.version) span \(format(low))-\(format(high)), which cannot make 100", rule: id))
                    }
                }
            }
        }
        return problems
    }

    private func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
