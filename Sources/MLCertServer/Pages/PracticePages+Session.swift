import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// The pages of one session: the question on screen, answering, flagging, submitting, drill feedback and results.
extension PracticePages {
    private func sessionID(_ context: AppRequestContext) throws -> String { try context.parameters.require("id") }

    private func results(_ id: String) -> Response { kit.redirect("/sessions/\(id)/results") }

    /// The question page for `position`, recording that the learner is looking at it (time per question comes from
    /// these views). An error (a refused answer) is shown on the page with its status.
    private func questionPage(_ state: SessionState, position: Int, context: AppRequestContext, error: APIError? = nil) async throws -> Response {
        var state = state
        if state.cursor != position || state.viewStartedAt == nil {
            guard let moved = try await perform(.view(position: position), id: state.header.id, learnerID: state.header.learnerID) else {
                return results(state.header.id)
            }
            state = moved.state
        }
        guard !state.isFinished else { return results(state.header.id) }
        guard let view = QuestionView(state: state, position: position, bank: kit.practice.bank) else {
            throw APIError.notFound("question \(position + 1) of session '\(state.header.id)' is no longer in the bank")
        }
        let page = try await kit.chrome("\(PageFormat.kind(state.header.kind.rawValue)): question \(view.number)", .practice, context: context,
            error: error.map(ErrorPage.sentence))
        return try kit.html(QuestionPage(state: state, view: view, catalog: kit.catalog, now: kit.dependencies.clock(), page: page), "question",
            status: error?.status ?? .ok)
    }

    /// Runs a session command; a finished or timed-out session sends the learner to its results instead.
    ///
    /// A conflict (another request of the same learner wrote first: a click saved by the script while the Next button
    /// carries the same selection) is retried once on the fresh log; the commands a page sends are idempotent there.
    private func perform(_ command: SessionEngine.Command, id: String, learnerID: String) async throws -> PracticeService.Outcome? {
        do {
            do {
                return try await kit.practice.perform(command, session: id, learnerID: learnerID)
            } catch SessionError.conflict {
                return try await kit.practice.perform(command, session: id, learnerID: learnerID)
            }
        } catch SessionError.timeUp {
            return nil
        } catch SessionError.finished {
            return nil
        }
    }

    @Sendable func question(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        if state.isFinished { return results(id) }
        let requested = request.uri.queryParameters.get("q").flatMap(Int.init)
        guard let position = QuestionPage.position(in: state, requestedNumber: requested) else { return results(id) }
        do {
            return try await questionPage(state, position: position, context: context)
        } catch SessionError.timeUp {
            return results(id)
        }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let form = try await kit.form(request, context: context)
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        if state.isFinished { return results(id) }
        let position = try Self.position(form, in: state)
        let shown = try Self.shownChoices(form)
        guard state.header.kind == .exam else {
            return try await answerAndGiveFeedback(state, position: position, shown: shown, context: context, learnerID: signedIn.learnerID)
        }
        // A mock exam: save the selection on screen first (if it changed), whichever button was pressed, then go.
        do {
            guard try await saveSelection(state, position: position, shown: shown, learnerID: signedIn.learnerID) != nil else { return results(id) }
        } catch let error as SessionError where Self.isChoiceError(error) {
            return try await questionPage(state, position: position, context: context, error: APIError.from(session: error))
        }
        let go = form.values("go").last ?? "stay"
        if go == "flag" || go == "unflag" {
            guard try await perform(.flag(position: position, on: go == "flag"), id: id, learnerID: signedIn.learnerID) != nil else { return results(id) }
        }
        if go == "review" { return kit.redirect("/sessions/\(id)/review") }
        return kit.redirect("/sessions/\(id)?q=\(Self.target(of: go, from: position, in: state) + 1)")
    }

