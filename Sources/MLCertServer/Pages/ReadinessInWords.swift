import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// Readiness as a learner reads it: "about a 35% chance of passing if you sat the exam today (likely range 20–55%)",
/// the score to expect on a real form, each domain in percent correct, what the estimate assumes, and the next thing
/// to do as a link. No ability scale, no logits.
///
/// This is the one place that turns a `ReadinessReport` into words. Every figure comes from the report itself
/// (`ReadinessEstimator` works them out for a form of the real exam's length and blueprint, with the uncertainty in
/// ability and in the questions' parameters integrated), so the page, the API and the terminal say the same thing.
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

    /// The figures behind the words, each a proportion, read from the report.
    struct Figures: Sendable {
        var passChance: Double
        var passLow: Double
        var passHigh: Double
        var scoreExpected: Double
        var scoreLow: Double
        var scoreHigh: Double
        /// Per domain id: expected proportion correct, with its likely range.
        var domains: [String: (expected: Double, low: Double, high: Double)]

        init(report r: ReadinessReport) {
            passChance = r.probabilityOfPassing
            passLow = r.probabilityRange.low
            passHigh = r.probabilityRange.high
            scoreExpected = r.expectedScore.expected
            scoreLow = r.expectedScore.low
            scoreHigh = r.expectedScore.high
            domains = Dictionary(r.domains.map { ($0.domain, (expected: $0.expectedProportion, low: $0.expectedLow, high: $0.expectedHigh)) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    init(report r: ReadinessReport, reviewsDue: Int, answersRecorded: Int? = nil) {
        let figures = Figures(report: r)
        verdict = switch r.outcome {
        case .likelyPass: "Likely to pass"
        case .likelyFail: "Not ready yet"
        case .notEnoughEvidence: r.evidence.enough ? "Too close to call" : "Not enough evidence yet"
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
            scoreLine = "On a form of the real exam (\(r.exam.questions) questions) you would likely score \(pass(figures.scoreLow))–\(pass(figures.scoreHigh)) "
                + "correct, about \(pass(figures.scoreExpected)) on average; passing needs \(r.exam.passCount) right (\(pass(r.exam.passMark)))."
        }
        var evidence = "From your first attempts at \(r.answered) different question\(r.answered == 1 ? "" : "s") (\(r.correct) right)"
        if let recorded = answersRecorded, recorded > r.answered {
            evidence += "; \(recorded) answers recorded in all, but a question answered again after you saw its answer does not count twice"
        }
        self.evidence = evidence + (r.evidence.enough ? ": enough to rely on the figure." : ": not yet enough to rely on it.")
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
