import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// Readiness as a learner reads it: "about a 35% chance of passing if you sat the exam today (likely range 20–55%)",
/// the score to expect on a real form, each domain in percent correct, what the estimate assumes, and the next thing
/// to do as a link. No ability scale, no logits.
///
/// This is the one place that turns a `ReadinessReport` into words. Today's report gives the ability estimate and
/// its credible range on the θ scale; from those and the bank's item curves this file works out, for a form of the
/// real exam's length, the chance of reaching the pass mark (averaged over the ability estimate's uncertainty), its
/// range at the ends of the credible interval, and the expected percent correct overall and per domain. When the
/// report carries those figures itself (posterior-predictive probability, likely range, expected percent score,
/// per-domain expected percent correct), only `Figures.init` below needs to read them instead.
struct ReadinessInWords: Sendable {
    struct Domain: Sendable {
        let title: String
        let text: String
    }

    struct Action: Sendable {
        let text: String
        let href: String
    }

    let verdict: String
    let verdictClass: String
    let headline: String
    let scoreLine: String?
    let evidence: String
    let domains: [Domain]
    let domainRows: [DomainStrengthChart.Row]
    let next: Action
    let assumptionsHref = "/about/readiness"

    /// The figures behind the words, each a proportion.
    struct Figures: Sendable {
        var passChance: Double
        var passLow: Double
        var passHigh: Double
        var scoreExpected: Double
        var scoreLow: Double
        var scoreHigh: Double
        /// Per domain id: expected proportion correct, with its likely range.
        var domains: [String: (expected: Double, low: Double, high: Double)]

        init(report r: ReadinessReport, format: ExamFormat, bank: [Item], blueprint: Blueprint) {
            let curve = ScoreCurve(items: bank, shares: blueprint.normalizedWeights)
            let passCount = Int((format.passMark.proportion * Double(format.questionCount) - 1e-9).rounded(.up))
            let pass = { (theta: Double) in ScoreCurve.atLeast(passCount, of: format.questionCount, p: curve.expected(theta)) }
            passChance = ScoreCurve.average(mean: r.ability, sd: r.standardError, pass)
            passLow = min(pass(r.abilityLow), passChance)
            passHigh = max(pass(r.abilityHigh), passChance)
            scoreExpected = curve.expected(r.ability)
            scoreLow = curve.expected(r.abilityLow)
            scoreHigh = curve.expected(r.abilityHigh)
            let z = 1.6449
            var perDomain: [String: (expected: Double, low: Double, high: Double)] = [:]
            for d in r.domains {
                let mine = ScoreCurve(items: bank.filter { $0.domain == d.domain }, shares: [:])
                perDomain[d.domain] = (mine.expected(d.ability), mine.expected(d.ability - z * d.standardError), mine.expected(d.ability + z * d.standardError))
            }
            domains = perDomain
        }
    }

    init(report r: ReadinessReport, format: ExamFormat, bank: [Item], blueprint: Blueprint, reviewsDue: Int, answersRecorded: Int? = nil) {
        let figures = Figures(report: r, format: format, bank: bank, blueprint: blueprint)
        verdict = switch r.outcome {
        case .likelyPass: "Likely to pass"
        case .likelyFail: "Not ready yet"
        case .notEnoughEvidence: "Not enough evidence yet"
        }
        verdictClass = switch r.outcome {
        case .likelyPass: "good"
        case .likelyFail: "error"
        case .notEnoughEvidence: ""
        }
        let pass = PageFormat.percent
        if r.answered == 0 {
            headline = "No answers yet, so there is no estimate of your chance of passing."
            scoreLine = nil
        } else {
            headline = "\(Self.chance(figures.passChance)) of passing if you sat the exam today (likely range \(pass(figures.passLow))–\(pass(figures.passHigh)))."
            scoreLine = "On a form of the real exam (\(format.questionCount) questions) you would likely score \(pass(figures.scoreLow))–\(pass(figures.scoreHigh)) "
                + "correct; the pass mark is about \(pass(format.passMark.proportion))."
        }
        var evidence = "From your latest answers to \(r.answered) different question\(r.answered == 1 ? "" : "s") (\(r.correct) right)"
        if let recorded = answersRecorded, recorded > r.answered {
            evidence += "; \(recorded) answers recorded in all, counting questions you answered more than once"
        }
        self.evidence = evidence + "."
        domains = r.domains.map { d in
            guard d.answered > 0, let f = figures.domains[d.domain] else { return Domain(title: d.title, text: "no answers yet") }
            return Domain(title: d.title, text: "about \(pass(f.expected)) correct expected (likely \(pass(f.low))–\(pass(f.high))), from \(d.answered) answer\(d.answered == 1 ? "" : "s")")
        }
        domainRows = r.domains.map { d in
            let f = figures.domains[d.domain] ?? (0, 0, 1)
            return DomainStrengthChart.Row(label: d.title, strength: f.expected, low: f.low, high: f.high, weight: d.weight, answered: d.answered)
        }
        next = Self.nextAction(r, reviewsDue: reviewsDue)
    }