    /// Saves a click at once (`exam.js` posts here on every change of selection) and answers with the counts the page
    /// updates: the grid cell of the question and the line under the grid. Errors come back as the JSON error shape.
    @Sendable func autosave(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        let id = try sessionID(context)
        let form = try await kit.form(request, context: context)
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        guard state.header.kind == .exam else { throw APIError.conflict("only a mock exam saves answers before they are checked", code: "not_an_exam") }
        if state.isFinished { throw APIError.from(session: .finished) }
        let position = try Self.position(form, in: state)
        guard let saved = try await saveSelection(state, position: position, shown: try Self.shownChoices(form), learnerID: signedIn.learnerID) else {
            throw APIError.from(session: .timeUp)
        }
        let cell = ExamGrid.cells(saved, current: position).first { $0.number == position + 1 }
        return JSONResponse.make(AutosaveResult(saved: true, selected: saved.answers[position]?.selected.count ?? 0,
            choose: saved.items.first { $0.position == position }?.choose ?? 1, counts: ExamGrid.counts(saved), cellState: cell?.state ?? "unanswered",
            cellLabel: cell?.label ?? "", cellMark: cell?.mark ?? ""))
    }

    struct AutosaveResult: Encodable {
        let saved: Bool
        let selected: Int
        let choose: Int
        let counts: String
        let cellState: String
        let cellLabel: String
        let cellMark: String
    }

    /// The review screen before a mock exam is submitted.
    @Sendable func examReview(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        if state.isFinished { return results(id) }
        guard state.header.kind == .exam else { return kit.redirect("/sessions/\(id)") }
        let page = try await kit.chrome("Review before you submit", .practice, context: context)
        return try kit.html(ExamReviewPage(state: state, catalog: kit.catalog, now: kit.dependencies.clock(), page: page), "exam-review")
    }

    /// Records the selection on screen unless it is what the store already holds; nil when the exam is over.
    private func saveSelection(_ state: SessionState, position: Int, shown: [Int], learnerID: String) async throws -> SessionState? {
        let presented = state.items.first { $0.position == position }
        let stored = state.answers[position].flatMap { answer in presented.map { $0.shownIndices(forAuthored: answer.selected) } } ?? []
        if Set(shown) == Set(stored) { return state }
        return try await perform(.answer(position: position, shown: shown), id: state.header.id, learnerID: learnerID)?.state
    }

    /// Drills, reviews and diagnostics: record the answer, then feedback (drill, review) or the next question.
    private func answerAndGiveFeedback(_ state: SessionState, position: Int, shown: [Int], context: AppRequestContext, learnerID: String)
        async throws -> Response
    {
        let id = state.header.id
        if shown.isEmpty {
            return try await questionPage(state, position: position, context: context, error: .badRequest("Choose an answer first.", code: "invalid_field"))
        }
        let outcome: PracticeService.Outcome?
        do {
            outcome = try await perform(.answer(position: position, shown: shown), id: id, learnerID: learnerID)
        } catch let error as SessionError where Self.isChoiceError(error) {
            return try await questionPage(state, position: position, context: context, error: APIError.from(session: error))
        } catch SessionError.alreadyAnswered {
            return kit.redirect(state.header.kind.givesImmediateFeedback ? "/sessions/\(id)/feedback?q=\(position + 1)" : "/sessions/\(id)")
        }
        guard let outcome else { return results(id) }
        if state.header.kind.givesImmediateFeedback { return kit.redirect("/sessions/\(id)/feedback?q=\(position + 1)") }
        return outcome.state.isFinished ? results(id) : kit.redirect("/sessions/\(id)")
    }

    private static func isChoiceError(_ error: SessionError) -> Bool {
        switch error {
        case .wrongNumberOfChoices, .noSuchOption: true
        default: false
        }
    }

    private static func position(_ form: FormFields, in state: SessionState) throws -> Int {
        guard let position = form.value("position").flatMap(Int.init), state.items.contains(where: { $0.position == position }) else {
            throw APIError.invalidField("position", "'\(form.value("position") ?? "")' is not a question of this session")
        }
        return position
    }

    private static func shownChoices(_ form: FormFields) throws -> [Int] {
        try form.values("choice").map { letter in
            guard let index = ItemOption.index(forLetter: letter) else { throw APIError.invalidField("choice", "'\(letter)' is not an option letter") }
            return index
        }
    }

