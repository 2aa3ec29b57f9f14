/// One rule of the advice, taken from the source article and explained in our own words.
///
/// Rules are data with a stable id so that every verdict can show which rules fired, tests can flip each one, and a
/// reader can audit the advice rule by rule.
public struct AdvisorRule: Sendable {
    public enum Side: String, Sendable { case pursue, skip }

    public let id: String
    public let side: Side
    /// How strongly the rule pulls, 1 (a nudge) to 3 (the article treats it as close to decisive). The headline of a
    /// `weigh` verdict follows the heavier side, and names its strongest rule.
    public let strength: Int
    public let text: String
    public let applies: @Sendable (Profile) -> Bool

    public var reason: Reason { Reason(rule: id, text: text) }
}

/// A fired rule as it appears in the advice: `{rule, text}` in JSON.
public struct Reason: Hashable, Sendable, Codable {
    public let rule: String
    public let text: String
    public init(rule: String, text: String) {
        self.rule = rule
        self.text = text
    }
}

extension AdvisorRule {
    /// Every rule that decides between pursuing and skipping certification.
    public static let all: [AdvisorRule] = [
        // "You're in an enterprise environment where your team runs ML on GCP or AWS and the cert validates
        // platform-specific skills you'll use daily": GCP or AWS, and an enterprise setting (not a startup, a product
        // company or a research lab).
        AdvisorRule(
            id: "pursue.cloud-used-daily", side: .pursue, strength: 2,
            text: "Your team runs ML on GCP or AWS in an enterprise setting, and the credential tests the platform skills you use every day, so the preparation doubles as on-the-job learning.",
            applies: { [.gcp, .aws].contains($0.cloud) && [.enterprise, .consulting, .cloudVendor].contains($0.employerType) }),
        // "You're transitioning into ML engineering from software engineering or data analytics and need a structured
        // learning path": the move is into ML engineering, from one of those two backgrounds, not yet done.
        AdvisorRule(
            id: "pursue.structured-career-switch", side: .pursue, strength: 2,
            text: "You are moving into ML engineering from software engineering or data analytics; an exam gives the move a structured syllabus and a credential at the end.",
            applies: { [.softwareEngineering, .dataAnalytics].contains($0.background) && $0.productionMLYears < 1 && $0.targetRole == .mlEngineer }),
        AdvisorRule(
            id: "pursue.employer-pays", side: .pursue, strength: 3,
            text: "Your employer pays for it. With nothing out of pocket the return on the study time changes completely, and the learning alone is worth it.",
            applies: { $0.employerReimburses }),
        AdvisorRule(
            id: "pursue.credential-valued-employer", side: .pursue, strength: 1,
            text: "You aim at large enterprises, consulting firms or cloud vendors, where a Google or AWS ML credential is a recognised signal.",
            applies: { [.enterprise, .consulting, .cloudVendor].contains($0.employerType) }),
        AdvisorRule(
            id: "pursue.hr-filters-on-credentials", side: .pursue, strength: 2,
            text: "The employers you target (banks, hospital systems, insurers) screen applicants on credentials before any technical review, so lacking one can end an application early.",
            applies: { $0.hrFiltersOnCredentials }),
        AdvisorRule(
            id: "pursue.pay-band-recognition", side: .pursue, strength: 2,
            text: "Your employer's pay bands formally recognise cloud certifications, so the credential can count in your next compensation review.",
            applies: { $0.payBandRecognizesCerts }),
        AdvisorRule(
            id: "skip.startup-or-product-company", side: .skip, strength: 2,
            text: "Startups and mid-size product companies judge ML candidates on shipped work, public code and how well they explain past systems, not on certificates.",
            applies: { [.startup, .midsizeProduct].contains($0.employerType) }),
        AdvisorRule(
            id: "skip.experienced-practitioner", side: .skip, strength: 2,
            text: "With two or more years of production ML behind you, interviews turn on the systems you have shipped; a certificate will not move that conversation.",
            applies: { $0.productionMLYears >= 2 }),
        AdvisorRule(
            id: "skip.build-instead", side: .skip, strength: 3,
            text: "If the real choice is between exam prep and building something you can demonstrate, build it: a working project you can walk through says more.",
            applies: { $0.choosingPortfolioOverPrep }),
        // "You're aiming for ML research or applied science roles": the role, whoever employs it.
        AdvisorRule(
            id: "skip.research-role", side: .skip, strength: 3,
            text: "ML research and applied-science roles weigh publications, research depth and rigour; certifications carry no weight there.",
            applies: { [.mlResearch, .appliedScientist].contains($0.targetRole) }),
    ]
}
