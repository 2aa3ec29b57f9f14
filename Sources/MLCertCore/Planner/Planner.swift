/// Builds a week-by-week study plan from the course catalog and the exam blueprint.
///
/// The order follows the source article: foundations first for people new to ML; then Production ML Systems and
/// Structuring ML Projects; then the courses that close the person's gaps; then the vendor's own path; then study and
/// drills per domain, hours split by blueprint weight and shifted toward weak domains once practice results exist;
/// timed mock exams in the final weeks; a light final review before the exam.
///
/// ```swift
/// let plan = try Planner(catalog: catalog).plan(PlanRequest(credential: "google-pmle", start: today, hoursPerWeek: 8))
/// ```
public struct Planner: Sendable {
    public let catalog: Catalog

    /// A domain scoring below this proportion correct in practice counts as a gap.
    public static let weakThreshold = 0.6
    /// Fewest hours of domain study and drills in any plan, however many courses come before.
    public static let minimumPracticeHours = 16.0

    public init(catalog: Catalog) { self.catalog = catalog }

    public func plan(_ request: PlanRequest) throws(PlanError) -> StudyPlan {
        let credential: Credential
        do { credential = try catalog.requireCredential(request.credential) } catch { throw .catalog(error) }
        if credential.isRetired {
            throw .retired(credential.id, successor: catalog.activeSuccessor(of: credential)?.id)
        }
        guard let blueprint = credential.currentBlueprint else { throw .catalog(.noCurrentBlueprint(credential.id)) }
        let domainIDs = blueprint.domains.map(\.id)
        for id in request.domainResults.keys where !domainIDs.contains(id) {
            throw .unknownDomain(id, credential: credential.id, suggestions: Suggestions.closest(to: id, among: domainIDs))
        }
        for (id, score) in request.domainResults where !(0...1).contains(score) {
            throw .badScore(id, score)
        }
        guard request.hoursPerWeek > 0 else { throw .badHours(request.hoursPerWeek) }

        var assumptions: [String] = []
        var activities: [Activity] = []
        let profile = request.profile
        let weak = Set(request.domainResults.filter { $0.value < Self.weakThreshold }.map(\.key))

        // 1. Foundations for people new to ML.
        let gapCourses = catalog.courses.filter { $0.role == .gap }
        var taken: Set<String> = []
        if profile.mlKnowledge == .none {
            for course in gapCourses.sorted(by: foundationOrder) {
                activities.append(Activity(kind: .foundations, title: course.title, course: course.id, domain: nil, hours: course.hours.value))
                taken.insert(course.id)
            }
            assumptions.append("You are new to ML, so the plan starts with foundational courses before any exam material.")
        }
        // 2. The two courses the article puts first.
        for course in catalog.courses.filter({ $0.role == .first }) {
            activities.append(Activity(kind: .course, title: course.title, course: course.id, domain: nil, hours: course.hours.value))
        }
        // 3. Courses that close gaps: all remaining ones for people with foundations only; for people with working
        //    knowledge, those that prepare for a domain practice shows to be weak.
        for course in gapCourses.sorted(by: foundationOrder) where !taken.contains(course.id) {
            let closesWeakDomain = !weak.isDisjoint(with: course.domains(for: credential.id))
            if profile.mlKnowledge == .foundations || closesWeakDomain {
                activities.append(Activity(kind: .course, title: course.title, course: course.id, domain: nil, hours: course.hours.value))
            }
        }
        // 4. The vendor's own path.
        if let path = credential.officialLearningPath.flatMap(catalog.course(id:)) {
            activities.append(Activity(kind: .officialPath, title: path.title, course: path.id, domain: nil, hours: path.hours.value))
        }
        let courseHours = activities.map(\.hours).reduce(0, +)

        // 5. Domain study and drills, sized so that the whole plan reaches the article's preparation time.
        let target = (profile.mlKnowledge == .working ? 6.0 : 19.5) * Advisor.focusedHoursPerWeek
        let practiceHours = max(Self.minimumPracticeHours, target - courseHours)
        assumptions.append("Total preparation aims at about \(Int(target)) hours: the middle of the article's \(profile.mlKnowledge == .working ? "4-8 weeks" : "3-6 months") at \(Int(Advisor.focusedHoursPerWeek)) focused hours a week. Course hours are mlcert estimates.")
        let allocation = allocate(practiceHours, blueprint: blueprint, results: request.domainResults)
        if !request.domainResults.isEmpty {
            assumptions.append("Domain hours follow the blueprint weights, scaled by (0.5 + share missed) so that weaker domains get more time.")
        }
        for share in allocation.sorted(by: { studyOrder($0, $1, hasResults: !request.domainResults.isEmpty) }) {
            let domain = blueprint.domain(id: share.domain)!
            let objectives = (domain.objectives ?? []).map(\.id).joined(separator: ", ")
            let study = (share.hours * 0.6 * 4).rounded() / 4
            activities.append(Activity(kind: .domainStudy, title: "Study \(domain.title) (objectives \(objectives))", course: nil, domain: domain.id, hours: study))
            activities.append(Activity(kind: .practice, title: "Drill \(domain.title)", course: nil, domain: domain.id, hours: share.hours - study,
                command: "mlcert practice --cert \(credential.id) --domain \(domain.id)"))
        }
        // 6. Timed mock exams in the final weeks, then a light review.
        let examHours = (Double(credential.facts.durationMinutes?.value ?? 120) / 15).rounded(.up) / 4
        let mocks = profile.mlKnowledge == .working ? 2 : 3
        for n in 1...mocks {
            activities.append(Activity(kind: .mockExam, title: "Timed mock exam \(n) of \(mocks) (\(Int(examHours * 60)) minutes), then review every miss", course: nil,
                domain: nil, hours: examHours + 1, command: "mlcert exam --cert \(credential.id)"))
        }
        activities.append(Activity(kind: .finalReview, title: "Final review of missed questions and weak objectives, with no new material in the last three days",
            course: nil, domain: nil, hours: min(3, request.hoursPerWeek), command: "mlcert review --cert \(credential.id)"))

        if let examDate = request.examDate, examDate <= request.start {
            throw .examDateNotAhead(examDate, today: request.start)
        }
        let compact = schedule(activities, start: request.start, capacity: request.hoursPerWeek)
        var weeks = compact
        // With an exam date the plan fits before, the same work is spread over the weeks there are, so the plan ends
        // in the week before the exam with the final review in that last week, instead of finishing months early.
        if let examDate = request.examDate {
            let available = request.start.days(until: examDate) / 7
            if available > compact.count {
                weeks = spread(activities, start: request.start, weeks: available, capacity: request.hoursPerWeek)
                let busiest = weeks.map(\.hours).max() ?? 0
                assumptions.append("The work needs \(compact.count) weeks at \(format(request.hoursPerWeek)) hours; it is spread over the \(available) weeks "
                    + "before the exam (at most \(format(busiest)) hours in any week), with the final review in the last week.")
            }
        }
        if activities.contains(where: { !$0.splittable && $0.hours > request.hoursPerWeek }) {
            assumptions.append("A mock exam needs one sitting of \(examHours + 1) hours, more than your weekly hours; those weeks run over.")
        }
        let total = weeks.map(\.hours).reduce(0, +)
        let feasibility = assess(weeks: compact.count, total: total, request: request)
        return StudyPlan(
            credential: credential.id, blueprint: blueprint.version, start: request.start,
            examDate: request.examDate ?? feasibility.earliestExamDate, hoursPerWeek: request.hoursPerWeek, totalHours: total,
            weeks: weeks, domainHours: allocation, feasibility: feasibility, assumptions: assumptions)
    }

