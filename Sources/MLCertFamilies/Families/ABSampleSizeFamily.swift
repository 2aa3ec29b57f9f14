import Foundation
import MLCertCore

/// How long an A/B test of a conversion rate must run: the per-group sample size for a two-sided two-proportion z-test,
/// n = (z_α/2 + z_β)² × (p₁(1 − p₁) + p₂(1 − p₂)) / (p₂ − p₁)², needed in both groups, divided by the traffic the
/// experiment actually receives.
///
/// The mistakes, each computed: a one-sided z (1.645), only one group's users, no power term (which gives 50% power),
/// the worst-case variance 0.25 of a 50% rate, the minimum detectable effect read as absolute when it is relative (or
/// the reverse), and the whole site's traffic when only part of it is assigned to this test. The generator keeps the
/// three that read most differently, so the key is sometimes the longest duration and sometimes not.
public struct ABSampleSizeFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "ab-sample-size", title: "A/B test duration from a sample-size calculation", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "monitoring-maintenance-security", objective: "4.1"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "serving-scaling-models", objective: "4.1"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "genai-optimization", objective: "5.1"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "a relative rather than an absolute minimum detectable effect (one more step, and the easiest to misread)",
            "only part of the traffic assigned to the test",
            "a low baseline rate (the worst-case variance shortcut then overstates the sample badly)",
        ],
        sources: [
            FamilySource(supports: "sample size for comparing two proportions with a two-sided test at a given significance level and power",
                title: "NIST/SEMATECH e-Handbook of Statistical Methods: Sample sizes required (two proportions)",
                url: "https://www.itl.nist.gov/div898/handbook/prc/section2/prc242.htm"),
            FamilySource(supports: "A/B testing model variants on one endpoint by splitting traffic between production variants",
                title: "Amazon SageMaker AI: Test models with production variants",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// z for a two-sided 5% test, a one-sided 5% test, and 80% power, as the usual tables give them.
    public static let zTwoSided = 1.96
    public static let zOneSided = 1.645
    public static let zPower = 0.84

    public struct Situation: Sendable, Hashable {
        public let change: String
        /// Baseline conversion rate as shown, in percent with one decimal.
        public let baselinePercent: Double
        /// The minimum detectable effect: a relative lift in percent, or an absolute lift in percentage points.
        public let effect: Double
        public let effectIsRelative: Bool
        public let dailyVisitors: Int
        /// Share of eligible visitors this test receives, in percent.
        public let allocationPercent: Int
    }

    public enum Mistake: Sendable, Hashable {
        case none, oneSided, oneGroup, noPower, worstCaseVariance, effectMisread, allTraffic
    }

    static let changes = [
        "a new product-ranking model on the search page", "a redesigned checkout flow", "a new recommendation model for the home feed",
        "a retrained upsell model in the basket", "a shorter sign-up form", "a new personalised onboarding email",
    ]

    /// The absolute difference the test must detect, as a fraction.
    static func delta(_ s: Situation, misread: Bool) -> Double {
        let p = s.baselinePercent / 100
        let relative = s.effectIsRelative != misread
        return relative ? p * s.effect / 100 : s.effect / 100
    }

    /// Days the test must run under `mistake` (the key for `.none`), and the per-group sample behind it.
    public static func days(_ s: Situation, _ mistake: Mistake) -> (days: Int, perGroup: Int, exact: Double) {
        let p1 = s.baselinePercent / 100
        let d = delta(s, misread: mistake == .effectMisread)
        let p2 = p1 + d
        let z = (mistake == .oneSided ? zOneSided : zTwoSided) + (mistake == .noPower ? 0 : zPower)
        let variance = mistake == .worstCaseVariance ? 0.5 : p1 * (1 - p1) + p2 * (1 - p2)
        let perGroup = Int((z * z * variance / (d * d)).rounded(.up))
        let groups = mistake == .oneGroup ? 1.0 : 2.0
        let share = mistake == .allTraffic ? 1.0 : Double(s.allocationPercent) / 100
        let exact = groups * Double(perGroup) / (Double(s.dailyVisitors) * share)
        return (max(1, Int(exact.rounded(.up))), perGroup, exact)
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let change = first.pick(Self.changes)
        let effectIsRelative = first.coin()
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            let baseline = draw.stepped(1.5...25, step: 0.1)
            let effect = effectIsRelative ? draw.pick([5.0, 8, 10, 12, 15, 20]) : draw.pick([0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0])
            let visitors = Int(draw.stepped(4_000...250_000, step: 500))
            let allocation = draw.pick([100, 100, 50, 25, 20, 10])
            let s = Situation(change: change, baselinePercent: baseline, effect: effect, effectIsRelative: effectIsRelative,
                dailyVisitors: visitors, allocationPercent: allocation)
            let relativeLift = Self.delta(s, misread: false) / (baseline / 100)
            guard relativeLift >= 0.03 && relativeLift <= 0.3 else { continue }
            let key = Self.days(s, .none)
            // A realistic test length, and no rounding knife-edge that a learner's arithmetic could tip over.
            let fraction = key.exact - key.exact.rounded(.down)
            guard key.days >= 5 && key.days <= 90, fraction == 0 || (fraction > 0.05 && fraction < 0.95) else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("ab-sample-size: no situation for seed \(seed) within the attempt limit")
    }

    /// The key and the three mistakes that read most differently; a mistake whose duration is absurd next to the key
    /// (more than four times longer or shorter) is left out, since nobody would keep it.
    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        let key = Double(days(s, .none).days)
        var mistakes: [Mistake] = [.oneSided, .oneGroup, .noPower, .worstCaseVariance, .effectMisread]
        if s.allocationPercent < 100 { mistakes.append(.allTraffic) }
        let candidates = mistakes.map { (Double(days(s, $0).days), $0) }.filter { $0.0 <= key * 4 && $0.0 >= key / 4 }
        return OptionValues.pick(key: (key, .none), mistakes: candidates, relative: 0.15, absolute: 2)
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4142_5349_5A45_4E31)
        let options = Self.options(for: s)!
        let key = Self.days(s, .none)
        let p1 = s.baselinePercent / 100
        let d = Self.delta(s, misread: false)
        let effectText = s.effectIsRelative
            ? "a relative lift of \(Format.fixed(s.effect, 0))% in conversion"
            : "an absolute lift of \(Format.fixed(s.effect, 1)) percentage points in conversion"
        let perDay = Double(s.dailyVisitors) * Double(s.allocationPercent) / 100
        let drafts = options.map { value, mistake -> OptionDraft in
            let n = Self.days(s, mistake).perGroup
            let rationale: String
            switch mistake {
            case .none:
                rationale = "\(Format.whole(Double(n))) users per group, two groups, at \(Format.whole(perDay)) test users a day: \(Format.whole(value)) days."
            case .oneSided:
                rationale = "Uses the one-sided z of 1.645; the plan calls for a two-sided test, which needs z = 1.96 and so more users."
            case .oneGroup:
                rationale = "\(Format.whole(Double(n))) users is what each group needs; both control and treatment need them, so the test needs twice as many."
            case .noPower:
                rationale = "Leaves out the power term (z = 0.84 for 80% power); a test sized this way detects the lift only half the time."
            case .worstCaseVariance:
                rationale = "Uses the worst-case variance of a 50% rate; at a \(Format.fixed(s.baselinePercent, 1))% baseline the true variance is far smaller, so this oversizes the test."
            case .effectMisread:
                rationale = s.effectIsRelative
                    ? "Reads the \(Format.fixed(s.effect, 0))% lift as percentage points; relative to a \(Format.fixed(s.baselinePercent, 1))% baseline it is \(Format.fixed(d * 100, 2)) points."
                    : "Reads the \(Format.fixed(s.effect, 1))-point lift as a relative change; it is an absolute difference of \(Format.fixed(s.effect, 1)) points."
            case .allTraffic:
                rationale = "Divides by all \(Format.whole(Double(s.dailyVisitors))) eligible visitors; only \(s.allocationPercent)% of them enter this test."
            }
            return OptionDraft(text: "Run the test for \(Format.count(Int(value), "day")).", rationale: rationale, isKey: mistake == .none)
        }
        let difficulty: Item.Difficulty = s.effectIsRelative && s.allocationPercent < 100 ? .hard : (s.effectIsRelative || s.allocationPercent < 100 ? .medium : .easy)
        let allocationText = s.allocationPercent == 100
            ? "all of them enter this test"
            : "the experimentation platform assigns \(s.allocationPercent)% of them to this test (the rest run other tests)"
        let scenario = """
            A team will A/B test \(s.change). The current conversion rate is \(Format.fixed(s.baselinePercent, 1))% of \
            visitors, and the team wants to detect \(effectText) with a two-sided test at a 5% significance level and 80% \
            power, using the normal approximation for two proportions. Users are split evenly between control and \
            treatment. About \(Format.whole(Double(s.dailyVisitors))) eligible visitors arrive per day, and \(allocationText).
            """
        let working = [
            "p₁ = \(Format.fixed(p1, 4)), p₂ = \(Format.fixed(p1 + d, 4)), difference = \(Format.fixed(d, 4)).",
            "n per group = (1.96 + 0.84)² × (p₁(1 − p₁) + p₂(1 − p₂)) / difference² = \(Format.whole(Double(key.perGroup))) (rounded up).",
            "Test users per day = \(Format.whole(Double(s.dailyVisitors))) × \(s.allocationPercent)% = \(Format.whole(perDay)).",
            "Days = 2 × \(Format.whole(Double(key.perGroup))) / \(Format.whole(perDay)) = \(Format.fixed(key.exact, 2)), rounded up to \(key.days).",
        ]
        let table = FamilyTable(caption: "Inputs to the sample-size calculation", headers: ["input", "value"],
            rows: [
                ["baseline conversion", Format.fixed(s.baselinePercent, 1) + "%"],
                ["minimum detectable effect", s.effectIsRelative ? Format.fixed(s.effect, 0) + "% relative" : Format.fixed(s.effect, 1) + " points absolute"],
                ["significance level (two-sided)", "5%"], ["power", "80%"],
                ["eligible visitors per day", Format.whole(Double(s.dailyVisitors))], ["share assigned to this test", "\(s.allocationPercent)%"],
            ])
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "How many days must the test run to reach the planned sample?",
            options: drafts,
            explanation: "Size a two-proportion test per group: n = (z_α/2 + z_β)² × (p₁(1 − p₁) + p₂(1 − p₂)) / (p₂ − p₁)², with z = 1.96 for a two-sided 5% level and 0.84 for 80% power. Turn a relative effect into an absolute difference first, remember that both groups need n users, and divide by the traffic the test actually receives. Working: "
                + working.joined(separator: " "),
            tags: ["ab-testing", "sample-size", "statistical-power"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
