import Foundation
import MLCertCore

/// Choosing a classifier's decision threshold from a cost matrix: the validation counts at each candidate threshold are
/// given, a missed positive and a false alarm each have a price, and the right threshold is the one with the lowest
/// expected cost, c_FN × FN + c_FP × FP.
///
/// The wrong options are thresholds that respectable rules pick when the costs are forgotten: the one that maximises F1
/// (misses and false alarms weighed alike), the default 0.5 (which also maximises accuracy for calibrated scores), the
/// one that maximises Youden's J (recall minus false-positive rate, a cost-free ROC rule), and the one that minimises
/// c_FN × miss rate + c_FP × false-alarm rate, which weighs the two error *rates* and so ignores the class ratio.
/// Costs are drawn so that the key lies below 0.5 in some instances (misses expensive) and above it in others (false
/// alarms expensive), so neither "the lowest threshold" nor "the highest" is a cue.
public struct CostThresholdFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "cost-threshold", title: "Decision threshold from a cost matrix and a precision-recall table", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "model-development", objective: "2.3"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-development", objective: "1.3"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "collaborating-data-models", objective: "2.3"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "how close the second-cheapest threshold comes to the cheapest (within 3% is hard)",
            "the class ratio (the rarer the positives, the more false alarms dominate the cost)",
            "whether misses or false alarms are the expensive error (the key lies below or above 0.5)",
        ],
        sources: [
            FamilySource(supports: "post-tuning the decision threshold to minimise a business cost given by a cost matrix",
                title: "scikit-learn: Tuning the decision threshold for class prediction",
                url: "https://scikit-learn.org/stable/modules/classification_threshold.html"),
            FamilySource(supports: "the default cut-off of 0.5 on predicted probabilities and why it is rarely optimal for a given cost",
                title: "scikit-learn example: Post-tuning the decision threshold for cost-sensitive learning",
                url: "https://scikit-learn.org/stable/auto_examples/model_selection/plot_cost_sensitive_learning.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// The thresholds the validation table reports.
    public static let thresholds: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

    /// One row of the validation table.
    public struct Row: Sendable, Hashable {
        public let threshold: Double
        public let truePositives: Int
        public let falsePositives: Int
    }

    /// What the generator drew: the use case, the validation set, and the two error costs in dollars.
    public struct Situation: Sendable, Hashable {
        public let useCase: UseCase
        public let positives: Int
        public let negatives: Int
        public let rows: [Row]
        public let missCost: Int
        public let falseAlarmCost: Int
        /// Whether the generator aimed at expensive misses (key below 0.5) or expensive false alarms (key above 0.5).
        public let missesExpensive: Bool
    }

    public struct UseCase: Sendable, Hashable {
        public let system: String
        public let positive: String
        public let miss: String
        public let falseAlarm: String
    }

    static let useCases: [UseCase] = [
        UseCase(system: "a card issuer's fraud model", positive: "fraudulent transaction", miss: "a fraudulent transaction that goes through",
            falseAlarm: "a legitimate transaction held for a call-back"),
        UseCase(system: "a telecom's churn model", positive: "customer about to leave", miss: "a leaver who gets no retention offer",
            falseAlarm: "a retention discount given to a customer who would have stayed"),
        UseCase(system: "a factory's pump-failure model", positive: "pump about to fail", miss: "an unplanned pump failure",
            falseAlarm: "a technician visit to a healthy pump"),
        UseCase(system: "a marketplace's counterfeit-listing model", positive: "counterfeit listing", miss: "a counterfeit listing left online",
            falseAlarm: "a genuine listing sent to manual review"),
        UseCase(system: "a lender's early-default model", positive: "loan that will default", miss: "a default on an approved loan",
            falseAlarm: "a good applicant declined"),
    ]

    public enum Rule: Sendable, Hashable {
        case lowestCost, maxF1, defaultHalf, youden, errorRates
    }

    /// Expected cost of a row: c_FN × FN + c_FP × FP.
    public static func cost(_ row: Row, in s: Situation) -> Int {
        s.missCost * (s.positives - row.truePositives) + s.falseAlarmCost * row.falsePositives
    }

    /// The threshold each rule picks (the lowest threshold on a tie, which the generator rejects anyway).
    public static func pick(_ rule: Rule, in s: Situation) -> Double {
        let p = Double(s.positives), n = Double(s.negatives)
        func score(_ row: Row) -> Double {
            let tp = Double(row.truePositives), fp = Double(row.falsePositives), fn = p - tp
            switch rule {
            case .lowestCost: return -Double(cost(row, in: s))
            case .maxF1: return 2 * tp / (2 * tp + fp + fn)
            case .defaultHalf: return row.threshold == 0.5 ? 1 : 0
            case .youden: return tp / p - fp / n
            case .errorRates: return -(Double(s.missCost) * fn / p + Double(s.falseAlarmCost) * fp / n)
            }
        }
        return s.rows.max { score($0) < score($1) }!.threshold
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let useCase = first.pick(Self.useCases)
        let missesExpensive = first.coin()
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            let total = Int(draw.stepped(20_000...120_000, step: 1_000))
            let prevalence = draw.uniform(0.03...0.25)
            let separation = draw.uniform(1.3...2.6)
            let positives = Int((Double(total) * prevalence).rounded())
            let negatives = total - positives
            // Scores are calibrated probabilities from a binormal model: log-odds linear in the latent score.
            let baseLogOdds = log(prevalence / (1 - prevalence))
            let rows = Self.thresholds.map { t -> Row in
                let x = (log(t / (1 - t)) - baseLogOdds + separation * separation / 2) / separation
                return Row(threshold: t, truePositives: Int((Double(positives) * (1 - Normal.cdf(x - separation))).rounded()),
                    falsePositives: Int((Double(negatives) * (1 - Normal.cdf(x))).rounded()))
            }
            let falseAlarmCost = draw.pick([5, 10, 15, 20, 25, 40, 50, 80, 120])
            let ratio = missesExpensive ? draw.uniform(1.6...7) : draw.uniform(0.16...0.6)
            let missCost = max(1, Int((Double(falseAlarmCost) * ratio).rounded()))
            let s = Situation(useCase: useCase, positives: positives, negatives: negatives, rows: rows, missCost: missCost,
                falseAlarmCost: falseAlarmCost, missesExpensive: missesExpensive)
            guard rows.allSatisfy({ $0.truePositives > 0 && $0.falsePositives > 0 }) else { continue }
            let costs = rows.map { Self.cost($0, in: s) }.sorted()
            // A unique cheapest threshold, on the side of 0.5 the generator aimed at, and not at the table's edge.
            guard costs[1] > costs[0] else { continue }
            let key = Self.pick(.lowestCost, in: s)
            guard missesExpensive ? (key < 0.5 && key > 0.1) : (key > 0.5 && key < 0.9) else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("cost-threshold: no situation for seed \(seed) within the attempt limit")
    }

    /// The key and three distinct thresholds picked by cost-free rules, or nil when fewer than three differ from the key.
    static func options(for s: Situation) -> [(value: Double, mistake: Rule)]? {
        let key = (pick(.lowestCost, in: s), Rule.lowestCost)
        let mistakes = [Rule.maxF1, .defaultHalf, .youden, .errorRates].map { (pick($0, in: s), $0) }
        return OptionValues.pick(key: key, mistakes: mistakes, relative: 0, absolute: 0.05)
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4354_4852_4553_4844)
        let options = Self.options(for: s)!
        let rowAt = { (t: Double) in s.rows.first { $0.threshold == t }! }
        let money = { (x: Int) in Format.dollars(Double(x)) }
        let keyThreshold = options[0].value
        let keyCost = Self.cost(rowAt(keyThreshold), in: s)
        let drafts = options.map { threshold, rule -> OptionDraft in
            let row = rowAt(threshold)
            let cost = Self.cost(row, in: s)
            let fn = s.positives - row.truePositives
            let rationale: String
            switch rule {
            case .lowestCost:
                rationale = "Lowest expected cost in the table: \(Format.whole(Double(fn))) misses × \(money(s.missCost)) + \(Format.whole(Double(row.falsePositives))) false alarms × \(money(s.falseAlarmCost)) = \(money(cost))."
            case .maxF1:
                rationale = "\(Format.fixed(threshold, 1)) maximises F1, which treats a miss and a false alarm as equally bad; at the stated prices it costs \(money(cost)), \(money(cost - keyCost)) more than \(Format.fixed(keyThreshold, 1))."
            case .defaultHalf:
                rationale = "0.5 is the library default (and maximises accuracy for calibrated scores); it ignores the prices and costs \(money(cost)), \(money(cost - keyCost)) more than \(Format.fixed(keyThreshold, 1))."
            case .youden:
                rationale = "\(Format.fixed(threshold, 1)) maximises recall minus false-positive rate (Youden's J), a cost-free ROC rule; it costs \(money(cost)), \(money(cost - keyCost)) more than \(Format.fixed(keyThreshold, 1))."
            case .errorRates:
                rationale = "\(Format.fixed(threshold, 1)) minimises the prices times the miss and false-alarm rates, which ignores that negatives outnumber positives \(Format.fixed(Double(s.negatives) / Double(s.positives), 1)) to 1; in counts it costs \(money(cost))."
            }
            return OptionDraft(text: "Set the decision threshold to \(Format.fixed(threshold, 1)).", rationale: rationale, isKey: rule == .lowestCost)
        }
        let runnerUp = s.rows.map { Self.cost($0, in: s) }.filter { $0 > keyCost }.min()!
        let gap = Double(runnerUp - keyCost) / Double(keyCost)
        let difficulty: Item.Difficulty = gap < 0.03 ? .hard : (gap < 0.10 ? .medium : .easy)
        let rowText = s.rows.map { "\(Format.fixed($0.threshold, 1)): TP \(Format.whole(Double($0.truePositives))), FP \(Format.whole(Double($0.falsePositives)))" }
            .joined(separator: "; ")
        let scenario = """
            A team is choosing the decision threshold of \(s.useCase.system), whose scores are calibrated probabilities of a \
            \(s.useCase.positive). On a validation set of \(Format.whole(Double(s.positives + s.negatives))) cases, \
            \(Format.whole(Double(s.positives))) of them positive, the candidate thresholds give these true positives (TP) and false positives (FP): \(rowText). The business \
            prices each error: \(s.useCase.miss) costs \(money(s.missCost)); \(s.useCase.falseAlarm) costs \
            \(money(s.falseAlarmCost)). The validation set has the same class ratio as production traffic.
            """
        var working = ["Expected cost = c_FN × FN + c_FP × FP, with FN = \(Format.whole(Double(s.positives))) − TP, c_FN = \(money(s.missCost)), c_FP = \(money(s.falseAlarmCost))."]
        for row in s.rows {
            let fn = s.positives - row.truePositives
            working.append("\(Format.fixed(row.threshold, 1)): \(Format.whole(Double(fn))) × \(money(s.missCost)) + \(Format.whole(Double(row.falsePositives))) × \(money(s.falseAlarmCost)) = \(money(Self.cost(row, in: s)))")
        }
        working.append("Lowest: \(Format.fixed(keyThreshold, 1)) at \(money(keyCost)); for calibrated scores the theoretical optimum is c_FP / (c_FP + c_FN) = \(Format.fixed(Double(s.falseAlarmCost) / Double(s.falseAlarmCost + s.missCost), 2)).")
        let table = FamilyTable(caption: "Validation results per threshold (\(Format.whole(Double(s.positives))) positives, \(Format.whole(Double(s.negatives))) negatives)",
            headers: ["threshold", "true positives", "false positives", "false negatives", "precision", "recall"],
            rows: s.rows.map { row in
                let flagged = row.truePositives + row.falsePositives
                return [Format.fixed(row.threshold, 1), Format.whole(Double(row.truePositives)), Format.whole(Double(row.falsePositives)),
                    Format.whole(Double(s.positives - row.truePositives)), Format.fixed(Double(row.truePositives) / Double(flagged), 3),
                    Format.fixed(Double(row.truePositives) / Double(s.positives), 3)]
            })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which threshold should the team deploy?",
            options: drafts,
            explanation: "When each error has a price, choose the threshold that minimises the expected cost on data with the production class ratio: c_FN × FN + c_FP × FP. F1, accuracy, Youden's J and the 0.5 default each encode a different implicit trade-off, and a rule over error rates forgets how many more negatives than positives there are. Working: "
                + working.joined(separator: " "),
            tags: ["decision-threshold", "cost-sensitive-evaluation", "precision-recall"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "Precision and recall by threshold", xLabel: "threshold", yLabel: "rate", x: Self.thresholds,
                series: [
                    ("precision", s.rows.map { Double($0.truePositives) / Double($0.truePositives + $0.falsePositives) }),
                    ("recall", s.rows.map { Double($0.truePositives) / Double(s.positives) }),
                ]),
            table: table)
    }
}