    /// Foundations in teaching order: regression before classification before applied work.
    private func foundationOrder(_ a: Course, _ b: Course) -> Bool {
        let order = ["ml-regression", "ml-classification", "applied-ml-python"]
        return (order.firstIndex(of: a.id) ?? 99, a.id) < (order.firstIndex(of: b.id) ?? 99, b.id)
    }

    /// Weakest domains first when results exist (a domain without a result counts as at the weak threshold);
    /// otherwise the heaviest first.
    private func studyOrder(_ a: DomainAllocation, _ b: DomainAllocation, hasResults: Bool) -> Bool {
        if hasResults {
            let sa = a.practiceScore ?? Self.weakThreshold
            let sb = b.practiceScore ?? Self.weakThreshold
            if sa != sb { return sa < sb }
        }
        return (a.weight, b.domain) > (b.weight, a.domain)
    }

    /// Splits `hours` over domains by blueprint weight, multiplied by (0.5 + share missed) where a result exists (a
    /// domain without a result counts as at the weak threshold). Shares are whole quarter-hours that add up exactly,
    /// by the largest-remainder method.
    func allocate(_ hours: Double, blueprint: Blueprint, results: [String: Double]) -> [DomainAllocation] {
        let weights = blueprint.normalizedWeights
        let raw = blueprint.domains.map { domain -> Double in
            let base = weights[domain.id] ?? 0
            if results.isEmpty { return base }
            return base * (0.5 + (1 - (results[domain.id] ?? Self.weakThreshold)))
        }
        let total = raw.reduce(0, +)
        let quarters = Int((hours * 4).rounded())
        let exact = raw.map { total > 0 ? Double(quarters) * $0 / total : 0 }
        var shares = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(shares[$0]), -$0) > (exact[$1] - Double(shares[$1]), -$1) }
        for i in order.prefix(quarters - shares.reduce(0, +)) { shares[i] += 1 }
        return blueprint.domains.indices.map { i in
            let domain = blueprint.domains[i]
            return DomainAllocation(domain: domain.id, title: domain.title, weight: weights[domain.id] ?? 0,
                practiceScore: results[domain.id], hours: Double(shares[i]) / 4)
        }
    }

    /// Fills weeks in order up to `capacity` hours each, splitting activities across weeks except mock exams and the
    /// final review. Works in whole quarter-hours so that hours add up exactly.
    func schedule(_ activities: [Activity], start: Day, capacity: Double) -> [PlanWeek] {
        let cap = max(1, Int((capacity * 4).rounded(.down)))
        var weeks: [[Activity]] = [[]]
        var used = 0
        func newWeek() {
            weeks.append([])
            used = 0
        }
        for activity in activities {
            var remaining = Int((activity.hours * 4).rounded())
            if !activity.splittable {
                if remaining > cap - used && used > 0 { newWeek() }
                weeks[weeks.count - 1].append(activity.with(quarters: remaining))
                used += remaining
                if used >= cap { newWeek() }
                continue
            }
            while remaining > 0 {
                let chunk = min(remaining, cap - used)
                weeks[weeks.count - 1].append(activity.with(quarters: chunk))
                used += chunk
                remaining -= chunk
                if used >= cap { newWeek() }
            }
        }
        if weeks.last?.isEmpty == true { weeks.removeLast() }
        return weeks.enumerated().map { i, list in
            let weekStart = start.adding(days: 7 * i)
            return PlanWeek(number: i + 1, start: weekStart, end: weekStart.adding(days: 6), hours: list.map(\.hours).reduce(0, +), activities: list)
        }
    }

    /// The activities over exactly `weeks` weeks: everything but the final review at the lowest even weekly load that
    /// fits in `weeks - 1` weeks (never above `capacity`), then the final review alone in the last week.
    func spread(_ activities: [Activity], start: Day, weeks: Int, capacity: Double) -> [PlanWeek] {
        let review = activities.filter { $0.kind == .finalReview }
        let rest = activities.filter { $0.kind != .finalReview }
        let restHours = rest.map(\.hours).reduce(0, +)
        var load = max(1, (restHours / Double(max(weeks - 1, 1)) * 4).rounded(.up) / 4)
        var body = schedule(rest, start: start, capacity: load)
        while body.count > weeks - 1 && load < capacity {
            load = min(capacity, load + 0.25)
            body = schedule(rest, start: start, capacity: load)
        }
        guard body.count <= weeks - 1 else { return schedule(activities, start: start, capacity: capacity) }
        // Weeks with nothing planned (when the work fills fewer weeks) sit before the final review as buffer weeks.
        var result = body
        while result.count < weeks - 1 {
            let n = result.count
            result.append(PlanWeek(number: n + 1, start: start.adding(days: 7 * n), end: start.adding(days: 7 * n + 6), hours: 0, activities: []))
        }
        let last = weeks - 1
        result.append(PlanWeek(number: weeks, start: start.adding(days: 7 * last), end: start.adding(days: 7 * last + 6),
            hours: review.map(\.hours).reduce(0, +), activities: review))
        return result
    }

    /// The most hours a week the plan suggests when an exam date comes too soon; above it, only a later date is offered.
    public static let maxSuggestedHoursPerWeek = 25.0

    private func assess(weeks needed: Int, total: Double, request: PlanRequest) -> Feasibility {
        let earliest = request.start.adding(days: 7 * needed)
        guard let examDate = request.examDate else {
            return Feasibility(feasible: true, weeksNeeded: needed, weeksAvailable: nil, hoursPerWeekNeeded: nil, earliestExamDate: earliest,
                message: "At \(format(request.hoursPerWeek)) hours a week the plan takes \(needed) weeks; book the exam for \(earliest) or later.")
        }
        let available = max(0, request.start.days(until: examDate) / 7)
        if needed <= available {
            return Feasibility(feasible: true, weeksNeeded: needed, weeksAvailable: available, hoursPerWeekNeeded: nil, earliestExamDate: earliest,
                message: "The plan fits: \(needed) of the \(available) weeks before \(examDate).")
        }
        let perWeek = available > 0 ? (total / Double(available)).rounded(.up) : nil
        var message = "The exam on \(examDate) leaves \(available) week\(available == 1 ? "" : "s"), but the plan needs \(needed) at \(format(request.hoursPerWeek)) hours a week."
        if let perWeek, perWeek <= Self.maxSuggestedHoursPerWeek {
            message += " Study about \(format(perWeek)) hours a week, or move the exam to \(earliest) or later."
        } else {
            message += " Move the exam to \(earliest) or later."
        }
        return Feasibility(feasible: false, weeksNeeded: needed, weeksAvailable: available, hoursPerWeekNeeded: perWeek, earliestExamDate: earliest, message: message)
    }

    /// Hours for messages: whole numbers as such, otherwise one decimal.
    private func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10) }
}

