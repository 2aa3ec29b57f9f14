import Foundation
import MLCertCore

/// Drift of a categorical feature as Model Monitoring on Agent Platform measures it: the monitor compares the serving
/// distribution of the feature's values with the training baseline by the L-infinity distance (the largest change in
/// any one category's share, the default for categorical features) or by the Jensen-Shannon divergence, and alerts when
/// the distance reaches the feature's threshold (0.3 unless the team sets another).
///
/// The mistakes, each computed and each read against the same threshold: the other distance than the one configured,
/// the Jensen-Shannon *distance* (the square root of the divergence, which SciPy's `jensenshannon` returns), the
/// divergence in natural logarithms when the monitor uses base 2, the total variation distance (half the sum of the
/// absolute share changes), which other monitors report, and the L1 distance (the whole sum).
public struct CategoricalDriftFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "categorical-drift", title: "L-infinity and Jensen-Shannon drift of a categorical feature against a monitor threshold", version: 1,
        targets: [
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "monitoring-ai-solutions", objective: "6.2"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "model-development", objective: "2.3"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "a Jensen-Shannon configuration (logarithms, the divergence and not the distance)",
            "a distance within 15% of the threshold",
            "one category pushed hard by a client release (the L-infinity distance then differs most from the others)",
        ],
        sources: [
            FamilySource(supports: "L-infinity distance for categorical features and Jensen-Shannon divergence for numerical ones, compared with a per-feature alert threshold",
                title: "Vertex AI API: ThresholdConfig", url: "https://cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/ThresholdConfig"),
            FamilySource(supports: "the categorical metric choice (l_infinity or jensen_shannon_divergence) and per-feature alert thresholds of a drift spec",
                title: "Vertex AI SDK: DataDriftSpec",
                url: "https://cloud.google.com/python/docs/reference/aiplatform/latest/vertexai.resources.preview.ml_monitoring.spec.DataDriftSpec"),
            FamilySource(supports: "skew and drift detection against a training baseline, with a default alert threshold of 0.3 per feature",
                title: "Vertex AI: Monitor feature skew and drift", url: "https://cloud.google.com/vertex-ai/docs/model-monitoring/using-model-monitoring"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Metric: Int, Sendable, Hashable { case lInfinity, jensenShannon }

    public enum Measure: Sendable, Hashable { case lInfinity, jsBase2, jsDistance, jsNatural, totalVariation, l1 }

    public struct Situation: Sendable, Hashable {
        public let feature: String
        public let categories: [String]
        /// Shares in percent with one decimal, each side summing to 100.
        public let trainingPercent: [Double]
        public let servingPercent: [Double]
        public let metric: Metric
        public let threshold: Double
        public let band: Int
    }

    static let features: [(String, [String])] = [
        ("payment_method", ["card", "wallet", "bank_transfer", "buy_now_pay_later", "gift_card", "cash_on_delivery"]),
        ("device_type", ["ios_app", "android_app", "desktop_web", "mobile_web", "tablet", "smart_tv"]),
        ("acquisition_channel", ["organic", "paid_search", "social", "referral", "email", "affiliate"]),
        ("plan_tier", ["free", "basic", "standard", "premium", "business", "enterprise"]),
    ]

    public static func measure(_ m: Measure, _ s: Situation) -> Double {
        let p = s.trainingPercent.map { $0 / 100 }, q = s.servingPercent.map { $0 / 100 }
        func kl(_ a: [Double], _ b: [Double], _ logarithm: (Double) -> Double) -> Double {
            zip(a, b).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * logarithm($1.0 / $1.1) : 0) }
        }
        func js(_ logarithm: (Double) -> Double) -> Double {
            let mid = zip(p, q).map { ($0 + $1) / 2 }
            return (kl(p, mid, logarithm) + kl(q, mid, logarithm)) / 2
        }
        switch m {
        case .lInfinity: return zip(p, q).map { abs($0 - $1) }.max()!
        case .jsBase2: return js(log2)
        case .jsDistance: return js(log2).squareRoot()
        case .jsNatural: return js(log)
        case .totalVariation: return zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) } / 2
        case .l1: return zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) }
        }
    }

    static func configured(_ s: Situation) -> Measure { s.metric == .lInfinity ? .lInfinity : .jsBase2 }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let metric: Metric = first.coin() ? .lInfinity : .jensenShannon
        let band = first.integer(0...1)
        let (feature, names) = first.pick(Self.features)
        let threshold = metric == .lInfinity ? first.pick([0.1, 0.15, 0.2, 0.3, 0.3]) : first.pick([0.02, 0.05, 0.1])
        for attempt in Attempts.seeds(for: seed, limit: 600) {
            var draw = Draw(seed: attempt)
            let k = draw.integer(4...6)
            let raw = (0..<k).map { _ in draw.uniform(0.3...1.0) }
            let training = PopulationStabilityFamily.percentsSummingTo100(raw.map { $0 / raw.reduce(0, +) })
            // Serving shares move multiplicatively along a drawn direction (sometimes one category pushed hard, as a client
            // release does); the size of the move is found by bisection so the configured distance lands on a target.
            var direction = (0..<k).map { _ in draw.normal() }
            if draw.coin() { direction[draw.integer(0...(k - 1))] += draw.uniform(1.5...3) }
            // Above the threshold, but within what a category's share can plausibly move.
            let ceiling = min(2.2, (metric == .lInfinity ? 0.45 : 0.3) / threshold)
            let target = threshold * (band == 0 ? draw.uniform(0.35...0.85) : draw.uniform(1.15...ceiling))
            func serving(_ t: Double) -> [Double] {
                let moved = zip(training, direction).map { $0 * exp(t * $1) }
                return PopulationStabilityFamily.percentsSummingTo100(moved.map { $0 / moved.reduce(0, +) })
            }
            func distance(_ t: Double) -> Double {
                Self.measure(metric == .lInfinity ? .lInfinity : .jsBase2,
                    Situation(feature: feature, categories: [], trainingPercent: training, servingPercent: serving(t), metric: metric, threshold: threshold, band: band))
            }
            var low = 0.0, high = 4.0
            for _ in 0..<20 {
                let mid = (low + high) / 2
                if distance(mid) < target { low = mid } else { high = mid }
            }
            let shares = serving(high)
            guard shares.allSatisfy({ $0 >= 0.1 }) else { continue }
            let s = Situation(feature: feature, categories: Array(names.prefix(k)), trainingPercent: training, servingPercent: shares,
                metric: metric, threshold: threshold, band: band)
            let value = Self.measure(Self.configured(s), s)
            let inBand = band == 0 ? value < threshold * 0.93 : value > threshold * 1.07
            guard inBand, value > threshold * 0.2 else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("categorical-drift: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Measure)]? {
        let key = configured(s)
        let others: [Measure] = key == .lInfinity
            ? [.jsBase2, .jsDistance, .jsNatural, .totalVariation, .l1] : [.lInfinity, .jsDistance, .jsNatural, .totalVariation, .l1]
        return OptionValues.pick(key: (measure(key, s), key), mistakes: others.map { (measure($0, s), $0) }, relative: 0.12, absolute: 0.003)
    }

    /// The monitor's call for a value as printed (three decimals).
    static func call(_ value: Double, threshold: Double) -> String {
        (value * 1000).rounded() / 1000 >= threshold ? "at or above the \(Format.fixed(threshold, 2)) threshold, so the monitor alerts"
            : "below the \(Format.fixed(threshold, 2)) threshold, so the monitor stays quiet"
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4341_5444_5249_4654)
        let options = Self.options(for: s)!
        let metricName = s.metric == .lInfinity ? "L-infinity distance" : "Jensen-Shannon divergence (base-2 logarithms)"
        let drafts = options.map { value, measure -> OptionDraft in
            let shown = Format.fixed(value, 3)
            let rationale: String
            switch measure {
            case _ where measure == Self.configured(s):
                rationale = s.metric == .lInfinity
                    ? "The largest change in any one category's share is \(shown), \(Self.call(value, threshold: s.threshold))."
                    : "JS = ½ KL(train ‖ M) + ½ KL(serve ‖ M) with M the average of the two and base-2 logarithms: \(shown), \(Self.call(value, threshold: s.threshold))."
            case .lInfinity: rationale = "\(shown) is the L-infinity distance, the categorical default, but this feature is configured for Jensen-Shannon divergence."
            case .jsBase2: rationale = "\(shown) is the Jensen-Shannon divergence; this feature is configured for the L-infinity distance, the categorical default."
            case .jsDistance: rationale = "\(shown) is the Jensen-Shannon distance, the square root of the divergence (what SciPy's jensenshannon returns); the threshold is on a different metric."
            case .jsNatural:
                rationale = s.metric == .lInfinity
                    ? "\(shown) is a Jensen-Shannon divergence (in natural logarithms); this feature is configured for the L-infinity distance."
                    : "\(shown) uses natural logarithms; the monitor's divergence uses base 2, so this understates it by a factor of ln 2."
            case .totalVariation: rationale = "\(shown) is the total variation distance (half the sum of absolute share changes), which the monitor does not use here."
            case .l1: rationale = "\(shown) adds up every category's absolute change (the L1 distance); L-infinity takes only the largest single change."
            }
            return OptionDraft(text: "The \(metricName.components(separatedBy: " (").first!) is \(shown), \(Self.call(value, threshold: s.threshold)).",
                rationale: rationale, isKey: measure == Self.configured(s))
        }
        let value = Self.measure(Self.configured(s), s)
        let difficulty: Item.Difficulty = abs(value - s.threshold) / s.threshold < 0.15 ? .hard : (s.metric == .jensenShannon ? .medium : .easy)
        let pairs = s.categories.indices.map { "\(s.categories[$0]) \(Format.fixed(s.trainingPercent[$0], 1))% → \(Format.fixed(s.servingPercent[$0], 1))%" }
        let thresholdText = s.threshold == 0.3 ? "the default alert threshold of 0.3" : "an alert threshold of \(Format.fixed(s.threshold, 2)), set by the team"
        let scenario = """
            A team monitors a deployed model with Model Monitoring on Agent Platform. For the categorical feature \
            "\(s.feature)", the shares of values in the training baseline and in last week's serving traffic are: \
            \(pairs.joined(separator: ", ")). The feature's drift objective uses the \(metricName) with \(thresholdText); \
            the monitor alerts when the distance reaches the threshold.
            """
        var working: [String]
        if s.metric == .lInfinity {
            working = s.categories.indices.map { "\(s.categories[$0]): |\(Format.fixed(s.servingPercent[$0], 1)) − \(Format.fixed(s.trainingPercent[$0], 1))| = \(Format.fixed(abs(s.servingPercent[$0] - s.trainingPercent[$0]), 1)) points" }
            working.append("Largest: L-infinity = \(Format.fixed(value, 3)), \(Self.call(value, threshold: s.threshold)).")
        } else {
            working = ["M = (training + serving) / 2 per category; JS = ½ Σ p log₂(p / M) + ½ Σ q log₂(q / M)."]
            working += s.categories.indices.map { i in
                let p = s.trainingPercent[i] / 100, q = s.servingPercent[i] / 100, m = (p + q) / 2
                return "\(s.categories[i]): ½ × \(Format.fixed(p, 3)) × log₂(\(Format.fixed(p, 3)) / \(Format.fixed(m, 4))) + ½ × \(Format.fixed(q, 3)) × log₂(\(Format.fixed(q, 3)) / \(Format.fixed(m, 4))) = \(Format.fixed((p * log2(p / m) + q * log2(q / m)) / 2, 5))"
            }
            working.append("Sum: JS = \(Format.fixed(value, 3)), \(Self.call(value, threshold: s.threshold)).")
        }
        let table = FamilyTable(caption: "Share of \(s.feature) values", headers: ["value", "training", "serving"],
            rows: s.categories.indices.map { [s.categories[$0], Format.fixed(s.trainingPercent[$0], 1) + "%", Format.fixed(s.servingPercent[$0], 1) + "%"] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What does the monitor compute for this feature, and does it alert?",
            options: drafts,
            explanation: "Model Monitoring compares a feature's serving distribution with its baseline by a distance and alerts when the distance reaches the feature's threshold. For categorical features the default is the L-infinity distance, the largest change in any single category's share; the Jensen-Shannon divergence is the alternative, computed against the average of the two distributions, here with base-2 logarithms. A threshold only means something for the metric it was set on: the JS distance, natural-log divergence or total variation give different numbers. Working: "
                + working.joined(separator: " "),
            tags: ["drift", "categorical-features", "model-monitoring"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .histogramPair(title: "\(s.feature): training and serving shares", bins: s.categories,
                first: ("training", s.trainingPercent), second: ("serving", s.servingPercent)),
            table: table)
    }
}
