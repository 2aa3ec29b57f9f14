import Foundation
import MLCertCore

/// Diagnosing training-serving skew from a flagged feature's statistics: the skew monitor flags one numeric feature,
/// and its training and serving summaries (mean, standard deviation, minimum, maximum, missing share, zero share) carry
/// the signature of one of four causes, each with its own fix: a unit mismatch between the two pipelines (mean and
/// spread scaled by the same factor), serving filling missing values with zero (missing share moves into the zero
/// share), a stale online value (the spread collapses to nothing), or a real change in the population (the mean moves
/// by a large part of a standard deviation with the spread, missing and zero shares unchanged).
///
/// All four options are real causes of skew with the right fix for each; only the numbers decide, and the generator
/// balances which cause the numbers show.
public struct ServingSkewFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "serving-skew", title: "The cause of training-serving skew from a feature's statistics", version: 1,
        targets: [
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "automating-pipelines", objective: "5.1"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "data-preparation", objective: "1.3"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "ml-ops", objective: "2.3"),
        ],
        skillArea: .dataPreparation,
        difficultyDrivers: [
            "a unit factor that shrinks rather than grows the values",
            "a population shift of barely half a standard deviation",
            "a zero fill on a feature that already has some zeros",
        ],
        sources: [
            FamilySource(supports: "training-serving skew: a difference between training and serving data caused by different code paths or data, and sharing the transformation code",
                title: "Google for Developers: Rules of Machine Learning (training-serving skew)",
                url: "https://developers.google.com/machine-learning/guides/rules-of-ml"),
            FamilySource(supports: "skew detection comparing serving feature distributions with the training data, as distinct from drift over time",
                title: "Vertex AI: Introduction to Model Monitoring", url: "https://cloud.google.com/vertex-ai/docs/model-monitoring/overview"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Cause: Int, Sendable, Hashable, CaseIterable {
        case unitMismatch, zeroFill, staleValue, populationShift

        var text: String {
            switch self {
            case .unitMismatch: "A unit mismatch between the training and serving pipelines: compute the feature in one shared transform."
            case .zeroFill: "Serving fills missing values with zero: reuse the training pipeline's missing-value handling at serving."
            case .staleValue: "The online store serves a stale value: repair the job that materialises the feature."
            case .populationShift: "A real change in the population: evaluate on recent labels and retrain if quality dropped."
            }
        }

        var signature: String {
            switch self {
            case .unitMismatch: "mean and standard deviation scale by the same factor"
            case .zeroFill: "the missing share moves into the zero share"
            case .staleValue: "the spread collapses to a single value"
            case .populationShift: "the mean moves by a large part of a standard deviation while spread, missing and zero shares hold"
            }
        }
    }

    public struct Stats: Sendable, Hashable {
        public let mean: Double
        public let std: Double
        public let min: Double
        public let max: Double
        public let missingPercent: Double
        public let zeroPercent: Double
    }

    public struct Situation: Sendable, Hashable {
        public let feature: String
        public let unit: String
        public let training: Stats
        public let serving: Stats
        public let cause: Cause
    }

    /// Features with a plausible unit, typical mean and the factors a unit slip could introduce.
    static let features: [(name: String, unit: String, mean: ClosedRange<Double>, factors: [Double])] = [
        ("session_duration", "seconds", 120...900, [60, 1 / 60.0, 1000]),
        ("order_value", "dollars", 40...250, [100, 1 / 100.0]),
        ("distance_to_store", "kilometres", 2...40, [1000]),
        ("account_age", "days", 200...1500, [1 / 7.0, 24]),
        ("page_load_time", "milliseconds", 300...2500, [1 / 1000.0, 1000]),
    ]

    public func situation(seed: UInt64) -> Situation {
        var draw = Draw(seed: seed)
        let cause = draw.pick(Cause.allCases)
        let spec = draw.pick(Self.features)
        let mean = draw.uniform(spec.mean)
        let std = mean * draw.uniform(0.4...1.1)
        let missing = cause == .zeroFill ? draw.uniform(6...22) : draw.uniform(0...4)
        let zeros = draw.uniform(0...3)
        let round = { (x: Double) in (x * 1000).rounded() / 1000 }
        let training = Stats(mean: round(mean), std: round(std), min: 0, max: round(mean + std * draw.uniform(4...8)),
            missingPercent: (missing * 10).rounded() / 10, zeroPercent: (zeros * 10).rounded() / 10)
        // Serving: the same population with a little natural movement, then the cause's signature.
        let drift = 1 + draw.uniform(-0.03...0.03)
        var serving = Stats(mean: round(mean * drift), std: round(std * (1 + draw.uniform(-0.04...0.04))), min: 0,
            max: round(training.max * (1 + draw.uniform(-0.05...0.05))), missingPercent: max(0, ((missing + draw.uniform(-0.3...0.3)) * 10).rounded() / 10),
            zeroPercent: max(0, ((zeros + draw.uniform(-0.2...0.2)) * 10).rounded() / 10))
        switch cause {
        case .unitMismatch:
            let f = draw.pick(spec.factors)
            serving = Stats(mean: round(serving.mean * f), std: round(serving.std * f), min: 0, max: round(serving.max * f),
                missingPercent: serving.missingPercent, zeroPercent: serving.zeroPercent)
        case .zeroFill:
            // The missing rows now arrive as zeros: the mean over present values shrinks by the filled share.
            let filled = training.missingPercent / 100
            let m = serving.mean * (1 - filled)
            let variance = (1 - filled) * (serving.std * serving.std + serving.mean * serving.mean) - m * m
            serving = Stats(mean: round(m), std: round(variance.squareRoot()), min: 0, max: serving.max, missingPercent: 0,
                zeroPercent: ((serving.zeroPercent + training.missingPercent) * 10).rounded() / 10)
        case .staleValue:
            let value = round(mean * draw.uniform(0.6...1.4))
            serving = Stats(mean: value, std: 0, min: value, max: value, missingPercent: 0, zeroPercent: 0)
        case .populationShift:
            let shift = draw.uniform(0.5...1.2) * (draw.coin() ? 1 : -1)
            let shifted = max(training.std * 0.3, serving.mean + shift * training.std)
            serving = Stats(mean: round(shifted), std: serving.std, min: 0, max: round(serving.max + shift * training.std),
                missingPercent: serving.missingPercent, zeroPercent: serving.zeroPercent)
        }
        return Situation(feature: spec.name, unit: spec.unit, training: training, serving: serving, cause: cause)
    }

    /// The figures a learner compares, as the rationales quote them.
    static func evidence(_ s: Situation) -> String {
        let meanRatio = s.serving.mean / s.training.mean, stdRatio = s.serving.std / s.training.std
        let shift = (s.serving.mean - s.training.mean) / s.training.std
        return "the mean ratio is \(Format.fixed(meanRatio, 3)) and the standard-deviation ratio \(Format.fixed(stdRatio, 3)), the mean moved \(Format.fixed(shift, 2)) training standard deviations, missing went \(Format.fixed(s.training.missingPercent, 1))% → \(Format.fixed(s.serving.missingPercent, 1))% and zeros \(Format.fixed(s.training.zeroPercent, 1))% → \(Format.fixed(s.serving.zeroPercent, 1))%"
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5345_5256_534B_4557)
        let drafts = Cause.allCases.map { c -> OptionDraft in
            let rationale = c == s.cause
                ? "The signature of this cause is that \(c.signature), and here \(Self.evidence(s))."
                : "Right when \(c.signature); here \(Self.evidence(s))."
            return OptionDraft(text: c.text, rationale: rationale, isKey: c == s.cause)
        }
        let shift = abs(s.serving.mean - s.training.mean) / s.training.std
        let difficulty: Item.Difficulty = switch s.cause {
        case .unitMismatch: s.serving.mean < s.training.mean ? .hard : .medium
        case .populationShift: shift < 0.7 ? .hard : .medium
        case .zeroFill: s.training.zeroPercent > 1.5 ? .medium : .easy
        case .staleValue: .easy
        }
        let stat = { (x: Stats) in
            "mean \(Format.fixed(x.mean, 3)), standard deviation \(Format.fixed(x.std, 3)), min \(Format.fixed(x.min, 3)), max \(Format.fixed(x.max, 3)), \(Format.fixed(x.missingPercent, 1))% missing, \(Format.fixed(x.zeroPercent, 1))% zeros"
        }
        let scenario = """
            A fraud model's skew monitor compares serving requests with the training data and has flagged the numeric \
            feature "\(s.feature)" (recorded in \(s.unit) in the training data). Training: \(stat(s.training)). Serving, last \
            24 hours: \(stat(s.serving)). The other features show no skew, and traffic volume is normal.
            """
        let working = [
            "Mean ratio serving / training = \(Format.fixed(s.serving.mean, 3)) / \(Format.fixed(s.training.mean, 3)) = \(Format.fixed(s.serving.mean / s.training.mean, 3)); standard-deviation ratio = \(Format.fixed(s.serving.std / s.training.std, 3)).",
            "Mean shift in training standard deviations = (\(Format.fixed(s.serving.mean, 3)) − \(Format.fixed(s.training.mean, 3))) / \(Format.fixed(s.training.std, 3)) = \(Format.fixed((s.serving.mean - s.training.mean) / s.training.std, 2)).",
            "Missing \(Format.fixed(s.training.missingPercent, 1))% → \(Format.fixed(s.serving.missingPercent, 1))%; zeros \(Format.fixed(s.training.zeroPercent, 1))% → \(Format.fixed(s.serving.zeroPercent, 1))%.",
            "Signature: \(s.cause.signature).",
        ]
        let table = FamilyTable(caption: "Statistics of \(s.feature)", headers: ["statistic", "training", "serving"],
            rows: [
                ["mean", Format.fixed(s.training.mean, 3), Format.fixed(s.serving.mean, 3)], ["standard deviation", Format.fixed(s.training.std, 3), Format.fixed(s.serving.std, 3)],
                ["min", Format.fixed(s.training.min, 3), Format.fixed(s.serving.min, 3)], ["max", Format.fixed(s.training.max, 3), Format.fixed(s.serving.max, 3)],
                ["missing", Format.fixed(s.training.missingPercent, 1) + "%", Format.fixed(s.serving.missingPercent, 1) + "%"],
                ["zeros", Format.fixed(s.training.zeroPercent, 1) + "%", Format.fixed(s.serving.zeroPercent, 1) + "%"],
            ])
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What is the most likely cause of the skew, and what should the team do?",
            options: drafts,
            explanation: "Each cause of training-serving skew leaves its own trace in a feature's summary statistics. A unit slip multiplies the mean and the spread by the same factor; a serving path that fills nulls with zero moves the missing share into the zero share and drags the mean down; an online value that stopped refreshing has no spread at all; a genuine population change moves the mean by a large part of a standard deviation while the pipeline's fingerprints (spread, missing and zero shares) stay put. Pipeline causes are fixed by sharing the transformation code or repairing the job, not by retraining. Working: "
                + working.joined(separator: " "),
            tags: ["training-serving-skew", "data-validation", "feature-pipelines"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
