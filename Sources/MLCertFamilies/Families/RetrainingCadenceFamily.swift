import Foundation
import MLCertCore

/// A retraining cadence from a decay curve: a backtest shows the model's AUC by the age of its newest training data,
/// and the model must stay at or above a floor until its replacement is live. When a model goes live its data is
/// already the label delay plus the pipeline lag old, and it serves for one cadence, so the oldest it gets is
/// delay + lag + cadence. The key is the longest cadence on the team's menu that keeps AUC(oldest age) at the floor or
/// above: retraining more often costs more for nothing.
///
/// The mistakes, each computed: forgetting the label delay, forgetting the pipeline lag, forgetting both, requiring
/// only the average AUC over a model's life to meet the floor, and, on the other side, retraining one step more often
/// than needed (sound, but not the cheapest).
public struct RetrainingCadenceFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "retraining-cadence", title: "Retraining cadence from a decay curve, a label delay and a pipeline lag", version: 1,
        targets: [
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "automating-pipelines", objective: "5.2"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.4"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "deployment-orchestration", objective: "3.3"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "a long label delay (the model is already old when it goes live)",
            "a floor crossed between two weekly points of the curve",
        ],
        sources: [
            FamilySource(supports: "retraining on a schedule, on new data or on performance degradation, and the delay before ground truth is available",
                title: "Google Cloud: MLOps: Continuous delivery and automation pipelines in machine learning",
                url: "https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning"),
            FamilySource(supports: "monitoring model performance against ground truth that arrives after predictions, and retraining triggers",
                title: "Azure Machine Learning: Model monitoring in production",
                url: "https://learn.microsoft.com/en-us/azure/machine-learning/concept-model-monitoring"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// Cadences the scheduler offers, in weeks.
    public static let menu = [1, 2, 3, 4, 6, 8, 12]

    public struct Situation: Sendable, Hashable {
        public let model: String
        /// AUC by the age of the newest training data, in whole weeks from 0, as displayed (three decimals).
        public let auc: [Double]
        public let floor: Double
        public let labelDelayDays: Int
        public let pipelineDays: Int
    }

    public enum Mistake: Sendable, Hashable {
        case none, noLabelDelay, noPipelineLag, noLags, averageOverLife, moreOften
    }

    static let models = ["a card-fraud model", "a delivery-time model", "an ad click-through model", "a churn model",
        "a demand-forecast model", "a spam filter"]

    /// AUC at a fractional age in weeks, by linear interpolation between the weekly points.
    public static func auc(_ s: Situation, at weeks: Double) -> Double {
        let w = max(0, weeks)
        let i = min(Int(w), s.auc.count - 2)
        return s.auc[i] + (s.auc[i + 1] - s.auc[i]) * (w - Double(i))
    }

    /// Whether a cadence of `c` weeks keeps the model at the floor, as `mistake` computes it.
    static func meets(_ s: Situation, cadence c: Int, _ mistake: Mistake) -> Bool {
        let delay = mistake == .noLabelDelay || mistake == .noLags ? 0 : Double(s.labelDelayDays) / 7
        let lag = mistake == .noPipelineLag || mistake == .noLags ? 0 : Double(s.pipelineDays) / 7
        let start = delay + lag, end = start + Double(c)
        if mistake == .averageOverLife {
            let steps = 40
            let mean = (0...steps).map { auc(s, at: start + Double(c) * Double($0) / Double(steps)) }.reduce(0, +) / Double(steps + 1)
            return mean >= s.floor
        }
        return auc(s, at: end) >= s.floor
    }

    /// The cadence each mistake picks: the longest on the menu it believes meets the floor.
    public static func cadence(_ s: Situation, _ mistake: Mistake) -> Int? {
        if mistake == .moreOften {
            return cadence(s, .none).flatMap { key in menu.last { $0 < key } }
        }
        return menu.last { meets(s, cadence: $0, mistake) }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let model = first.pick(Self.models)
        let keyTarget = first.pick([2, 3, 4, 6])
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let start = draw.uniform(0.8...0.93)
            let rate = draw.uniform(0.004...0.02)
            let shape = draw.uniform(0.8...1.4)
            let curve = (0...16).map { w in ((start - rate * pow(Double(w), shape)) * 1000).rounded() / 1000 }
            let s = Situation(model: model, auc: curve, floor: ((start - draw.uniform(0.02...0.12)) * 100).rounded() / 100,
                labelDelayDays: draw.pick([7, 10, 14, 21, 28, 30]), pipelineDays: draw.integer(2...7))
            guard Self.cadence(s, .none) == keyTarget else { continue }
            // Clear of the floor at the key's end of life and the next cadence's, so interpolation cannot tip it.
            let age = Double(s.labelDelayDays + s.pipelineDays) / 7
            let next = Self.menu.first { $0 > keyTarget }!
            guard Self.auc(s, at: age + Double(keyTarget)) - s.floor > 0.0015, s.floor - Self.auc(s, at: age + Double(next)) > 0.0015 else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("retraining-cadence: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        guard let key = cadence(s, .none) else { return nil }
        let mistakes = [Mistake.noLabelDelay, .noPipelineLag, .noLags, .averageOverLife, .moreOften].compactMap { m in cadence(s, m).map { (Double($0), m) } }
        return OptionValues.pick(key: (Double(key), .none), mistakes: mistakes, relative: 0, absolute: 0.5, straddle: true)
    }

    static func every(_ weeks: Int) -> String { weeks == 1 ? "every week" : "every \(weeks) weeks" }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5245_5452_4149_4E43)
        let options = Self.options(for: s)!
        let key = Int(options[0].value)
        let age = Double(s.labelDelayDays + s.pipelineDays) / 7
        let aucAt = { (c: Int) in Format.fixed(Self.auc(s, at: age + Double(c)), 3) }
        let drafts = options.map { value, mistake -> OptionDraft in
            let c = Int(value)
            let rationale: String
            switch mistake {
            case .none:
                rationale = "A model goes live \(Format.fixed(age, 2)) weeks old and is replaced \(c) weeks later, at age \(Format.fixed(age + Double(c), 2)): AUC \(aucAt(c)), still at or above \(Format.fixed(s.floor, 2)); a longer cadence falls below."
            case .noLabelDelay:
                rationale = "Forgets the \(s.labelDelayDays)-day label delay: the newest training data is already that old at training time, so at the end of \(c) weeks the AUC is \(aucAt(c)), below the floor."
            case .noPipelineLag:
                rationale = "Forgets the \(s.pipelineDays) days from the start of training to going live; counted in, the AUC at the end of \(c) weeks is \(aucAt(c)), below the floor."
            case .noLags:
                rationale = "Counts the model's age from the day it goes live, ignoring both the label delay and the pipeline; its real AUC after \(c) weeks is \(aucAt(c))."
            case .averageOverLife:
                rationale = "Holds only the average AUC over the model's life to the floor; the floor applies at every point, and at the end of \(c) weeks the AUC is \(aucAt(c))."
            case .moreOften:
                rationale = "Right when retraining is nearly free: a \(c)-week cadence also holds the floor, but a \(key)-week cadence does too with fewer runs."
            }
            return OptionDraft(text: "Retrain and redeploy \(Self.every(c)).", rationale: rationale, isKey: mistake == .none)
        }
        let difficulty: Item.Difficulty = s.labelDelayDays >= 21 ? .hard : (s.labelDelayDays >= 14 ? .medium : .easy)
        let curveText = s.auc.enumerated().map { "\($0.offset): \(Format.fixed($0.element, 3))" }.joined(separator: ", ")
        let scenario = """
            A team runs \(s.model). A backtest gives its AUC by the age in weeks of the newest labelled data it was trained \
            on: \(curveText). Labels arrive \(s.labelDelayDays) days after the events they describe, so each retraining uses \
            data that ends \(s.labelDelayDays) days before training starts, and training, evaluation, approval and \
            deployment take another \(s.pipelineDays) days. The AUC must stay at or above \(Format.fixed(s.floor, 2)) until \
            the next model is live, and each retraining run costs enough that the team wants the longest cadence that keeps \
            it there. Their scheduler offers \(Self.menu.map { Self.every($0) }.joined(separator: ", ")).
            """
        let working = [
            "Age at go-live = (\(s.labelDelayDays) + \(s.pipelineDays)) / 7 = \(Format.fixed(age, 2)) weeks; age at replacement = \(Format.fixed(age, 2)) + cadence.",
        ] + Self.menu.filter { $0 <= 12 }.map { c in
            "\(c)-week cadence: age \(Format.fixed(age + Double(c), 2)), AUC \(aucAt(c)) \(Self.auc(s, at: age + Double(c)) >= s.floor ? "≥" : "<") \(Format.fixed(s.floor, 2))."
        } + ["Longest cadence that holds the floor: \(Self.every(key))."]
        let table = FamilyTable(caption: "AUC by age of the newest training data", headers: ["age (weeks)", "AUC"],
            rows: s.auc.enumerated().map { ["\($0.offset)", Format.fixed($0.element, 3)] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which retraining cadence should the team schedule?",
            options: drafts,
            explanation: "A retrained model is not fresh on the day it goes live: its newest labelled data is already the label delay old, plus the time the pipeline takes. It keeps aging for one cadence before the next model replaces it. So the cadence must keep the decay curve above the floor at age delay + pipeline + cadence, checked at that worst point rather than on average. Working: "
                + working.joined(separator: " "),
            tags: ["retraining", "model-decay", "label-delay"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "AUC by age of the newest training data", xLabel: "age (weeks)", yLabel: "AUC",
                x: s.auc.indices.map(Double.init), series: [("AUC", s.auc), ("floor", s.auc.map { _ in s.floor })]),
            table: table)
    }
}
