import Foundation
import MLCertCore

/// Feature drift measured by the population stability index: a feature's serving distribution is compared with its
/// training distribution over the training deciles, and the team's runbook maps the PSI to an action.
///
/// PSI = Σ (servingᵢ − trainingᵢ) · ln(servingᵢ / trainingᵢ) over the bins, with shares as fractions. The common
/// mistakes, each computed as a distractor: only one direction of the divergence (Σ servingᵢ · ln(servingᵢ /
/// trainingᵢ), which is the Kullback-Leibler part of PSI), base-10 logarithms, the sum of absolute share differences,
/// and the largest single-bin difference (the L-infinity distance some monitors use for categorical skew).
public struct PopulationStabilityFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "psi-drift", title: "Population stability index of a drifting feature", version: 1,
        targets: [
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "ml-ops", objective: "2.3"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "monitoring-ai-solutions", objective: "6.2"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "monitoring-maintenance-security", objective: "4.1"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "how close the PSI lies to a runbook threshold (within 0.03 is hard)",
            "five or ten bins (more terms to add)",
            "a shift in spread rather than in location (the histogram looks less obviously moved)",
        ],
        sources: [
            FamilySource(supports: "PSI as a drift statistic computed by a platform monitor (population_stability_index in the drift metrics table)",
                title: "Databricks: Data profiling metric tables",
                url: "https://docs.databricks.com/aws/en/data-governance/unity-catalog/data-quality-monitoring/data-profiling/monitor-output"),
            FamilySource(supports: "PSI formula and the 0.1 / 0.25 bands widely used as rules of thumb (Siddiqi, Credit Risk Scorecards, 2006)",
                title: "Yurdakul, Statistical properties of the population stability index (2018)",
                url: "https://scholarworks.wmich.edu/dissertations/3208/"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// The lower edges of the runbook's bands: below 0.10 stable, 0.10 to 0.25 investigate, 0.25 and above act.
    public static let investigateAt = 0.10
    public static let actAt = 0.25

    /// What a generator drew: the feature, and its training and serving shares per bin as the learner sees them
    /// (percentages with one decimal, each side summing to exactly 100).
    public struct Situation: Sendable, Hashable {
        public let feature: String
        public let product: String
        public let trainingPercent: [Double]
        public let servingPercent: [Double]
        /// The band the generator aimed at (0 stable, 1 investigate, 2 act), so bands are balanced across seeds.
        public let band: Int
    }

    public static func psi(training: [Double], serving: [Double]) -> Double {
        zip(training, serving).reduce(0) { sum, pair in
            let (e, a) = (pair.0 / 100, pair.1 / 100)
            return sum + (a - e) * log(a / e)
        }
    }

    static let features: [(name: String, product: String)] = [
        ("basket value", "an online grocer's delivery-slot demand model"),
        ("session length in minutes", "a streaming service's churn model"),
        ("days since the last purchase", "a retailer's next-purchase model"),
        ("applicant monthly income", "a lender's credit-limit model"),
        ("trip distance in kilometres", "a ride-hailing fare model"),
        ("claim amount", "an insurer's claim-triage model"),
        ("hours since account creation", "a marketplace's fraud model"),
    ]

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let band = first.integer(0...2)
        let bins = first.coin() ? 10 : 5
        let (feature, product) = first.pick(Self.features)
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            // Serving values follow N(mu, sigma) on the standard-normal scale of the training data.
            let mu = draw.uniform(-0.7...0.7)
            let sigma = draw.uniform(0.75...1.35)
            let edges = (1..<bins).map { Normal.quantile(Double($0) / Double(bins)) }
            var cdf = [0.0] + edges.map { Normal.cdf(($0 - mu) / sigma) } + [1.0]
            cdf[cdf.count - 1] = 1
            let shares = (0..<bins).map { cdf[$0 + 1] - cdf[$0] }
            let serving = Self.percentsSummingTo100(shares)
            let training = Self.percentsSummingTo100(Array(repeating: 1 / Double(bins), count: bins))
            guard serving.allSatisfy({ $0 >= 0.5 }) else { continue }
            let psi = Self.psi(training: training, serving: serving)
            let inBand: Bool
            switch band {
            case 0: inBand = psi < Self.investigateAt - 0.01
            case 1: inBand = psi > Self.investigateAt + 0.01 && psi < Self.actAt - 0.01
            default: inBand = psi > Self.actAt + 0.01 && psi < 0.9
            }
            guard inBand else { continue }
            let candidate = Situation(feature: feature, product: product, trainingPercent: training, servingPercent: serving, band: band)
            if Self.options(for: candidate) != nil { return candidate }
        }
        fatalError("psi-drift: no situation for seed \(seed) within the attempt limit")
    }

    /// Shares as percentages with one decimal that sum to exactly 100 (largest remainder on tenths of a percent).
    static func percentsSummingTo100(_ shares: [Double]) -> [Double] {
        let tenths = shares.map { $0 * 1000 }
        var whole = tenths.map { Int($0.rounded(.down)) }
        let order = tenths.indices.sorted { (tenths[$0] - Double(whole[$0])) > (tenths[$1] - Double(whole[$1])) }
        for i in order.prefix(1000 - whole.reduce(0, +)) { whole[i] += 1 }
        return whole.map { Double($0) / 10 }
    }

    /// The four statistics the options report: PSI (the key) and three mistakes, or nil when any two would print
    /// alike or a mistake lands in the key's band with a value too close to tell apart.
    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        let e = s.trainingPercent.map { $0 / 100 }
        let a = s.servingPercent.map { $0 / 100 }
        let psi = Self.psi(training: s.trainingPercent, serving: s.servingPercent)
        let oneSided = zip(e, a).reduce(0) { $0 + $1.1 * log($1.1 / $1.0) }
        let log10 = psi / log(10)
        let absolute = zip(e, a).reduce(0) { $0 + abs($1.1 - $1.0) }
        let largest = zip(e, a).map { abs($0.1 - $0.0) }.max() ?? 0
        // Keep the key and the three mistakes that read most differently from it and from each other.
        return OptionValues.pick(key: (psi, .none), mistakes: [(oneSided, .oneDirection), (log10, .base10), (absolute, .absoluteDifferences), (largest, .largestBin)],
            relative: 0.2, absolute: 0.015)
    }

    enum Mistake: Sendable {
        case none, oneDirection, base10, absoluteDifferences, largestBin
    }

    static func band(_ value: Double) -> Int { value < investigateAt ? 0 : (value < actAt ? 1 : 2) }

    static let actions = [
        "treat the feature as stable and take no action",
        "investigate which segments moved before deciding on retraining",
        "open a drift incident and start the retraining runbook",
    ]

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5053_495F_4F50_5453)
        let options = Self.options(for: s)!
        let bins = s.trainingPercent.count
        let binNames = (1...bins).map { bins == 10 ? "D\($0)" : "Q\($0)" }
        let psi = options[0].value
        let drafts = options.map { value, mistake -> OptionDraft in
            let text = "The statistic is \(Format.fixed(value, 3)), so \(Self.actions[Self.band(value)])."
            let rationale: String
            switch mistake {
            case .none:
                rationale = "PSI adds (serving − training) × ln(serving / training) over every bin, with shares as fractions: \(Format.fixed(psi, 3)), which the runbook maps to: \(Self.actions[Self.band(psi)])."
            case .oneDirection:
                rationale = "\(Format.fixed(value, 3)) is Σ serving × ln(serving / training), only one direction of the divergence; PSI weights each log ratio by the difference of the shares, which counts both directions."
            case .base10:
                rationale = "\(Format.fixed(value, 3)) uses base-10 logarithms; the PSI bands of 0.10 and 0.25 are defined with natural logarithms, so this understates the shift by a factor of 2.3."
            case .absoluteDifferences:
                rationale = "\(Format.fixed(value, 3)) is the sum of the absolute share differences, a different distance whose scale does not match the PSI bands in the runbook."
            case .largestBin:
                rationale = "\(Format.fixed(value, 3)) is the largest single-bin difference (an L-infinity distance); it ignores the other bins and is not what the runbook's PSI bands measure."
            }
            return OptionDraft(text: text, rationale: rationale, isKey: mistake == .none)
        }
        let closeness = min(abs(psi - Self.investigateAt), abs(psi - Self.actAt))
        let difficulty: Item.Difficulty = closeness < 0.03 ? .hard : (bins == 10 ? .medium : .easy)
        let table = FamilyTable(caption: "Share of rows per training \(bins == 10 ? "decile" : "quintile") of \(s.feature)",
            headers: ["bin", "training", "serving"],
            rows: (0..<bins).map { [binNames[$0], Format.fixed(s.trainingPercent[$0], 1) + "%", Format.fixed(s.servingPercent[$0], 1) + "%"] })
        let binText = (0..<bins).map { "\(binNames[$0]) \(Format.fixed(s.servingPercent[$0], 1))%" }.joined(separator: ", ")
        let scenario = """
            A team monitors the feature "\(s.feature)" of \(s.product). The training data was cut into \(bins) bins of equal size \
            (\(bins == 10 ? "deciles" : "quintiles")), so each bin holds \(Format.fixed(100 / Double(bins), 1))% of the training rows. Last week's \
            serving traffic falls into the same bins as follows: \(binText). The team's runbook computes the population \
            stability index (PSI) with natural logarithms over these bins: below 0.10 the feature counts as stable; from 0.10 \
            to 0.25 the team investigates which segments moved before deciding anything; at 0.25 or above it opens a drift \
            incident and starts retraining.
            """
        var working = ["PSI = Σ (serving − training) × ln(serving / training), shares as fractions."]
        for i in 0..<bins {
            let e = s.trainingPercent[i] / 100, a = s.servingPercent[i] / 100
            working.append("\(binNames[i]): (\(Format.fixed(a, 3)) − \(Format.fixed(e, 3))) × ln(\(Format.fixed(a, 3)) / \(Format.fixed(e, 3))) = \(Format.fixed((a - e) * log(a / e), 4))")
        }
        working.append("Sum: PSI = \(Format.fixed(psi, 3)), in the band: \(Self.actions[Self.band(psi)]).")
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What is the PSI of last week's traffic, and what does the runbook call for?",
            options: drafts,
            explanation: "PSI compares two distributions over the same bins by adding (serving − training) × ln(serving / training) for each bin. It is symmetric and zero when nothing moved; the usual bands (0.10 and 0.25) assume natural logarithms and shares as fractions. Compute it over the bins the monitor uses, and apply the team's thresholds to the statistic they were written for. Working: " + working.joined(separator: " "),
            tags: ["drift", "population-stability-index", "monitoring"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .histogramPair(title: "\(s.feature): training and serving shares per bin", bins: binNames,
                first: ("training", s.trainingPercent), second: ("serving", s.servingPercent)),
            table: table)
    }
}
