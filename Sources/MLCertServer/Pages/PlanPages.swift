import MLCertCore

/// What the plan form sends, read from the query string so that a plan is a link that can be bookmarked and the
/// calendar download is the same link with `.ics`.
struct PlanQuery: Sendable, Equatable {
    var credential: String
    var hours: Double
    var examDate: Day?
    var weak: [String]
    var fromProgress: Bool
    /// How much ML the learner knows (the advisor's `ml_knowledge`): it sets the plan's total hours, the same basis
    /// as the advisor's preparation estimate.
    var knowledge: Profile.MLKnowledge = .working

    /// A domain ticked as weak counts as this proportion correct: clearly under the planner's weak threshold (0.6),
    /// so its hours go up, without pretending to know a real score.
    static let weakMark = 0.4

    /// Reads the fields; a bad value is an error naming the field.
    init(credential: String?, hours: String?, examDate: String?, weak: [String], fromProgress: Bool, knowledge: String? = nil) throws(FormFieldError) {
        guard let credential, !credential.isEmpty else { throw FormFieldError(field: "credential", message: "Choose a credential.") }
        if let knowledge, !knowledge.isEmpty {
            guard let level = Profile.MLKnowledge(rawValue: knowledge) else {
                throw FormFieldError(field: "knowledge", message: "Choose how much ML you know from the list.")
            }
            self.knowledge = level
        }
        self.credential = credential
        let hoursText = hours?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let h = Double(hoursText.isEmpty ? "8" : hoursText), h.isFinite, (1...80).contains(h) else {
            throw FormFieldError(field: "hours", message: "Hours a week must be a number from 1 to 80; “\(hoursText)” is not.")
        }
        self.hours = h
        let dateText = examDate?.trimmingCharacters(in: .whitespaces) ?? ""
        if dateText.isEmpty {
            self.examDate = nil
        } else {
            guard let day = Day(dateText) else {
                throw FormFieldError(field: "exam_date", message: "“\(dateText)” is not a date. Pick a day in the calendar, or write it as 2027-03-01.")
            }
            self.examDate = day
        }
        self.weak = weak.filter { !$0.isEmpty }
        self.fromProgress = fromProgress
    }

    /// The request for the planner; `practice` replaces the ticked domains when the learner asked to plan from progress.
    func request(start: Day, practice: [String: Double]?) -> PlanRequest {
        let results = fromProgress ? (practice ?? [:]) : Dictionary(weak.map { ($0, Self.weakMark) }, uniquingKeysWith: { a, _ in a })
        var profile = Profile()
        profile.weeklyStudyHours = hours
        profile.mlKnowledge = knowledge
        return PlanRequest(credential: credential, profile: profile, start: start, hoursPerWeek: hours, examDate: examDate, domainResults: results)
    }

    /// The query string that reproduces this plan.
    var queryString: String {
        var pairs = [("credential", credential), ("hours", PageFormat.number(hours))]
        if let examDate { pairs.append(("exam_date", examDate.description)) }
        pairs += weak.map { ("weak", $0) }
        if fromProgress { pairs.append(("from_progress", "1")) }
        pairs.append(("knowledge", knowledge.rawValue))
        return PageQuery.encode(pairs)
    }
}

/// A form field that cannot be used, named for the message.
struct FormFieldError: Error, Equatable, CustomStringConvertible {
    let field: String
    /// A sentence for the learner, naming the field as the form labels it.
    let message: String
    var description: String { message }
}

/// The plan form: credential, hours a week, exam date and the weak domains of each credential.
struct PlanFormPage: Sendable {
    struct DomainBox: Sendable {
        let id: String
        let title: String
        let checked: Bool
    }

    struct Group: Sendable {
        let id: String
        let name: String
        let domains: [DomainBox]
    }

    struct Level: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let page: PageChrome
    let credentials: [PageFormat.Choice]
    let hours: String
    let examDate: String
    let today: String
    let levels: [Level]
    let domainGroups: [Group]
    let fromProgress: Bool

