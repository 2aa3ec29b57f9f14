import Foundation
import MLCertCore

/// Significance against size for drift on a categorical feature: a monitor's chi-square test of homogeneity compares
/// the category counts of a baseline and a current window, and the team's runbook also asks whether the shift is large
/// enough to matter, by the total variation distance (half the sum of the absolute share changes) against a bar.
///
/// At the volumes production monitors see, a shift far too small to matter is highly significant, and in a thin window
/// a large shift may not be significant yet; the four options are the runbook's four findings, and the generator
/// balances them. The traps the rationales name: reading the p-value alone, forgetting the ½ in the total variation
/// distance (which doubles it), and reading "not significant" in a thin window as "no shift".
public struct ChiSquareDriftFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "chi-square-drift", title: "Chi-square drift test against the size of the shift", version: 1,
        targets: [
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "ml-ops", objective: "2.3"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.4"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "a huge current window, where a negligible shift is highly significant",
            "a thin current window, where a large shift is not yet significant",
            "a total variation distance within 0.01 of the bar",
        ],
        sources: [
            FamilySource(supports: "chi_squared_test (statistic and p-value) and tv_distance as drift metrics for categorical columns",
                title: "Databricks: Data profiling metric tables",
                url: "https://docs.databricks.com/aws/en/data-governance/unity-catalog/data-quality-monitoring/data-profiling/monitor-output"),
            FamilySource(supports: "Pearson's chi-squared test as a data drift metric for categorical features",
                title: "Azure Machine Learning: Model monitoring in production",
                url: "https://learn.microsoft.com/en-us/azure/machine-learning/concept-model-monitoring"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Finding: Int, Sendable, Hashable, CaseIterable {
        case material, significantOnly, stable, largeButThin

        var text: String {
            switch self {
            case .material: "The shift is significant and large enough to matter: open a retraining review."
            case .significantOnly: "The shift is significant but below the size bar: log it and keep the model."
            case .stable: "The shift is neither significant nor large: treat the feature as stable."
            case .largeButThin: "The shift is large but not yet significant: extend the window before deciding."
            }
        }
    }

    public struct Situation: Sendable, Hashable {
        public let feature: String
        public let categories: [String]
        public let baseline: [Int]
        public let current: [Int]
        public let bar: Double
        public let target: Finding
    }

    static let features: [(String, [String])] = [
        ("customer_segment", ["consumer", "small_business", "enterprise", "public_sector", "non_profit", "education", "partner"]),
        ("shipping_speed", ["standard", "express", "next_day", "same_day", "pickup", "freight", "international"]),
        ("browser_family", ["chrome", "safari", "edge", "firefox", "samsung", "opera", "other"]),
    ]

    /// Pearson's chi-square statistic of the 2 × k table of counts.
    public static func chiSquare(_ s: Situation) -> Double {
        let nb = Double(s.baseline.reduce(0, +)), nc = Double(s.current.reduce(0, +))
        var x = 0.0
        for i in s.baseline.indices {
            let column = Double(s.baseline[i] + s.current[i])
            let eb = nb * column / (nb + nc), ec = nc * column / (nb + nc)
            x += (Double(s.baseline[i]) - eb) * (Double(s.baseline[i]) - eb) / eb + (Double(s.current[i]) - ec) * (Double(s.current[i]) - ec) / ec
        }
        return x
    }

    /// P(χ² ≥ x) for an even number of degrees of freedom 2m: e^(−x/2) Σ_{i<m} (x/2)^i / i!.
    public static func pValue(_ x: Double, degreesOfFreedom df: Int) -> Double {
        precondition(df % 2 == 0)
        var term = 1.0, sum = 1.0
        for i in 1..<(df / 2) {
            term *= (x / 2) / Double(i)
            sum += term
        }
        return min(1, exp(-x / 2) * sum)
    }

    public static func totalVariation(_ s: Situation) -> Double {
        let nb = Double(s.baseline.reduce(0, +)), nc = Double(s.current.reduce(0, +))
        return zip(s.baseline, s.current).reduce(0) { $0 + abs(Double($1.0) / nb - Double($1.1) / nc) } / 2
    }

    public static func finding(_ s: Situation) -> Finding {
        let significant = pValue(chiSquare(s), degreesOfFreedom: s.baseline.count - 1) < 0.01
        let large = totalVariation(s) >= s.bar
        return significant ? (large ? .material : .significantOnly) : (large ? .largeButThin : .stable)
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let target = first.pick(Finding.allCases)
        let (feature, names) = first.pick(Self.features)
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let k = draw.pick([3, 5, 7])
            let bar = draw.pick([0.05, 0.08, 0.1])
            let raw = (0..<k).map { _ in draw.uniform(0.3...1.0) }
            let base = raw.map { $0 / raw.reduce(0, +) }
            // Move the shares by a drawn amount, larger when the target finding is a large shift.
            let large = target == .material || target == .largeButThin
            let strength = large ? draw.uniform(0.25...0.9) : draw.uniform(0.02...0.2)
            let moved = base.map { $0 * exp(strength * draw.normal()) }
            let shares = moved.map { $0 / moved.reduce(0, +) }
            let thin = target == .stable || target == .largeButThin
            let baselineTotal = Int(draw.stepped(200_000...3_000_000, step: 1_000))
            let currentTotal = thin ? draw.integer(120...900) : Int(draw.stepped(80_000...1_500_000, step: 500))
            let baseline = base.map { Int((Double(baselineTotal) * $0).rounded()) }
            let current = shares.map { Int((Double(currentTotal) * $0).rounded()) }
            guard current.allSatisfy({ $0 >= 5 }) else { continue }
            let s = Situation(feature: feature, categories: Array(names.prefix(k)), baseline: baseline, current: current, bar: bar, target: target)
            // Clear of both cut-offs, so the printed shares and p-value give the same finding.
            let p = Self.pValue(Self.chiSquare(s), degreesOfFreedom: k - 1)
            guard abs(Self.totalVariation(s) - bar) > 0.008, p < 0.005 || p > 0.02, Self.finding(s) == target else { continue }
            return s
        }
        fatalError("chi-square-drift: no situation for seed \(seed) within the attempt limit")
    }

    static func pText(_ p: Double) -> String { p < 0.001 ? "below 0.001" : Format.fixed(p, 3) }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4348_4953_5155_4152)
        let key = Self.finding(s)
        let x = Self.chiSquare(s)
        let df = s.baseline.count - 1
        let p = Self.pValue(x, degreesOfFreedom: df)
        let tv = Self.totalVariation(s)
        let nb = Double(s.baseline.reduce(0, +)), nc = Double(s.current.reduce(0, +))
        let facts = "p is \(Self.pText(p)) and the total variation distance is \(Format.fixed(tv, 3)) against a \(Format.fixed(s.bar, 2)) bar"
        let drafts = Finding.allCases.map { f -> OptionDraft in
            var rationale: String
            if f == key {
                rationale = "Here \(facts)."
            } else {
                rationale = switch f {
                case .material: "Right when p < 0.01 and the distance reaches the bar; here \(facts)."
                case .significantOnly: "Right when p < 0.01 but the distance is under the bar; here \(facts)."
                case .stable: "Right when the window is large enough to detect a shift of this size and none shows; here \(facts)."
                case .largeButThin: "Right when the distance reaches the bar but p ≥ 0.01; here \(facts)."
                }
                if f == .material && key == .significantOnly { rationale += " A p-value alone says a shift exists, not that it matters: at \(Format.whole(nc)) rows even a negligible shift is significant." }
                if f == .material && 2 * tv >= s.bar && tv < s.bar { rationale += " The sum of absolute changes without the ½ would give \(Format.fixed(2 * tv, 3)), twice the distance." }
                if f == .stable && key == .largeButThin { rationale += " With only \(Format.whole(nc)) rows, a non-significant test is not evidence that nothing moved." }
            }
            return OptionDraft(text: f.text, rationale: rationale, isKey: f == key)
        }
        let difficulty: Item.Difficulty = key == .significantOnly || key == .largeButThin ? (abs(tv - s.bar) < 0.01 ? .hard : .medium) : (abs(tv - s.bar) < 0.01 ? .medium : .easy)
        let rows = s.categories.indices.map {
            "\(s.categories[$0]) \(Format.whole(Double(s.baseline[$0]))) (\(Format.percent(Double(s.baseline[$0]) / nb))) → \(Format.whole(Double(s.current[$0]))) (\(Format.percent(Double(s.current[$0]) / nc)))"
        }
        let scenario = """
            A data-profiling monitor compares the categorical feature "\(s.feature)" in the current window with the \
            training baseline. Counts (and shares), baseline → current: \(rows.joined(separator: "; ")). The monitor's \
            chi-square test of homogeneity reports a statistic of \(Format.fixed(x, 1)) on \(df) degrees of freedom, p \
            \(p < 0.001 ? "below 0.001" : "= " + Format.fixed(p, 3)). The team's runbook treats a shift as real when p < 0.01 \
            and as large when the total variation distance between the two share vectors (half the sum of the absolute share \
            changes) is at least \(Format.fixed(s.bar, 2)): real and large opens a retraining review, real but small is logged, \
            large but not yet real extends the window, and neither means the feature is stable.
            """
        let working = s.categories.indices.map {
            "\(s.categories[$0]): |\(Format.fixed(Double(s.current[$0]) / nc, 4)) − \(Format.fixed(Double(s.baseline[$0]) / nb, 4))| = \(Format.fixed(abs(Double(s.current[$0]) / nc - Double(s.baseline[$0]) / nb), 4))"
        } + ["Total variation = ½ × sum = \(Format.fixed(tv, 3)) (\(tv >= s.bar ? "at or above" : "below") \(Format.fixed(s.bar, 2))); p \(p < 0.01 ? "<" : "≥") 0.01.", "Finding: \(key.text)"]
        let table = FamilyTable(caption: "Counts of \(s.feature) values", headers: ["value", "baseline", "baseline share", "current", "current share"],
            rows: s.categories.indices.map {
                [s.categories[$0], Format.whole(Double(s.baseline[$0])), Format.percent(Double(s.baseline[$0]) / nb), Format.whole(Double(s.current[$0])), Format.percent(Double(s.current[$0]) / nc)]
            })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What does the runbook call for?",
            options: drafts,
            explanation: "A significance test answers whether a shift exists given the sample size, not whether it matters: with hundreds of thousands of rows a negligible change is significant, and with a few hundred a large one may not be. Judge size with an effect measure such as the total variation distance (half the sum of absolute share changes) and act on both. Working: "
                + working.joined(separator: " "),
            tags: ["drift", "chi-square-test", "effect-size"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .histogramPair(title: "\(s.feature): baseline and current shares (%)", bins: s.categories,
                first: ("baseline", s.baseline.map { 100 * Double($0) / nb }), second: ("current", s.current.map { 100 * Double($0) / nc })),
            table: table)
    }
}