    /// "About a 35% chance", "Less than a 1% chance", "More than a 99% chance".
    static func chance(_ p: Double) -> String {
        if p < 0.01 { return "Less than a 1% chance" }
        if p > 0.99 { return "More than a 99% chance" }
        let n = Int((p * 100).rounded())
        let article = String(n).hasPrefix("8") || n == 11 || n == 18 ? "an" : "a"
        return "About \(article) \(n)% chance"
    }

    /// The one thing to do next, as a link: reviews that are due first, then a drill in the domain that matters most,
    /// then (with no answers at all) the diagnostic.
    static func nextAction(_ r: ReadinessReport, reviewsDue: Int) -> Action {
        let practice = "/practice?credential=\(PageQuery.escape(r.credentialID))"
        if r.answered == 0 {
            return Action(text: "Take the diagnostic (15 to 40 questions) to get a first estimate", href: practice + "#diagnostic")
        }
        if reviewsDue > 0 {
            return Action(text: "Review \(reviewsDue) question\(reviewsDue == 1 ? "" : "s") due today", href: practice + "#review")
        }
        if let domain = r.studyNext.first, let title = r.domains.first(where: { $0.domain == domain })?.title {
            return Action(text: "Drill \(title), 20 questions", href: practice + "&domain=\(PageQuery.escape(domain))&count=20#drill")
        }
        return Action(text: "Take a timed mock exam", href: practice + "#exam")
    }
}

/// The expected proportion correct at an ability, over a set of items weighted by blueprint share (the test
/// characteristic curve), and the binomial tail that turns it into a chance of reaching the pass mark.
struct ScoreCurve: Sendable {
    let parameters: [ItemParameters]
    let weights: [Double]

    init(items: [Item], shares: [String: Double]) {
        parameters = items.map(ItemPriors.parameters(for:))
        weights = shares.isEmpty ? items.map { _ in 1 } : ReadinessModel.blueprintWeights(itemDomains: items.map(\.domain), shares: shares)
    }

    func expected(_ theta: Double) -> Double {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        return zip(parameters, weights).reduce(0) { $0 + $1.1 * $1.0.probability(theta) } / total
    }

    /// P(X ≥ k) for X ~ Binomial(n, p), summed in log space so that n = 65 or 180 stays exact enough.
    static func atLeast(_ k: Int, of n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        let p = min(max(p, 1e-12), 1 - 1e-12)
        var total = 0.0
        for x in k...n {
            let logChoose = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
            total += exp(logChoose + Double(x) * log(p) + Double(n - x) * log(1 - p))
        }
        return min(1, total)
    }

    /// The average of `f` over a normal distribution (81 points over ±4 standard deviations).
    static func average(mean: Double, sd: Double, _ f: (Double) -> Double) -> Double {
        guard sd > 0, sd.isFinite else { return f(mean) }
        var sum = 0.0
        var mass = 0.0
        for i in -40...40 {
            let z = Double(i) / 10
            let w = exp(-z * z / 2)
            sum += w * f(mean + z * sd)
            mass += w
        }
        return sum / mass
    }
}
