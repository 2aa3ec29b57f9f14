import Foundation
import MLCertCore

/// Calibration from a reliability table: predictions are grouped into score bins, and the expected calibration error
/// (ECE) weighs each bin's gap between the mean predicted probability and the observed positive rate by the bin's share
/// of predictions: ECE = Σ (n_b / N) × |observed_b − predicted_b|. The team releases when the ECE is within its
/// tolerance and recalibrates (isotonic or Platt scaling on held-out data) otherwise.
///
/// The mistakes, each computed: the unweighted mean of the bin gaps (sparse high-score bins count as much as the busy
/// low ones), the largest bin gap (the maximum calibration error), the root-mean-square gap, and the gap between the
/// mean prediction and the base rate (calibration in the large, where over- and under-confident bins cancel).
public struct CalibrationFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "calibration-ece", title: "Expected calibration error from a reliability table", version: 1,
        targets: [
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.2"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "collaborating-data-models", objective: "2.3"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-development", objective: "1.3"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "how close the ECE lies to the tolerance (within 0.004 is hard)",
            "five or ten bins (more terms to weigh)",
            "bins that are over-confident and under-confident at once (their gaps cancel in the mean prediction)",
        ],
        sources: [
            FamilySource(supports: "expected calibration error as the bin-weighted mean of |accuracy − confidence|, and the maximum calibration error",
                title: "Guo et al., On Calibration of Modern Neural Networks (ICML 2017)", url: "https://arxiv.org/abs/1706.04599"),
            FamilySource(supports: "reliability diagrams by binned predicted probability, and recalibration with isotonic regression or Platt (sigmoid) scaling",
                title: "scikit-learn: Probability calibration", url: "https://scikit-learn.org/stable/modules/calibration.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// One bin of the reliability table as the learner sees it.
    public struct Bin: Sendable, Hashable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        /// The mean predicted probability, rounded to three decimals as shown.
        public let meanPredicted: Double
        public let positives: Int
        public var observed: Double { Double(positives) / Double(count) }
    }

    public struct Situation: Sendable, Hashable {
        public let model: String
        public let bins: [Bin]
        public let tolerance: Double
        /// The band the generator aimed at: 0 within the tolerance, 1 above it.
        public let band: Int
    }

    static let models = [
        "a hospital's 30-day readmission model", "an insurer's claim-fraud model", "a bank's loan-default model",
        "a subscription service's churn model", "an ad platform's click-through model", "a logistics firm's late-delivery model",
    ]

    public enum Measure: Sendable, Hashable {
        case ece, unweightedMean, maximumGap, rootMeanSquare, inTheLarge
    }

    /// Each measure over the bins, from the values as displayed.
    public static func measure(_ m: Measure, _ bins: [Bin]) -> Double {
        let total = Double(bins.reduce(0) { $0 + $1.count })
        let gaps = bins.map { $0.observed - $0.meanPredicted }
        let weights = bins.map { Double($0.count) / total }
        switch m {
        case .ece: return zip(weights, gaps).reduce(0) { $0 + $1.0 * abs($1.1) }
        case .unweightedMean: return gaps.reduce(0) { $0 + abs($1) } / Double(gaps.count)
        case .maximumGap: return gaps.map(abs).max()!
        case .rootMeanSquare: return zip(weights, gaps).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }.squareRoot()
        case .inTheLarge: return abs(zip(weights, gaps).reduce(0) { $0 + $1.0 * $1.1 })
        }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let band = first.integer(0...1)
        let binCount = first.coin() ? 10 : 5
        let model = first.pick(Self.models)
        let tolerance = first.pick([0.02, 0.03, 0.04, 0.05])
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            let total = Int(draw.stepped(8_000...60_000, step: 500))
            // Most predictions sit in the low bins, as they do for a rare positive class.
            let decay = draw.uniform(0.15...0.6)
            let raw = (0..<binCount).map { exp(-decay * Double($0) * 10 / Double(binCount)) + 0.02 }
            let rawSum = raw.reduce(0, +)
            // The true positive rate bends away from the prediction (slope below 1 is over-confidence, above 1 under);
            // the bend's direction is drawn, and its strength is found by bisection so the ECE lands on a drawn target.
            let slopeDirection = draw.uniform(-0.45...0.5)
            let shiftDirection = draw.uniform(-0.45...0.45)
            let targetECE = band == 0 ? draw.uniform(0.005...(tolerance - 0.003)) : draw.uniform((tolerance + 0.003)...(tolerance * 2.5))
            let width = 1 / Double(binCount)
            let counts = (0..<binCount).map { max(40, Int((Double(total) * raw[$0] / rawSum).rounded())) }
            let means = (0..<binCount).map { ((Double($0) * width + width * draw.uniform(0.3...0.7)) * 1000).rounded() / 1000 }
            let noise = (0..<binCount).map { _ in draw.normal() }
            func bins(strength: Double) -> [Bin] {
                (0..<binCount).map { b in
                    let logit = log(means[b] / (1 - means[b]))
                    let rate = 1 / (1 + exp(-((1 + strength * slopeDirection) * logit + strength * shiftDirection)))
                    let jitter = 0.5 * noise[b] * (rate * (1 - rate) / Double(counts[b])).squareRoot()
                    let positives = min(counts[b], max(0, Int((Double(counts[b]) * min(1, max(0, rate + jitter))).rounded())))
                    return Bin(lower: Double(b) * width, upper: Double(b + 1) * width, count: counts[b], meanPredicted: means[b], positives: positives)
                }
            }
            var low = 0.0, high = 1.5
            for _ in 0..<14 {
                let mid = (low + high) / 2
                if Self.measure(.ece, bins(strength: mid)) < targetECE { low = mid } else { high = mid }
            }
            let bins = bins(strength: (low + high) / 2)
            let ece = Self.measure(.ece, bins)
            let inBand = band == 0 ? (ece < tolerance - 0.002 && ece > 0.004) : (ece > tolerance + 0.002 && ece < 0.2)
            guard inBand else { continue }
            let candidate = Situation(model: model, bins: bins, tolerance: tolerance, band: band)
            if Self.options(for: candidate) != nil { return candidate }
        }
        fatalError("calibration-ece: no situation for seed \(seed) within the attempt limit")
    }

    /// The ECE and the three mistakes that read most differently from it, or nil when they would print too alike.
    static func options(for s: Situation) -> [(value: Double, mistake: Measure)]? {
        OptionValues.pick(key: (measure(.ece, s.bins), .ece),
            mistakes: [Measure.unweightedMean, .maximumGap, .rootMeanSquare, .inTheLarge].map { (measure($0, s.bins), $0) },
            relative: 0.15, absolute: 0.004)
    }

    /// The checklist's call for a value as printed (three decimals), so that "0.030" never reads as above 0.03.
    static func decision(_ value: Double, tolerance: Double) -> String {
        (value * 1000).rounded() / 1000 <= tolerance
            ? "within the \(Format.fixed(tolerance, 2)) tolerance, so release the model with its current scores"
            : "above the \(Format.fixed(tolerance, 2)) tolerance, so recalibrate on held-out data before release"
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4341_4C49_4252_4154)
        let options = Self.options(for: s)!
        let ece = options[0].value
        let drafts = options.map { value, measure -> OptionDraft in
            let shown = Format.fixed(value, 3)
            let rationale: String
            switch measure {
            case .ece:
                rationale = "ECE weighs each bin's |observed − predicted| by its share of predictions: \(shown), \(Self.decision(value, tolerance: s.tolerance))."
            case .unweightedMean:
                rationale = "\(shown) averages the bin gaps without weights, so a sparse high-score bin counts as much as the busiest one; ECE weighs by bin size."
            case .maximumGap:
                rationale = "\(shown) is the largest single bin gap (the maximum calibration error), a worst-case measure the tolerance was not written for."
            case .rootMeanSquare:
                rationale = "\(shown) is the root of the weighted mean squared gap, which stresses large gaps; the tolerance applies to the weighted mean absolute gap."
            case .inTheLarge:
                rationale = "\(shown) is |mean prediction − base rate| (calibration in the large): over- and under-confident bins cancel, hiding miscalibration."
            }
            return OptionDraft(text: "The ECE is \(shown), \(Self.decision(value, tolerance: s.tolerance)).", rationale: rationale, isKey: measure == .ece)
        }
        let difficulty: Item.Difficulty = abs(ece - s.tolerance) < 0.004 ? .hard : (s.bins.count == 10 ? .medium : .easy)
        let total = s.bins.reduce(0) { $0 + $1.count }
        let range = { (b: Bin) in "\(Format.fixed(b.lower, 1))–\(Format.fixed(b.upper, 1))" }
        let binText = s.bins.map { "\(range($0)): \(Format.whole(Double($0.count))) predictions, mean score \(Format.fixed($0.meanPredicted, 3)), \(Format.whole(Double($0.positives))) positives" }
            .joined(separator: "; ")
        let scenario = """
            Before releasing \(s.model), the team checks whether its scores can be read as probabilities. On \
            \(Format.whole(Double(total))) held-out predictions, grouped into \(s.bins.count) equal-width score bins, the \
            reliability table reads: \(binText). The release checklist computes the expected calibration error (ECE) over \
            these bins and allows at most \(Format.fixed(s.tolerance, 2)); above that, the scores are recalibrated on held-out \
            data before release.
            """
        var working = ["ECE = Σ (n_b / N) × |positives_b / n_b − mean score_b|, N = \(Format.whole(Double(total)))."]
        for b in s.bins {
            working.append("\(range(b)): \(Format.whole(Double(b.count))) / \(Format.whole(Double(total))) × |\(Format.fixed(b.observed, 3)) − \(Format.fixed(b.meanPredicted, 3))| = \(Format.fixed(Double(b.count) / Double(total) * abs(b.observed - b.meanPredicted), 4))")
        }
        working.append("Sum: ECE = \(Format.fixed(ece, 3)), \(Self.decision(ece, tolerance: s.tolerance)).")
        let table = FamilyTable(caption: "Reliability table of \(s.model)", headers: ["score bin", "predictions", "mean score", "positives", "observed rate"],
            rows: s.bins.map { [range($0), Format.whole(Double($0.count)), Format.fixed($0.meanPredicted, 3), Format.whole(Double($0.positives)), Format.fixed($0.observed, 3)] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What is the ECE, and what does the checklist call for?",
            options: drafts,
            explanation: "A calibrated model's predicted probability matches the observed frequency. ECE summarises a reliability table by weighing each bin's gap between observed rate and mean prediction by the bin's share of predictions, so busy bins matter most. The unweighted mean, the largest gap, the RMS gap and the gap between mean prediction and base rate are different measures; apply the tolerance to the measure it was written for. Working: "
                + working.joined(separator: " "),
            tags: ["calibration", "expected-calibration-error", "model-evaluation"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "Reliability diagram", xLabel: "mean predicted probability", yLabel: "observed positive rate",
                x: s.bins.map(\.meanPredicted), series: [("observed", s.bins.map(\.observed)), ("perfect calibration", s.bins.map(\.meanPredicted))]),
            table: table)
    }
}