    init(catalog: Catalog, selected: String?, hours: Double = 8, examDate: Day? = nil, weak: [String] = [], fromProgress: Bool = false,
         knowledge: Profile.MLKnowledge = .working, today: Day, page: PageChrome) {
        self.page = page
        credentials = PageFormat.credentialChoices(catalog, selected: selected)
        self.hours = PageFormat.number(hours)
        self.examDate = examDate?.description ?? ""
        self.today = today.adding(days: 1).description
        levels = [(Profile.MLKnowledge.none, "New to ML"), (.foundations, "I know the foundations, not production ML"), (.working, "I work with ML")].map {
            Level(value: $0.0.rawValue, label: $0.1, selected: $0.0 == knowledge)
        }
        self.fromProgress = fromProgress
        // Only the selected credential's domains are listed, so the form stays short without JavaScript.
        let chosen = credentials.first(where: \.selected)?.id
        domainGroups = catalog.credentials.filter { $0.id == chosen }.compactMap { c in
            guard let blueprint = c.currentBlueprint else { return nil }
            return Group(id: c.id, name: c.name, domains: blueprint.domains.sorted { $0.number < $1.number }.map {
                DomainBox(id: $0.id, title: $0.title, checked: weak.contains($0.id))
            })
        }
    }
}

/// The plan: feasibility, hours by domain, the week-by-week table, the assumptions, and the calendar link.
struct PlanPage: Sendable {
    struct DomainRow: Sendable {
        let title: String
        let weight: String
        let score: String
        let hours: String
    }

    struct ActivityRow: Sendable {
        let title: String
        let hours: String
        /// Where to do it: the practice hub for drills, mock exams and the review, the course's page for a course.
        let href: String?
    }

    struct WeekRow: Sendable {
        let number: Int
        let start: String
        let end: String
        let hours: String
        let activities: [ActivityRow]
    }

    let page: PageChrome
    let credentialName: String
    let feasible: Bool
    let feasibility: String
    let start: String
    let examDate: String
    let hoursPerWeek: String
    let totalHours: String
    let weekCount: Int
    let domains: [DomainRow]
    let weeks: [WeekRow]
    let assumptions: [String]
    let icsLink: String
    let changeLink: String
    let scoreHeading: String

    init(plan: StudyPlan, query: PlanQuery, catalog: Catalog, page: PageChrome) {
        self.page = page
        credentialName = PageFormat.credentialName(plan.credential, in: catalog)
        feasible = plan.feasibility.feasible
        feasibility = plan.feasibility.message
        start = plan.start.description
        examDate = plan.examDate.description
        hoursPerWeek = PageFormat.number(plan.hoursPerWeek)
        totalHours = PageFormat.number(plan.totalHours)
        weekCount = plan.weeks.count
        // Ticked boxes are a learner's own judgement, not a score: the table says "marked weak", never a made-up percentage.
        domains = plan.domainHours.map {
            let score = query.fromProgress ? ($0.practiceScore.map(PageFormat.percent) ?? "no practice yet") : ($0.practiceScore == nil ? "–" : "marked weak")
            return DomainRow(title: $0.title, weight: PageFormat.percent($0.weight), score: score, hours: PageFormat.number($0.hours))
        }
        let practice = "/practice?credential=\(PageQuery.escape(plan.credential))"
        weeks = plan.weeks.map { w in
            WeekRow(number: w.number, start: w.start.description, end: w.end.description, hours: PageFormat.number(w.hours),
                activities: w.activities.map { a in
                    let href: String? = switch a.kind {
                    case .practice: practice + (a.domain.map { "&domain=\(PageQuery.escape($0))" } ?? "") + "#drill"
                    case .mockExam: practice + "#exam"
                    case .finalReview: practice + "#review"
                    case .foundations, .course, .officialPath: a.course.flatMap { catalog.course(id: $0)?.url }
                    case .domainStudy: nil
                    }
                    return ActivityRow(title: a.title, hours: PageFormat.number(a.hours), href: href)
                })
        }
        assumptions = plan.assumptions
        scoreHeading = query.fromProgress ? "Practice score" : "Your judgement"
        icsLink = "/plan.ics?" + query.queryString
        changeLink = "/plan?" + query.queryString
    }
}