    /// Where a mock-exam button leads: the next or previous question, a grid cell's question ("q12"), or this one.
    static func target(of go: String, from position: Int, in state: SessionState) -> Int {
        let positions = state.items.map(\.position).sorted()
        let index = positions.firstIndex(of: position) ?? 0
        switch go {
        case "next": return positions[min(index + 1, positions.count - 1)]
        case "prev": return positions[max(index - 1, 0)]
        default:
            if go.hasPrefix("q"), let number = Int(go.dropFirst()), positions.contains(number - 1) { return number - 1 }
            return position
        }
    }

    @Sendable func flag(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let form = try await kit.form(request, context: context)
        guard let position = form.value("position").flatMap(Int.init) else {
            throw APIError.invalidField("position", "'\(form.value("position") ?? "")' is not a question number")
        }
        let on = form.value("on") != "0"
        guard try await perform(.flag(position: position, on: on), id: id, learnerID: signedIn.learnerID) != nil else { return results(id) }
        return kit.redirect("/sessions/\(id)?q=\(position + 1)")
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        _ = try await perform(.submit, id: id, learnerID: signedIn.learnerID)
        return results(id)
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        // Feedback exists only where the session kind gives it; a mock exam or diagnostic has no such page at all.
        guard state.header.kind.givesImmediateFeedback else { throw APIError.notFound("session '\(id)' gives no feedback before it ends") }
        guard let number = request.uri.queryParameters.get("q").flatMap(Int.init),
              let presented = state.items.first(where: { $0.position == number - 1 })
        else { throw APIError.invalidField("q", "not a question number of this session") }
        guard let answer = state.answers[presented.position] else { return kit.redirect("/sessions/\(id)") }
        guard let item = kit.practice.bank.item(presented.itemID), let feedback = AnswerFeedback(item: item, presented: presented, answer: answer),
              let view = QuestionView(state: state, position: presented.position, bank: kit.practice.bank)
        else { throw APIError.notFound("question \(number) is no longer in the bank") }
        var page = try await kit.chrome("Feedback on question \(number)", .practice, context: context)
        page.examScript = true
        return try kit.html(FeedbackPage(feedback: feedback, view: view, state: state, catalog: kit.catalog, item: item, page: page), "feedback")
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let report: SessionReport
        do {
            report = try await kit.practice.report(session: id, learnerID: signedIn.learnerID)
        } catch PracticeError.sessionStillOpen {
            return kit.redirect("/sessions/\(id)")
        }
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        var readiness: ReadinessInWords?
        if let r = report.readiness, let (credential, blueprint) = try? kit.practice.resolve(report.credentialID, allowRetired: true),
           let format = try? ExamFormat(credential: credential) {
            let due = try await kit.practice.deck(learnerID: signedIn.learnerID).due(credential: credential.id, at: kit.dependencies.clock()).count
            readiness = ReadinessInWords(report: r, format: format, bank: kit.practice.bank.items(credential: credential.id, blueprint: blueprint),
                blueprint: blueprint, reviewsDue: due)
        }
        let query = ResultsReview.Query(show: request.uri.queryParameters.get("show"), page: request.uri.queryParameters.get("page"),
            open: request.uri.queryParameters.get("open"))
        let page = try await kit.chrome("\(PageFormat.kind(report.kind.rawValue)) results", .practice, context: context)
        return try kit.html(ResultsPage(report: report, catalog: kit.catalog, bank: kit.practice.bank, query: query, maxItems: state.header.settings.maxItems,
            readiness: readiness, page: page), "results")
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let saved = request.uri.queryParameters.get("saved") == "exam-date" ? "Your exam date is saved." : nil
        return try await progressPage(request.uri.queryParameters.get("credential"), signedIn: signedIn, context: context, notice: saved)
    }

