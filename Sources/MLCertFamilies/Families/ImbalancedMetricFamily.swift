import Foundation
import MLCertCore

/// Choosing among candidate models on an imbalanced problem by the metric the requirement implies: four models'
/// confusion matrices on one day of validation traffic with a rare positive class, and a requirement that is either a
/// recall floor (catch at least a share of positives, then the fewest false alarms: highest precision), an alert budget
/// (at most so many flags a day, then catch the most: highest recall), or a balance of the two (highest F1).
///
/// The model with the highest accuracy is never the key: with a few percent positives, a model that flags almost
/// nothing scores the best accuracy. The other wrong options are the models the other requirements would pick, so each
/// is right for some profile.
public struct ImbalancedMetricFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "imbalanced-metric", title: "The right metric for an imbalanced problem, from confusion matrices", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "data-preparation", objective: "1.3"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-development", objective: "1.3"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.1"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "an alert budget or recall floor that only one or two models meet",
            "a very rare positive class (accuracy rewards flagging nothing)",
        ],
        sources: [
            FamilySource(supports: "accuracy misleading on class-imbalanced data; precision, recall and F1 and when each matters",
                title: "Google for Developers, Machine Learning Crash Course: Accuracy, recall, precision and related metrics",
                url: "https://developers.google.com/machine-learning/crash-course/classification/accuracy-precision-recall"),
            FamilySource(supports: "precision, recall, F-measure and the precision-recall trade-off for imbalanced classes",
                title: "scikit-learn: Metrics and scoring (precision, recall and F-measures)",
                url: "https://scikit-learn.org/stable/modules/model_evaluation.html#precision-recall-f-measure-metrics"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Requirement: Int, Sendable, Hashable, CaseIterable { case recallFloor, alertBudget, balanced }

    public struct Model: Sendable, Hashable {
        public let name: String
        public let tp: Int
        public let fp: Int
        public let fn: Int
        public let tn: Int
        var flagged: Int { tp + fp }
        var precision: Double { Double(tp) / Double(tp + fp) }
        var recall: Double { Double(tp) / Double(tp + fn) }
        var f1: Double { 2 * Double(tp) / Double(2 * tp + fp + fn) }
        var accuracy: Double { Double(tp + tn) / Double(tp + fp + fn + tn) }
    }

    public struct Situation: Sendable, Hashable {
        public let useCase: String
        public let models: [Model]
        public let requirement: Requirement
        /// Recall floor in percent, or alert budget per day.
        public let limit: Int
    }

    static let useCases = ["money-laundering alerts for an investigations team", "defect detection on a packaging line",
        "account-takeover detection for a login service", "early sepsis warnings for a hospital ward", "fake-review detection for a marketplace"]
    static let names = ["logistic regression", "gradient-boosted trees", "random forest", "neural network"]

    /// The model the requirement picks, or nil when none qualifies.
    public static func pick(_ s: Situation, by requirement: Requirement) -> Model? {
        switch requirement {
        case .recallFloor: s.models.filter { $0.recall * 100 >= Double(s.limit) }.max { $0.precision < $1.precision }
        case .alertBudget: s.models.filter { $0.flagged <= s.limit }.max { $0.recall < $1.recall }
        case .balanced: s.models.max { $0.f1 < $1.f1 }
        }
    }

    public static func mostAccurate(_ s: Situation) -> Model { s.models.max { $0.accuracy < $1.accuracy }! }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let requirement = first.pick(Requirement.allCases)
        let useCase = first.pick(Self.useCases)
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let total = Int(draw.stepped(20_000...200_000, step: 500))
            let prevalence = draw.uniform(0.008...0.06)
            let positives = Int((Double(total) * prevalence).rounded()), negatives = total - positives
            let names = draw.shuffled(Self.names)
            // Each model: a separation and an operating point; recall and false-positive rate from the binormal model.
            let models = names.map { name -> Model in
                let separation = draw.uniform(1.4...3.0)
                let cut = draw.uniform(0.6...3.2)
                let tp = Int((Double(positives) * (1 - Normal.cdf(cut - separation))).rounded())
                let fp = Int((Double(negatives) * (1 - Normal.cdf(cut))).rounded())
                return Model(name: name, tp: tp, fp: fp, fn: positives - tp, tn: negatives - fp)
            }
            guard models.allSatisfy({ $0.tp > 0 && $0.fp > 0 }) else { continue }
            let limit: Int = switch requirement {
            case .recallFloor: draw.pick([60, 70, 75, 80, 85])
            case .alertBudget: Int((Double(models.map(\.flagged).sorted()[draw.integer(1...2)]) * draw.uniform(1.02...1.15) / 10).rounded(.up) * 10)
            case .balanced: 0
            }
            let s = Situation(useCase: useCase, models: models, requirement: requirement, limit: limit)
            guard let key = Self.pick(s, by: requirement), Self.mostAccurate(s) != key else { continue }
            // Clear winners: no near-tie on the deciding metric, and nothing within a whisker of the limit.
            let runnerUp: Double? = switch requirement {
            case .recallFloor: s.models.filter { $0.recall * 100 >= Double(limit) && $0 != key }.map(\.precision).max().map { key.precision - $0 }
            case .alertBudget: s.models.filter { $0.flagged <= limit && $0 != key }.map(\.recall).max().map { key.recall - $0 }
            case .balanced: s.models.filter { $0 != key }.map(\.f1).max().map { key.f1 - $0 }
            }
            guard runnerUp.map({ $0 > 0.01 }) ?? true else { continue }
            guard s.models.allSatisfy({ abs($0.recall * 100 - Double(limit)) > 0.5 && abs(Double($0.flagged - limit)) > Double(limit) * 0.01 }) || requirement == .balanced else { continue }
            return s
        }
        fatalError("imbalanced-metric: no situation for seed \(seed) within the attempt limit")
    }

    static func describe(_ m: Model) -> String {
        "precision \(Format.fixed(m.precision, 3)), recall \(Format.fixed(m.recall, 3)), F1 \(Format.fixed(m.f1, 3)), \(Format.whole(Double(m.flagged))) flagged, accuracy \(Format.percent(m.accuracy, 2))"
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x494D_4241_4C41_4E43)
        let key = Self.pick(s, by: s.requirement)!
        let accurate = Self.mostAccurate(s)
        let total = s.models[0].tp + s.models[0].fp + s.models[0].fn + s.models[0].tn
        let positives = s.models[0].tp + s.models[0].fn
        let drafts = s.models.map { m -> OptionDraft in
            var rationale: String
            if m == key {
                rationale = switch s.requirement {
                case .recallFloor: "Meets the \(s.limit)% recall floor with the highest precision among those that do: \(Self.describe(m))."
                case .alertBudget: "Stays within \(Format.whole(Double(s.limit))) flags a day with the highest recall among those that do: \(Self.describe(m))."
                case .balanced: "Highest F1, which weighs precision and recall equally as the requirement asks: \(Self.describe(m))."
                }
            } else if m == accurate {
                rationale = "Highest accuracy (\(Format.percent(m.accuracy, 2))), but with \(Format.percent(Double(positives) / Double(total), 1)) positives a model that flags nothing scores \(Format.percent(1 - Double(positives) / Double(total), 2)); accuracy is the wrong yardstick here."
            } else {
                let fails: String = switch s.requirement {
                case .recallFloor: m.recall * 100 < Double(s.limit) ? "its recall \(Format.fixed(m.recall, 3)) misses the \(s.limit)% floor" : "its precision \(Format.fixed(m.precision, 3)) is lower than the key's"
                case .alertBudget: m.flagged > s.limit ? "its \(Format.whole(Double(m.flagged))) flags exceed the \(Format.whole(Double(s.limit))) budget" : "its recall \(Format.fixed(m.recall, 3)) is lower than the key's"
                case .balanced: "its F1 \(Format.fixed(m.f1, 3)) is lower than the key's"
                }
                rationale = "Right for a different requirement; here \(fails)."
            }
            return OptionDraft(text: "Deploy the \(m.name).", rationale: rationale, isKey: m == key)
        }
        let eligible = s.requirement == .balanced ? 4 : s.models.filter { s.requirement == .recallFloor ? $0.recall * 100 >= Double(s.limit) : $0.flagged <= s.limit }.count
        let difficulty: Item.Difficulty = eligible <= 2 && s.requirement != .balanced ? .hard : (Double(positives) / Double(total) < 0.02 ? .medium : .easy)
        let requirementText: String = switch s.requirement {
        case .recallFloor: "Missing a case is costly, so the model must catch at least \(s.limit)% of positives; among models that do, the team wants the fewest false alarms."
        case .alertBudget: "The reviewing team can handle at most \(Format.whole(Double(s.limit))) flags a day; within that budget, the team wants to catch as many positives as possible."
        case .balanced: "The team wants precision and recall on the rare class weighed equally (the many true negatives should not count), and neither is capped."
        }
        let matrices = s.models.map { "the \($0.name): TP \(Format.whole(Double($0.tp))), FP \(Format.whole(Double($0.fp))), FN \(Format.whole(Double($0.fn))), TN \(Format.whole(Double($0.tn)))" }
        let scenario = """
            A team compares four candidate models for \(s.useCase). On one day of validation traffic, \
            \(Format.whole(Double(total))) cases of which \(Format.whole(Double(positives))) are positive, their confusion \
            matrices are: \(matrices.joined(separator: "; ")). \(requirementText)
            """
        let working = s.models.map { "\($0.name): \(Self.describe($0))." } + ["Chosen by the requirement: the \(key.name)."]
        let table = FamilyTable(caption: "Confusion matrices on one day of validation traffic", headers: ["model", "TP", "FP", "FN", "TN"],
            rows: s.models.map { [$0.name, Format.whole(Double($0.tp)), Format.whole(Double($0.fp)), Format.whole(Double($0.fn)), Format.whole(Double($0.tn))] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which model should the team deploy?",
            options: drafts,
            explanation: "With a rare positive class, accuracy mostly counts true negatives, so it rewards models that flag little. Derive the metric from the requirement: a recall floor means filtering on recall and then maximising precision; a review budget means filtering on the number flagged (TP + FP) and then maximising recall; equal harm means F1. Working: "
                + working.joined(separator: " "),
            tags: ["class-imbalance", "precision-recall", "model-selection"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .bars(title: "Precision and recall by model", categories: s.models.map(\.name),
                series: [("precision", s.models.map(\.precision)), ("recall", s.models.map(\.recall))]),
            table: table)
    }
}
