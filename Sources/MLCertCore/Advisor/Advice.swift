/// What the advisor says: a verdict, the credential to take first, every reason on both sides with the rule behind it,
/// how long preparation will take, what it costs, and what to do next. The JSON keys are a public contract.
public struct Advice: Hashable, Sendable, Codable {
    public enum Verdict: String, Hashable, Sendable, Codable {
        case pursue, skip, weigh
        case foundationsFirst = "foundations_first"
    }

    public let verdict: Verdict
    /// The credential to take first (a catalog id), or nil when the advice is to skip.
    public let certification: String?
    public let alternatives: [String]
    public let reasonsFor: [Reason]
    public let reasonsAgainst: [Reason]
    /// For `weigh`: the side the reasons lean to and the rule that decided it. For the others, the deciding rule.
    public let decidedBy: Reason
    public let leaning: Verdict?
    /// Why this credential rather than another.
    public let choice: [Reason]
    public let prepWeeks: WeekRange
    public let prep: PrepEstimate
    public let costUSD: CostEstimate?
    public let nextSteps: [String]

    enum CodingKeys: String, CodingKey {
        case verdict, certification, alternatives, choice, leaning, prep
        case reasonsFor = "reasons_for"
        case reasonsAgainst = "reasons_against"
        case decidedBy = "decided_by"
        case prepWeeks = "prep_weeks"
        case costUSD = "cost_usd"
        case nextSteps = "next_steps"
    }
}

/// A span of calendar weeks.
public struct WeekRange: Hashable, Sendable, Codable {
    public let min: Int
    public let max: Int
    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }
}

/// How the preparation time was worked out, so that nobody has to trust a bare number.
public struct PrepEstimate: Hashable, Sendable, Codable {
    /// The article's range in weeks of focused study.
    public let focusedWeeks: WeekRange
    /// Hours a week that "focused study" is taken to mean (an mlcert assumption, stated).
    public let focusedHoursPerWeek: Double
    public let studyHours: ClosedRangeCodable
    public let weeklyStudyHours: Double
    public let basis: Reason

    enum CodingKeys: String, CodingKey {
        case basis
        case focusedWeeks = "focused_weeks"
        case focusedHoursPerWeek = "focused_hours_per_week"
        case studyHours = "study_hours"
        case weeklyStudyHours = "weekly_study_hours"
    }
}

/// `{min, max}` for hours.
public struct ClosedRangeCodable: Hashable, Sendable, Codable {
    public let min: Double
    public let max: Double
}

/// What sitting the exam costs: the fee, the expected cost once retakes are priced in, and what the person pays.
public struct CostEstimate: Hashable, Sendable, Codable {
    public let examFee: Double
    /// Fee times the expected number of attempts, at the assumed first-attempt pass rate.
    public let expectedWithRetakes: Double
    public let assumedPassRate: Double
    public let outOfPocket: Double
    public let reimbursed: Bool
    public let assumption: String

    enum CodingKeys: String, CodingKey {
        case reimbursed, assumption
        case examFee = "exam_fee"
        case expectedWithRetakes = "expected_with_retakes"
        case assumedPassRate = "assumed_pass_rate"
        case outOfPocket = "out_of_pocket"
    }
}
