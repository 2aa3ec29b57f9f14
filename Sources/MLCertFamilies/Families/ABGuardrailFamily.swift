import Foundation
import MLCertCore

/// Reading a finished A/B test with a guardrail metric: the primary metric (conversion) is compared with a two-sided
/// pooled two-proportion z-test, and the guardrail (a harm rate such as refunds) must pass a non-inferiority check: the
/// upper end of the 95% confidence interval for B's increase must stay below a stated margin.
///
/// The four options are the four decisions of the team's rule (ship B, keep A for the guardrail, keep A because B
/// converts worse, keep the test running), and the generator balances which one the numbers call for. The traps each
/// wrong option stands for: calling a guardrail increase "fine" because it is not significant (non-inferiority needs
/// the upper bound below the margin), shipping on a one-sided reading of the lift, and stopping a test whose lift is
/// already significant.
public struct ABGuardrailFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "ab-guardrail", title: "A/B test decision with a guardrail metric", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "monitoring-maintenance-security", objective: "4.1"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-deployment", objective: "3.2"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "serving-scaling-models", objective: "4.1"),
        ],
        skillArea: .monitoring,
        difficultyDrivers: [
            "a guardrail increase that is not significant but whose interval still reaches the margin",
            "a z statistic or an interval bound close to its cut-off (within 0.25 or within a tenth of the margin)",
        ],
        sources: [
            FamilySource(supports: "two-proportion z-test with a pooled variance for comparing conversion rates",
                title: "NIST/SEMATECH e-Handbook of Statistical Methods: Comparing two proportions",
                url: "https://www.itl.nist.gov/div898/handbook/prc/section3/prc33.htm"),
            FamilySource(supports: "A/B tests of model variants behind one endpoint, with traffic split between production variants",
                title: "Amazon SageMaker AI: Test models with production variants",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Decision: Int, Sendable, Hashable, CaseIterable {
        case ship, guardrailBreach, keepRunning, primaryWorse

        var text: String {
            switch self {
            case .ship: "Ship B to all users: the lift is significant and the guardrail check passes."
            case .guardrailBreach: "Keep A: the guardrail check cannot rule out a harmful increase."
            case .keepRunning: "Keep the test running: the conversion difference is not yet significant."
            case .primaryWorse: "Keep A: B converts significantly worse than A does."
            }
        }
    }

    public struct Arm: Sendable, Hashable {
        public let users: Int
        public let conversions: Int
        public let harms: Int
    }

    public struct Situation: Sendable, Hashable {
        public let change: String
        public let harm: Int
        public let a: Arm
        public let b: Arm
        /// The non-inferiority margin in percentage points.
        public let marginPoints: Double
        public let target: Decision
    }

    static let changes = ["a new search-ranking model", "a new product-recommendation model", "a retrained pricing model",
        "a new checkout-fraud model", "a new delivery-time estimate model"]
    /// Guardrail harms: who is counted, the column name, and the rate's name.
    static let harms: [(who: String, column: String, rate: String)] = [
        ("users who requested a refund", "refund requests", "refund-request rate"),
        ("users who contacted support", "support contacts", "support-contact rate"),
        ("users who cancelled an order", "cancellations", "order-cancellation rate"),
        ("users who filed a complaint", "complaints", "complaint rate"),
    ]

    /// Pooled two-proportion z for conversions (B minus A).
    public static func z(_ s: Situation) -> Double {
        let pa = Double(s.a.conversions) / Double(s.a.users), pb = Double(s.b.conversions) / Double(s.b.users)
        let pooled = Double(s.a.conversions + s.b.conversions) / Double(s.a.users + s.b.users)
        return (pb - pa) / (pooled * (1 - pooled) * (1 / Double(s.a.users) + 1 / Double(s.b.users))).squareRoot()
    }

    /// B's increase in the harm rate and its 95% interval, in percentage points (unpooled Wald interval).
    public static func guardrail(_ s: Situation) -> (difference: Double, lower: Double, upper: Double) {
        let ga = Double(s.a.harms) / Double(s.a.users), gb = Double(s.b.harms) / Double(s.b.users)
        let se = (ga * (1 - ga) / Double(s.a.users) + gb * (1 - gb) / Double(s.b.users)).squareRoot()
        let d = gb - ga
        return (d * 100, (d - 1.96 * se) * 100, (d + 1.96 * se) * 100)
    }

    /// The team's rule: a guardrail breach ends the test with A; otherwise the primary test decides.
    public static func decision(_ s: Situation) -> Decision {
        if guardrail(s).upper >= s.marginPoints { return .guardrailBreach }
        let z = z(s)
        return z >= 1.96 ? .ship : (z <= -1.96 ? .primaryWorse : .keepRunning)
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let target = first.pick(Decision.allCases)
        let change = first.pick(Self.changes)
        let harm = first.integer(0...(Self.harms.count - 1))
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            let users = Int(draw.stepped(30_000...400_000, step: 50))
            let usersB = users + draw.integer(-400...400)
            let pa = draw.uniform(0.03...0.15)
            let ga = draw.uniform(0.006...0.04)
            let margin = draw.pick([0.1, 0.15, 0.2, 0.25, 0.3])
            // Aim the primary z and the guardrail's upper bound at the target decision, then check the rounded counts.
            let zTarget: Double = switch target {
            case .ship: draw.uniform(2.15...4.5)
            case .primaryWorse: draw.uniform(-4.5 ... -2.15)
            case .keepRunning: draw.uniform(-1.75...1.8)
            case .guardrailBreach: draw.uniform(-1.0...4.0)
            }
            let sePrimary = (2 * pa * (1 - pa) / Double(users)).squareRoot()
            let pb = pa + zTarget * sePrimary
            let seGuard = (2 * ga * (1 - ga) / Double(users)).squareRoot() * 100
            let upperTarget = target == .guardrailBreach ? margin + draw.uniform(0.02...0.5) * margin : margin - draw.uniform(0.1...0.8) * margin
            let gb = ga + (upperTarget - 1.96 * seGuard) / 100
            guard pb > 0.005, gb > 0.001 else { continue }
            let s = Situation(change: change, harm: harm,
                a: Arm(users: users, conversions: Int((Double(users) * pa).rounded()), harms: Int((Double(users) * ga).rounded())),
                b: Arm(users: usersB, conversions: Int((Double(usersB) * pb).rounded()), harms: Int((Double(usersB) * gb).rounded())),
                marginPoints: margin, target: target)
            // Clear of every cut-off, so the rounded figures a learner reads give the same decision.
            let g = Self.guardrail(s), z = Self.z(s)
            guard abs(g.upper - margin) > 0.01, abs(abs(z) - 1.96) > 0.08 else { continue }
            if Self.decision(s) == target { return s }
        }
        fatalError("ab-guardrail: no situation for seed \(seed) within the attempt limit")
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4142_4755_4152_4432)
        let z = Self.z(s)
        let g = Self.guardrail(s)
        let key = Self.decision(s)
        let harm = Self.harms[s.harm]
        let rate = { (x: Int, n: Int) in Format.percent(Double(x) / Double(n), 2) }
        let zText = "z = \(Format.fixed(z, 2))"
        let boundText = "the guardrail's upper bound is \(Format.fixed(g.upper, 2)) points against a \(Format.fixed(s.marginPoints, 2))-point margin"
        let drafts = Decision.allCases.map { decision -> OptionDraft in
            let rationale: String
            switch (decision, decision == key) {
            case (.ship, true): rationale = "Conversion rises significantly (\(zText) ≥ 1.96) and \(boundText), inside it."
            case (.guardrailBreach, true):
                rationale = g.lower < 0
                    ? "The harm increase is not significant, but its interval reaches \(Format.fixed(g.upper, 2)) points, beyond the \(Format.fixed(s.marginPoints, 2))-point margin: non-inferiority is not shown."
                    : "B's harm rate rises and the interval's upper end, \(Format.fixed(g.upper, 2)) points, exceeds the \(Format.fixed(s.marginPoints, 2))-point margin."
            case (.keepRunning, true): rationale = "The guardrail holds (\(boundText)), but \(zText) is inside ±1.96: the difference is not yet significant."
            case (.primaryWorse, true): rationale = "The guardrail holds, and \(zText) ≤ −1.96: B converts significantly worse, so A stays."
            case (.ship, false):
                rationale = key == .guardrailBreach
                    ? "Right when the guardrail's upper bound stays under the margin; here it reaches \(Format.fixed(g.upper, 2)) points, so a harmful increase is not ruled out."
                    : "Right when z ≥ 1.96 and the guardrail holds; here \(zText)\(abs(z) >= 1.645 && z > 0 ? ", which only a one-sided test would call significant" : "")."
            case (.guardrailBreach, false):
                rationale = "Right when the guardrail's 95% upper bound reaches the margin; here \(boundText), so the guardrail passes."
            case (.keepRunning, false):
                rationale = key == .guardrailBreach
                    ? "More data cannot rescue B: the guardrail check already fails (upper bound \(Format.fixed(g.upper, 2)) points against \(Format.fixed(s.marginPoints, 2)))."
                    : "Right when |z| < 1.96; here \(zText), already significant, and more traffic on the losing variant only costs conversions."
            case (.primaryWorse, false):
                rationale = key == .guardrailBreach
                    ? "A stays, but for the guardrail: \(zText) does not show B converting significantly worse."
                    : "Right when z ≤ −1.96; here \(zText), so B is not shown to convert worse."
            }
            return OptionDraft(text: decision.text, rationale: rationale, isKey: decision == key)
        }
        let closeZ = abs(abs(z) - 1.96) < 0.25
        let closeBound = abs(g.upper - s.marginPoints) < 0.1 * s.marginPoints
        let trap = key == .guardrailBreach && g.lower < 0
        let difficulty: Item.Difficulty = trap || (closeZ && closeBound) ? .hard : (closeZ || closeBound ? .medium : .easy)
        let scenario = """
            A team ran an A/B test of \(s.change) for three weeks. Control A: \(Format.whole(Double(s.a.users))) users, \
            \(Format.whole(Double(s.a.conversions))) conversions, \(Format.whole(Double(s.a.harms))) \(harm.who). Variant B: \
            \(Format.whole(Double(s.b.users))) users, \(Format.whole(Double(s.b.conversions))) conversions, \
            \(Format.whole(Double(s.b.harms))) \(harm.who). The decision rule agreed before the test: the \(harm.rate) \
            is a guardrail, and B passes it only if the upper end of the 95% confidence interval for B's increase stays below \
            \(Format.fixed(s.marginPoints, 2)) percentage points; a failed guardrail ends the test with A. Otherwise conversion \
            decides with a two-sided pooled z-test at the 5% level: ship B if it is significantly higher, keep A if it is \
            significantly lower, and keep the test running if neither (there is budget for more weeks).
            """
        let working = [
            "Conversion: A \(rate(s.a.conversions, s.a.users)), B \(rate(s.b.conversions, s.b.users)); pooled z = \(Format.fixed(z, 2)) (significant when |z| ≥ 1.96).",
            "\(harm.rate.prefix(1).uppercased() + harm.rate.dropFirst()): A \(rate(s.a.harms, s.a.users)), B \(rate(s.b.harms, s.b.users)); B − A = \(Format.fixed(g.difference, 3)) points.",
            "95% interval for B − A: \(Format.fixed(g.lower, 2)) to \(Format.fixed(g.upper, 2)) points (difference ± 1.96 × √(p_A(1 − p_A)/n_A + p_B(1 − p_B)/n_B)).",
            "Guardrail: upper bound \(Format.fixed(g.upper, 2)) \(g.upper >= s.marginPoints ? "≥" : "<") margin \(Format.fixed(s.marginPoints, 2)); decision: \(key.text)",
        ]
        let table = FamilyTable(caption: "A/B test results", headers: ["arm", "users", "conversions", "conversion rate", harm.column, harm.rate],
            rows: [("A", s.a), ("B", s.b)].map { name, arm in
                [name, Format.whole(Double(arm.users)), Format.whole(Double(arm.conversions)), rate(arm.conversions, arm.users),
                    Format.whole(Double(arm.harms)), rate(arm.harms, arm.users)]
            })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What does the agreed rule call for?",
            options: drafts,
            explanation: "A guardrail is a non-inferiority check: B must show that any harm stays below the margin, which means the upper end of the interval, not the point estimate or a significance test, is compared with the margin. A harm increase that is \"not significant\" can still fail it when the test is too small to rule out the margin. Only when the guardrail passes does the primary metric's two-sided test decide. Working: "
                + working.joined(separator: " "),
            tags: ["ab-testing", "guardrail-metrics", "non-inferiority"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .bars(title: "Conversion and \(harm.rate) by arm (%)", categories: ["conversion", harm.rate],
                series: [("A", [100 * Double(s.a.conversions) / Double(s.a.users), 100 * Double(s.a.harms) / Double(s.a.users)]),
                    ("B", [100 * Double(s.b.conversions) / Double(s.b.users), 100 * Double(s.b.harms) / Double(s.b.users)])]),
            table: table)
    }
}
