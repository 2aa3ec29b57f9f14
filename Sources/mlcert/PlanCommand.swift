import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice

/// `mlcert plan`: a week-by-week study plan for one credential.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Build a week-by-week study plan fitted to your hours, exam date and weak domains.",
        discussion: """
            --results takes JSON of proportion correct per domain, e.g. {"automating-pipelines": 0.45}, and shifts hours
            toward weak domains. --from-progress takes the same figures from your practice history instead (the latest answer
            to each question, as `mlcert progress` shows them), and the exam date you set with `mlcert review --exam-date`
            or `mlcert progress --exam-date` unless --exam-date is given: run it again after practice to re-plan.
            --format ics writes an iCalendar file of study sessions (use --output).
            """)

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable { case table, json, markdown, ics }

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Credential id, e.g. google-pmle.") var cert: String
    @Option(help: "Study hours a week (default: the profile's weekly_study_hours).") var hoursPerWeek: Double?
    @Option(help: "First day of the plan, YYYY-MM-DD (default: today).") var start: String?
    @Option(help: "Exam date, YYYY-MM-DD.") var examDate: String?
    @Option(help: "Practice results JSON: {domain id: proportion correct}.") var results: String?
    @Flag(help: "Re-plan from your practice results in the learner database instead of --results.") var fromProgress = false
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Output format: table, json, markdown or ics.") var format: PlanFormat = .table
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        if fromProgress && results != nil { throw ValidationError("give either --results or --from-progress, not both") }
    }

    func run() async throws {
        let content = try contentOptions.loadContent()
        let profile = try profileOptions.resolve()
        var results = try loadResults()
        var examDay = try parseDay(examDate, flag: "--exam-date")
        if fromProgress {
            let practice = try await progress()
            results = practice.domainResults
            examDay = examDay ?? practice.examDate
            if results.isEmpty {
                FileHandle.standardError.write(Data("note: no practice results for \(cert) yet; the plan follows the exam guide's weights\n".utf8))
            }
        }
        let request = PlanRequest(
            credential: cert, profile: profile, start: try parseDay(start, flag: "--start") ?? Day.today(),
            hoursPerWeek: hoursPerWeek ?? profile.weeklyStudyHours, examDate: examDay, domainResults: results)
        let plan: StudyPlan
        do { plan = try Planner(catalog: content.catalog).plan(request) } catch { throw ValidationFailure(message: "error: \(error.description)") }
        let text: String
        switch format {
        case .table: text = PlanView(plan: plan, catalog: content.catalog).renderTable()
        case .markdown: text = PlanView(plan: plan, catalog: content.catalog).renderMarkdown()
        case .json: text = try JSONOutput.encode(plan)
        case .ics: text = ICalendarExport(plan: plan, examName: content.catalog.credential(id: plan.credential)?.name).render()
        }
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            emit("wrote \(output)" + (plan.feasibility.feasible ? "" : "\nNOT FEASIBLE: \(plan.feasibility.message)"))
        } else {
            print(text, terminator: format == .ics ? "" : "\n")
        }
    }

    private func parseDay(_ text: String?, flag: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw ValidationFailure(message: "\(flag): '\(text)' is not a date; expected YYYY-MM-DD") }
        return day
    }

    /// The learner's progress on the credential, from the learner database.
    private func progress() async throws -> ProgressReport {
        try await storeOptions.withService(content: contentOptions) { service in
            do {
                return try await service.progress(learnerID: storeOptions.learnerID, credentialID: cert)
            } catch { throw practiceFailure(error) }
        }
    }

    private func loadResults() throws -> [String: Double] {
        guard let path = results else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationFailure(message: "cannot read results file '\(path)'") }
        do {
            return try JSONDecoder().decode([String: Double].self, from: data)
        } catch {
            throw ValidationFailure(message: "\(path): expected a JSON object of domain id to proportion correct (0 to 1)")
        }
    }
}
