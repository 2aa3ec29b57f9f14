import Foundation
import MLCertCore
import Testing

@Suite("Study planner")
struct PlannerTests {
    let planner = Planner(catalog: realCatalog)
    let start = Day("2026-11-23")!

    func request(_ cert: String = "google-pmle", knowledge: Profile.MLKnowledge = .working, hours: Double = 8,
        exam: Day? = nil, results: [String: Double] = [:]) -> PlanRequest {
        var profile = Profile()
        profile.mlKnowledge = knowledge
        return PlanRequest(credential: cert, profile: profile, start: start, hoursPerWeek: hours, examDate: exam, domainResults: results)
    }

    @Test(arguments: ["google-pmle", "aws-mla-c01", "azure-ai-103", "databricks-ml-professional", "databricks-ml-associate"])
    func hoursAddUpAndNoWeekOverflowsUnlessAMockNeedsOneSitting(cert: String) throws {
        for hours in [3.0, 7.5, 12.0] {
            let plan = try planner.plan(request(cert, hours: hours))
            let fromWeeks = plan.weeks.map(\.hours).reduce(0, +)
            let fromActivities = plan.weeks.flatMap(\.activities).map(\.hours).reduce(0, +)
            #expect(abs(fromWeeks - plan.totalHours) < 1e-9)
            #expect(abs(fromActivities - plan.totalHours) < 1e-9)
            for week in plan.weeks {
                #expect(abs(week.activities.map(\.hours).reduce(0, +) - week.hours) < 1e-9)
                let allSplittable = week.activities.allSatisfy(\.splittable)
                if allSplittable { #expect(week.hours <= hours + 1e-9, "week \(week.number) has \(week.hours) h") }
                #expect(week.activities.allSatisfy { $0.hours > 0 })
            }
            // Weeks are consecutive.
            for (i, week) in plan.weeks.enumerated() { #expect(week.start == start.adding(days: 7 * i)) }
        }
    }

    @Test func courseOrderFollowsTheArticle() throws {
        let plan = try planner.plan(request(knowledge: .none))
        let kinds = plan.weeks.flatMap(\.activities).map(\.kind)
        let courses = plan.weeks.flatMap(\.activities).compactMap(\.course)
        var seen: [String] = []
        for c in courses where seen.last != c { seen.append(c) }
        #expect(seen == ["ml-regression", "ml-classification", "applied-ml-python", "production-ml-systems",
            "structuring-ml-projects", "google-cloud-mle-learning-path"])
        // Phases never go backwards: foundations, courses, official path, study/drills, mocks, final review.
        let rank: [Activity.Kind: Int] = [.foundations: 0, .course: 1, .officialPath: 2, .domainStudy: 3, .practice: 3, .mockExam: 4, .finalReview: 5]
        let ranks = kinds.map { rank[$0]! }
        #expect(ranks == ranks.sorted())
        #expect(kinds.last == .finalReview)
        #expect(kinds.filter { $0 == .mockExam }.count == 3)
    }

    @Test func workingKnowledgeSkipsFoundationsAndStartsWithTheTwoArticleCourses() throws {
        let plan = try planner.plan(request())
        let first = plan.weeks[0].activities[0]
        #expect(first.course == "production-ml-systems")
        #expect(!plan.weeks.flatMap(\.activities).contains { $0.kind == .foundations })
        #expect(!plan.weeks.flatMap(\.activities).contains { $0.course == "ml-regression" })
    }

    @Test func domainHoursFollowWeightsThenShiftToWeakDomains() throws {
        let plain = try planner.plan(request())
        let byWeight = plain.domainHours.sorted { $0.weight > $1.weight }
        #expect(byWeight.first?.domain == "scaling-prototypes")
        #expect(byWeight.first!.hours >= byWeight.last!.hours)
        let total = plain.domainHours.map(\.hours).reduce(0, +)
        #expect(total == Planner.minimumPracticeHours)

        let replanned = try planner.plan(request(results: ["monitoring-ai-solutions": 0.3, "scaling-prototypes": 0.95]))
        let monitoring = { (p: StudyPlan) in p.domainHours.first { $0.domain == "monitoring-ai-solutions" }!.hours }
        let scaling = { (p: StudyPlan) in p.domainHours.first { $0.domain == "scaling-prototypes" }!.hours }
        #expect(monitoring(replanned) > monitoring(plain))
        #expect(scaling(replanned) < scaling(plain))
        // The weakest domain is studied first.
        #expect(replanned.weeks.flatMap(\.activities).first { $0.kind == .domainStudy }?.domain == "monitoring-ai-solutions")
    }

    @Test func aWeakModelDevelopmentDomainBringsInTheGapCourse() throws {
        let plan = try planner.plan(request("aws-mla-c01", results: ["model-development": 0.35]))
        let courses = Set(plan.weeks.flatMap(\.activities).compactMap(\.course))
        #expect(courses.contains("applied-ml-python"))
        let strong = try planner.plan(request("aws-mla-c01", results: ["model-development": 0.9]))
        #expect(!Set(strong.weeks.flatMap(\.activities).compactMap(\.course)).contains("applied-ml-python"))
    }