    private func progressPage(_ requested: String?, signedIn: SignedIn, context: AppRequestContext, notice: String? = nil, error: APIError? = nil)
        async throws -> Response
    {
        let learner = signedIn.learnerID
        let history = try await kit.practice.history(learnerID: learner)
        guard let id = credentialID(requested: requested, sessions: history.sessions.reversed()) else {
            throw APIError.notFound("There is no credential to show progress for yet.")
        }
        let (credential, blueprint) = try kit.practice.resolve(id)
        let report = try await kit.practice.progress(learnerID: learner, credentialID: id)
        let format = try ExamFormat(credential: credential)
        let bank = kit.practice.bank.items(credential: id, blueprint: blueprint)
        let estimator = ReadinessEstimator(format: format, blueprint: blueprint, bank: bank)
        let milestones = ProgressPage.milestones(history: history, estimator: estimator, credential: id)
        let page = try await kit.chrome("Progress", .progress, context: context, notice: notice, error: error.map(ErrorPage.sentence))
        let today = Day.today(now: kit.dependencies.clock(), calendar: SVGText.utc)
        return try kit.html(ProgressPage(progress: report, milestones: milestones, sessions: history.sessions, format: format, bank: bank, blueprint: blueprint,
            catalog: kit.catalog, today: today, page: page), "progress", status: error?.status ?? .ok)
    }

    /// The problem-report form for question `q` of a session, with the learner's earlier reports on it.
    @Sendable func problemReportForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let number = request.uri.queryParameters.get("q").flatMap(Int.init) ?? 0
        let notice = request.uri.queryParameters.get("sent") == "1"
            ? "Thank you: your report on question \(number) is received. The authors will look at it." : nil
        return try await problemReportPage(id, number: number, signedIn: signedIn, context: context, notice: notice)
    }

    private func problemReportPage(_ id: String, number: Int, signedIn: SignedIn, context: AppRequestContext, notice: String? = nil, error: APIError? = nil)
        async throws -> Response
    {
        let state = try await kit.practice.session(id, learnerID: signedIn.learnerID)
        guard let view = QuestionView(state: state, position: number - 1, bank: kit.practice.bank) else {
            throw APIError.invalidField("q", "There is no question \(number) in this session.")
        }
        let reports = try await kit.practice.itemReports(learnerID: signedIn.learnerID)
        let page = try await kit.chrome("Report a problem", .practice, context: context, notice: notice, error: error.map(ErrorPage.sentence))
        return try kit.html(ProblemReportPage(state: state, view: view, reports: reports, chosen: nil, page: page), "problem-report",
            status: error?.status ?? .ok)
    }

    /// Stores a problem report and shows it as received.
    @Sendable func problemReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let id = try sessionID(context)
        let form = try await kit.form(request, context: context)
        let number = form.value("q").flatMap(Int.init) ?? 0
        guard let kind = form.value("kind").flatMap(ItemReport.Kind.init(rawValue:)) else {
            return try await problemReportPage(id, number: number, signedIn: signedIn, context: context,
                error: .badRequest("Choose what is wrong with the question.", code: "invalid_field"))
        }
        _ = try await kit.practice.reportProblem(session: id, questionNumber: number, kind: kind, comment: form.value("comment") ?? "",
            learnerID: signedIn.learnerID)
        return kit.redirect("/sessions/\(id)/report?q=\(number)&sent=1")
    }

    /// Sets or clears the exam date of one credential; progress, the review schedule and the plan read it.
    @Sendable func setExamDate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let form = try await kit.form(request, context: context)
        guard let credential = form.value("credential"), kit.catalog.credential(id: credential) != nil else {
            throw APIError.invalidField("credential", "Choose a credential from the list.")
        }
        let text = form.value("exam_date")?.trimmingCharacters(in: .whitespaces) ?? ""
        var day: Day?
        if !text.isEmpty {
            let today = Day.today(now: kit.dependencies.clock(), calendar: SVGText.utc)
            guard let parsed = Day(text) else {
                return try await progressPage(credential, signedIn: signedIn, context: context,
                    error: .badRequest("“\(text)” is not a date. Pick a day in the calendar, or write it as 2027-03-01.", code: "invalid_field"))
            }
            guard parsed >= today else {
                return try await progressPage(credential, signedIn: signedIn, context: context,
                    error: .badRequest("\(parsed) has already passed. Choose today or a later day.", code: "invalid_field"))
            }
            day = parsed
        }
        try await kit.practice.setExamDate(day, credentialID: credential, learnerID: signedIn.learnerID)
        return kit.redirect("/progress?credential=\(PageQuery.escape(credential))&saved=exam-date#exam-date")
    }
}
