import Foundation
import MLCertCore

/// Fairness metrics across two groups from their confusion matrices: the disparate-impact ratio of selection rates
/// (the lower group's rate of positive predictions over the higher's, held to the four-fifths rule) and the
/// equalized-odds difference (the larger of the gaps in true-positive rate and in false-positive rate, held to a
/// stated tolerance). The four options are the four findings, each with the mitigation that fits it, and the generator
/// balances which one the numbers call for.
///
/// The traps, named in the rationales where they apply: computing the ratio from the groups' actual positive rates
/// (labels) instead of their predicted positives, and checking only the true-positive gap (equal opportunity) when
/// equalized odds also needs the false-positive gap.
public struct FairnessGapsFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "fairness-gaps", title: "Demographic parity and equalized odds across groups, and the mitigation that fits", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "data-preparation", objective: "1.3"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "monitoring-ai-solutions", objective: "6.1"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.2"),
        ],
        skillArea: .responsibleAI,
        difficultyDrivers: [
            "groups whose actual positive rates differ while their predicted rates do not (the label-based ratio misleads)",
            "a gap in false-positive rate only (checking the true-positive rate alone misses it)",
            "a ratio or gap within 0.03 of its limit",
        ],
        sources: [
            FamilySource(supports: "disparate impact as the ratio of predicted positive proportions between facets (post-training bias metric DI)",
                title: "Amazon SageMaker AI Clarify: Disparate Impact (DI)",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-post-training-bias-metric-di.html"),
            FamilySource(supports: "demographic parity and equalized odds, and the equalized-odds difference as the larger of the TPR and FPR gaps",
                title: "Fairlearn: Common fairness metrics",
                url: "https://fairlearn.org/main/user_guide/assessment/common_fairness_metrics.html"),
            FamilySource(supports: "post-processing with group-specific thresholds under a demographic-parity or equalized-odds constraint",
                title: "Fairlearn: Postprocessing (ThresholdOptimizer)",
                url: "https://fairlearn.org/main/user_guide/mitigation/postprocessing.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Finding: Int, Sendable, Hashable, CaseIterable {
        case bothMet, parityFails, oddsFail, bothFail

        var text: String {
            switch self {
            case .bothMet: "Both criteria are met: release, and keep tracking both metrics per group."
            case .parityFails: "Only the selection-rate ratio fails: retrain under a demographic-parity constraint."
            case .oddsFail: "Only the error-rate gaps fail: apply group thresholds under an equalized-odds constraint."
            case .bothFail: "Both criteria fail: hold the release and mitigate both before testing again."
            }
        }
    }

    /// The situation in which a finding is the right call, for the rationale of a wrong option.
    static func profile(_ f: Finding, tolerance: Double) -> String {
        let t = Format.fixed(tolerance, 2)
        return switch f {
        case .bothMet: "Right when the ratio is at least 0.80 and the gaps are within \(t)"
        case .parityFails: "Right when the ratio is below 0.80 while the error-rate gaps stay within \(t)"
        case .oddsFail: "Right when an error-rate gap exceeds \(t) while the ratio holds at 0.80"
        case .bothFail: "Right when the ratio is below 0.80 and an error-rate gap exceeds \(t)"
        }
    }

    /// One group's confusion matrix.
    public struct Group: Sendable, Hashable {
        public let name: String
        public let tp: Int
        public let fp: Int
        public let fn: Int
        public let tn: Int
        public var total: Int { tp + fp + fn + tn }
        public var selectionRate: Double { Double(tp + fp) / Double(total) }
        public var tpr: Double { Double(tp) / Double(tp + fn) }
        public var fpr: Double { Double(fp) / Double(fp + tn) }
        public var baseRate: Double { Double(tp + fn) / Double(total) }
    }

    public struct Situation: Sendable, Hashable {
        public let decision: String
        public let first: Group
        public let second: Group
        /// The equalized-odds tolerance.
        public let oddsTolerance: Double
    }

    static let decisions = [("a lender's loan-approval model", "approved"), ("a recruiter's interview-shortlisting model", "shortlisted"),
        ("an insurer's fast-track claims model", "fast-tracked"), ("a bank's credit-limit-increase model", "offered an increase")]
    static let groupings = [("applicants under 40", "applicants 40 and over"), ("the northern region", "the southern region"),
        ("women", "men"), ("first-time customers", "returning customers")]

    public static func ratio(_ s: Situation) -> Double {
        min(s.first.selectionRate, s.second.selectionRate) / max(s.first.selectionRate, s.second.selectionRate)
    }

    public static func oddsDifference(_ s: Situation) -> Double {
        max(abs(s.first.tpr - s.second.tpr), abs(s.first.fpr - s.second.fpr))
    }

    public static func finding(_ s: Situation) -> Finding {
        let parity = ratio(s) >= 0.8, odds = oddsDifference(s) <= s.oddsTolerance
        return parity ? (odds ? .bothMet : .oddsFail) : (odds ? .parityFails : .bothFail)
    }

    static func group(name: String, size: Int, baseRate: Double, tpr: Double, fpr: Double) -> Group {
        let positives = Int((Double(size) * baseRate).rounded())
        let negatives = size - positives
        let tp = Int((Double(positives) * tpr).rounded()), fp = Int((Double(negatives) * fpr).rounded())
        return Group(name: name, tp: tp, fp: fp, fn: positives - tp, tn: negatives - fp)
    }

    public func situation(seed: UInt64) -> Situation {
        var firstDraw = Draw(seed: seed)
        let target = firstDraw.pick(Finding.allCases)
        let (decision, _) = firstDraw.pick(Self.decisions)
        let (nameA, nameB) = firstDraw.pick(Self.groupings)
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let tolerance = draw.pick([0.05, 0.08, 0.1])
            let baseA = draw.uniform(0.2...0.5)
            // Parity fails when base rates differ a lot, holds when they are close (or when error rates offset them).
            let parityShouldFail = target == .parityFails || target == .bothFail
            let oddsShouldFail = target == .oddsFail || target == .bothFail
            let baseB = parityShouldFail ? baseA * draw.uniform(0.45...0.7) : baseA * draw.uniform(0.7...1.0)
            let tprA = draw.uniform(0.65...0.9), fprA = draw.uniform(0.05...0.2)
            let gapT = oddsShouldFail ? (draw.coin() ? draw.uniform(tolerance + 0.03...tolerance + 0.15) : draw.uniform(0...tolerance / 2))
                : draw.uniform(0...tolerance * 0.7)
            let gapF = oddsShouldFail && gapT <= tolerance ? draw.uniform(tolerance + 0.03...tolerance + 0.1) : draw.uniform(0...tolerance * 0.7)
            let tprB = tprA - gapT * (draw.coin() ? 1 : -1)
            // For parity to hold despite differing base rates, the second group's false positives may make up some of it.
            let fprB = max(0.01, fprA + gapF * (draw.coin() ? 1 : -1))
            guard tprB > 0.3 && tprB < 0.98 else { continue }
            let s = Situation(decision: decision,
                first: Self.group(name: nameA, size: Int(draw.stepped(1_500...20_000, step: 10)), baseRate: baseA, tpr: tprA, fpr: fprA),
                second: Self.group(name: nameB, size: Int(draw.stepped(1_500...20_000, step: 10)), baseRate: baseB, tpr: tprB, fpr: fprB),
                oddsTolerance: tolerance)
            // Clear of both limits, so rounding to the displayed counts cannot flip a finding.
            guard abs(Self.ratio(s) - 0.8) > 0.02, abs(Self.oddsDifference(s) - tolerance) > 0.01 else { continue }
            if Self.finding(s) == target { return s }
        }
        fatalError("fairness-gaps: no situation for seed \(seed) within the attempt limit")
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4641_4952_4741_5053)
        let key = Self.finding(s)
        let (_, verb) = Self.decisions.first { $0.0 == s.decision }!
        let ratio = Self.ratio(s), odds = Self.oddsDifference(s)
        let labelRatio = min(s.first.baseRate, s.second.baseRate) / max(s.first.baseRate, s.second.baseRate)
        let tprGap = abs(s.first.tpr - s.second.tpr), fprGap = abs(s.first.fpr - s.second.fpr)
        let ratioText = "the selection-rate ratio is \(Format.fixed(ratio, 2)) (\(ratio >= 0.8 ? "at least" : "below") 0.80)"
        let oddsText = "the equalized-odds difference is \(Format.fixed(odds, 3)) (\(odds <= s.oddsTolerance ? "within" : "above") \(Format.fixed(s.oddsTolerance, 2)))"
        let drafts = Finding.allCases.map { f -> OptionDraft in
            var rationale: String
            if f == key {
                rationale = "Here \(ratioText) and \(oddsText)."
            } else {
                rationale = "\(Self.profile(f, tolerance: s.oddsTolerance)); here \(ratioText) and \(oddsText)."
                if (f == .parityFails || f == .bothFail) && ratio >= 0.8 && labelRatio < 0.8 {
                    rationale += " The ratio of actual positive rates is \(Format.fixed(labelRatio, 2)), but the four-fifths rule applies to predicted positives."
                }
                if (f == .bothMet || f == .parityFails) && odds > s.oddsTolerance && tprGap <= s.oddsTolerance {
                    rationale += " The true-positive gap alone (\(Format.fixed(tprGap, 3))) is within the tolerance, but equalized odds also needs the false-positive gap (\(Format.fixed(fprGap, 3)))."
                }
            }
            return OptionDraft(text: f.text, rationale: rationale, isKey: f == key)
        }
        let trap = (ratio >= 0.8 && labelRatio < 0.8) || (odds > s.oddsTolerance && tprGap <= s.oddsTolerance)
        let close = abs(ratio - 0.8) < 0.03 || abs(odds - s.oddsTolerance) < 0.03
        let difficulty: Item.Difficulty = trap && close ? .hard : (trap || close ? .medium : .easy)
        let describe = { (g: Group) in
            "\(g.name): \(Format.whole(Double(g.tp))) true positives, \(Format.whole(Double(g.fp))) false positives, \(Format.whole(Double(g.fn))) false negatives, \(Format.whole(Double(g.tn))) true negatives"
        }
        let scenario = """
            Before releasing \(s.decision), the team checks two fairness criteria on a labelled holdout, where a positive \
            prediction means the person is \(verb). By group, the confusion matrices are: \(describe(s.first)); \
            \(describe(s.second)). Policy requires demographic parity in the four-fifths sense (the lower group's rate of \
            positive predictions at least 0.80 of the higher group's) and equalized odds within \(Format.fixed(s.oddsTolerance, 2)) \
            (the larger of the true-positive-rate gap and the false-positive-rate gap).
            """
        let line = { (g: Group) in
            "\(g.name): selection rate \(Format.fixed(g.selectionRate, 3)), TPR \(Format.fixed(g.tpr, 3)), FPR \(Format.fixed(g.fpr, 3))."
        }
        let working = [line(s.first), line(s.second),
            "Selection-rate ratio = \(Format.fixed(min(s.first.selectionRate, s.second.selectionRate), 3)) / \(Format.fixed(max(s.first.selectionRate, s.second.selectionRate), 3)) = \(Format.fixed(ratio, 2)).",
            "Equalized-odds difference = max(|ΔTPR| \(Format.fixed(tprGap, 3)), |ΔFPR| \(Format.fixed(fprGap, 3))) = \(Format.fixed(odds, 3)).",
            "Finding: \(key.text)"]
        let table = FamilyTable(caption: "Confusion matrices by group", headers: ["group", "true positives", "false positives", "false negatives", "true negatives"],
            rows: [s.first, s.second].map { [$0.name, Format.whole(Double($0.tp)), Format.whole(Double($0.fp)), Format.whole(Double($0.fn)), Format.whole(Double($0.tn))] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What do the two criteria show, and what should the team do?",
            options: drafts,
            explanation: "Demographic parity compares predicted positive rates (selection rates), not actual positive rates; the four-fifths rule takes the lower over the higher. Equalized odds compares error rates: both the true-positive rate and the false-positive rate must be close across groups. When only parity fails and error rates are equal, the groups' base rates differ, and a demographic-parity constraint trades accuracy for equal selection; when only equalized odds fails, group-specific thresholds under an equalized-odds constraint fix the error gaps. Working: "
                + working.joined(separator: " "),
            tags: ["fairness", "demographic-parity", "equalized-odds"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