/// What a plan is built from.
public struct PlanRequest: Sendable {
    public var credential: String
    public var profile: Profile
    public var start: Day
    public var hoursPerWeek: Double
    public var examDate: Day?
    /// Proportion correct per blueprint domain from practice, 0...1, keyed by domain id.
    public var domainResults: [String: Double]

    public init(credential: String, profile: Profile = Profile(), start: Day, hoursPerWeek: Double, examDate: Day? = nil,
        domainResults: [String: Double] = [:]) {
        self.credential = credential
        self.profile = profile
        self.start = start
        self.hoursPerWeek = hoursPerWeek
        self.examDate = examDate
        self.domainResults = domainResults
    }
}

/// Why a plan cannot be built.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    case catalog(CatalogError)
    case retired(String, successor: String?)
    case unknownDomain(String, credential: String, suggestions: [String])
    case badScore(String, Double)
    case badHours(Double)
    case examDateNotAhead(Day, today: Day)

    public var description: String {
        switch self {
        case .catalog(let e): return e.description
        case .retired(let id, let successor):
            return "'\(id)' is retired and can no longer be taken" + (successor.map { "; plan for '\($0)' instead" } ?? "")
        case .unknownDomain(let id, let credential, let suggestions):
            return "no domain '\(id)' in the current blueprint of \(credential)" + Suggestions.didYouMean(suggestions)
        case .badScore(let id, let score):
            return "result for '\(id)' is \(score); expected a proportion correct from 0 to 1"
        case .badHours(let h):
            return "hours per week must be more than 0 (got \(h))"
        case .examDateNotAhead(let day, let today):
            return day < today ? "The exam date \(day) has already passed; choose a day after today." : "The exam date is today; choose a later day to plan for."
        }
    }
}