    @Test func anExamDateThatCannotBeMetSaysWhatWouldFix() throws {
        let exam = start.adding(days: 28)
        let plan = try planner.plan(request(hours: 6, exam: exam))
        #expect(!plan.feasibility.feasible)
        #expect(plan.feasibility.weeksAvailable == 4)
        let needed = try #require(plan.feasibility.hoursPerWeekNeeded)
        #expect(needed >= plan.totalHours / 4)
        #expect(plan.feasibility.message.contains("\(Int(needed)) hours a week"))
        #expect(plan.feasibility.earliestExamDate == start.adding(days: 7 * plan.weeks.count))
        // Following the advice makes it feasible.
        let fixed = try planner.plan(request(hours: needed + 2, exam: exam))
        #expect(fixed.feasibility.feasible || fixed.feasibility.weeksNeeded <= 5)
        let later = try planner.plan(request(hours: 6, exam: plan.feasibility.earliestExamDate))
        #expect(later.feasibility.feasible)
    }

    @Test func retiredAndUnknownInputsAreClearErrors() {
        #expect(throws: PlanError.retired("aws-mls-c01", successor: "aws-mla-c01")) { try planner.plan(request("aws-mls-c01")) }
        #expect(throws: PlanError.self) { try planner.plan(request("google-pmle", results: ["monitoring": 0.5])) }
        #expect(throws: PlanError.badScore("monitoring-ai-solutions", 60)) { try planner.plan(request(results: ["monitoring-ai-solutions": 60])) }
        #expect(throws: PlanError.self) { try planner.plan(request("coursera-professional-certificate")) }
    }

    /// Fails without `Planner.spread`: the plan then ends weeks or months before the exam.
    @Test(arguments: [Profile.MLKnowledge.working, .foundations])
    func withTimeToSpareThePlanEndsInTheWeekBeforeTheExamWithTheFinalReview(knowledge: Profile.MLKnowledge) throws {
        let exam = start.adding(days: 7 * 40 + 3)
        let plan = try planner.plan(request(knowledge: knowledge, hours: 8, exam: exam))
        let last = try #require(plan.weeks.last)
        #expect(last.end <= exam && last.end >= exam.adding(days: -7), "the last week ends \(last.end), the exam is \(exam)")
        #expect(last.activities.map(\.kind) == [.finalReview])
        #expect(plan.weeks.count == 40)
        #expect(plan.weeks.allSatisfy { $0.hours <= 8 + 1e-9 || !$0.activities.allSatisfy(\.splittable) })
        let compact = try planner.plan(request(knowledge: knowledge, hours: 8))
        #expect(abs(plan.totalHours - compact.totalHours) < 1e-9, "spreading keeps the same work")
        #expect(plan.feasibility.feasible && plan.feasibility.weeksNeeded == compact.weeks.count)
    }

    /// Fails without the `examDateNotAhead` check (a past date then produced a plan with "0 weeks").
    @Test func aPastOrSameDayExamDateIsRefusedInASentence() throws {
        #expect(throws: PlanError.examDateNotAhead(Day("2025-01-01")!, today: start)) { try planner.plan(request(exam: Day("2025-01-01")!)) }
        #expect(throws: PlanError.examDateNotAhead(start, today: start)) { try planner.plan(request(exam: start)) }
        #expect(PlanError.examDateNotAhead(Day("2025-01-01")!, today: start).description.contains("has already passed"))
    }

    /// Fails with the old limit (80 hours a week was offered as advice).
    @Test func anImpossibleDateIsNotAnsweredWithAbsurdHours() throws {
        let plan = try planner.plan(request(knowledge: .foundations, hours: 8, exam: start.adding(days: 14)))
        #expect(!plan.feasibility.feasible)
        #expect(!plan.feasibility.message.contains("Study about"), "\(plan.feasibility.message)")
        #expect(plan.feasibility.message.contains("Move the exam"))
    }

    /// The plan's total is the advisor's preparation estimate for the same person: inside its range.
    @Test(arguments: [Profile.MLKnowledge.working, .foundations])
    func thePlanAgreesWithTheAdvisorsHours(knowledge: Profile.MLKnowledge) throws {
        var profile = Profile()
        profile.mlKnowledge = knowledge
        profile.cloud = .aws
        let advice = Advisor(catalog: realCatalog).advise(profile)
        let plan = try planner.plan(request("aws-mla-c01", knowledge: knowledge, hours: 8))
        #expect(plan.totalHours >= advice.prep.studyHours.min && plan.totalHours <= advice.prep.studyHours.max * 1.2,
            "plan \(plan.totalHours) h, advisor \(advice.prep.studyHours.min)-\(advice.prep.studyHours.max) h")
        #expect(!plan.weeks.flatMap(\.activities).contains { $0.title.contains("mlcert ") }, "titles name no command")
    }
}
