/// A week-by-week plan from today to the exam. The JSON keys are a public contract (see the README).
public struct StudyPlan: Hashable, Sendable, Codable {
    public let credential: String
    public let blueprint: String
    public let start: Day
    /// The exam date asked for, or the earliest date the plan reaches when none was given.
    public let examDate: Day
    public let hoursPerWeek: Double
    public let totalHours: Double
    public let weeks: [PlanWeek]
    /// Hours given to each blueprint domain in the study and practice phases, and why.
    public let domainHours: [DomainAllocation]
    public let feasibility: Feasibility
    /// Every assumption the plan rests on, in words.
    public let assumptions: [String]

    public init(credential: String, blueprint: String, start: Day, examDate: Day, hoursPerWeek: Double, totalHours: Double,
        weeks: [PlanWeek], domainHours: [DomainAllocation], feasibility: Feasibility, assumptions: [String]) {
        self.credential = credential
        self.blueprint = blueprint
        self.start = start
        self.examDate = examDate
        self.hoursPerWeek = hoursPerWeek
        self.totalHours = totalHours
        self.weeks = weeks
        self.domainHours = domainHours
        self.feasibility = feasibility
        self.assumptions = assumptions
    }

    enum CodingKeys: String, CodingKey {
        case credential, blueprint, start, weeks, feasibility, assumptions
        case examDate = "exam_date"
        case hoursPerWeek = "hours_per_week"
        case totalHours = "total_hours"
        case domainHours = "domain_hours"
    }
}

/// One calendar week of the plan.
public struct PlanWeek: Hashable, Sendable, Codable {
    public let number: Int
    public let start: Day
    public let end: Day
    public let hours: Double
    public let activities: [Activity]

    public init(number: Int, start: Day, end: Day, hours: Double, activities: [Activity]) {
        self.number = number
        self.start = start
        self.end = end
        self.hours = hours
        self.activities = activities
    }
}

/// One block of study inside a week.
public struct Activity: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case foundations, course
        case officialPath = "official_path"
        case domainStudy = "domain_study"
        case practice
        case mockExam = "mock_exam"
        case finalReview = "final_review"
    }
    public let kind: Kind
    /// What to do, in words that read the same in a terminal, a web page and a calendar.
    public let title: String
    public let course: String?
    public let domain: String?
    public let hours: Double
    /// The terminal command that does it (`mlcert practice --cert ... --domain ...`), for the command-line views only;
    /// the web app links to its own pages instead.
    public let command: String?

    public init(kind: Kind, title: String, course: String?, domain: String?, hours: Double, command: String? = nil) {
        self.kind = kind
        self.title = title
        self.course = course
        self.domain = domain
        self.hours = hours
        self.command = command
    }

    /// The title as a calendar event's summary: whole, never shortened, and saying what kind of block it is where the
    /// title alone does not ("Course: Production Machine Learning Systems").
    public var calendarTitle: String {
        switch kind {
        case .foundations, .course, .officialPath: "Course: \(title)"
        case .domainStudy, .practice, .mockExam, .finalReview: title
        }
    }

    /// Mock exams are sat in one go and the final review belongs to the exam week, so neither is split across weeks.
    public var splittable: Bool { kind != .mockExam && kind != .finalReview }

    /// The same activity with `quarters` quarter-hours.
    func with(quarters: Int) -> Activity {
        Activity(kind: kind, title: title, course: course, domain: domain, hours: Double(quarters) / 4, command: command)
    }
}

/// How a domain's hours were set: blueprint weight, shifted toward weak domains when practice results exist.
public struct DomainAllocation: Hashable, Sendable, Codable {
    public let domain: String
    public let title: String
    public let weight: Double
    /// Proportion correct in practice, when known.
    public let practiceScore: Double?
    public let hours: Double
}

/// Whether the plan fits before the exam date, and if not, what would make it fit.
public struct Feasibility: Hashable, Sendable, Codable {
    public let feasible: Bool
    public let weeksNeeded: Int
    public let weeksAvailable: Int?
    /// The hours a week that would fit the plan before the requested date, when one was given.
    public let hoursPerWeekNeeded: Double?
    /// The earliest exam date at the given hours.
    public let earliestExamDate: Day
    public let message: String

    public init(feasible: Bool, weeksNeeded: Int, weeksAvailable: Int?, hoursPerWeekNeeded: Double?, earliestExamDate: Day, message: String) {
        self.feasible = feasible
        self.weeksNeeded = weeksNeeded
        self.weeksAvailable = weeksAvailable
        self.hoursPerWeekNeeded = hoursPerWeekNeeded
        self.earliestExamDate = earliestExamDate
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case feasible, message
        case weeksNeeded = "weeks_needed"
        case weeksAvailable = "weeks_available"
        case hoursPerWeekNeeded = "hours_per_week_needed"
        case earliestExamDate = "earliest_exam_date"
    }
}
