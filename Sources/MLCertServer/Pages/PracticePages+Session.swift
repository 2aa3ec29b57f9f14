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
            state = try await kit.practice.perform(.view(position: position), session: state.header.id, learnerID: state.header.learnerID).state
        }
        guard !state.isFinished else { return results(state.header.id) }
        guard let view = QuestionView(state: state, position: position, bank: kit.practice.bank) else {
            throw APIError.notFound("question \(position + 1) of session '\(state.header.id)' is no longer in the bank")
        }
        let page = try await kit.chrome("\(PageFormat.kind(state.header.kind.rawValue)): question \(view.number)", .practice, context: context,
            error: error?.message)
        return try kit.html(QuestionPage(state: state, view: view, now: kit.dependencies.clock(), page: page), "question", status: error?.status ?? .ok)
    }

    /// Runs a session command; a finished or timed-out session sends the learner to its results instead.
    private func perform(_ command: SessionEngine.Command, id: String, learnerID: String) async throws -> PracticeService.Outcome? {
        do {
            return try await kit.practice.perform(command, session: id, learnerID: learnerID)
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
        guard let position = form.value("position").flatMap(Int.init), state.items.contains(where: { $0.position == position }) else {
            throw APIError.invalidField("position", "'\(form.value("position") ?? "")' is not a question of this session")
        }
        let letters = form.values("choice")
        var shown: [Int] = []
        for letter in letters {
            guard let index = ItemOption.index(forLetter: letter) else { throw APIError.invalidField("choice", "'\(letter)' is not an option letter") }
            shown.append(index)
        }
        if shown.isEmpty {
            return try await questionPage(state, position: position, context: context, error: .invalidField("choice", "choose an answer first"))
        }
        let outcome: PracticeService.Outcome?
        do {
            outcome = try await perform(.answer(position: position, shown: shown), id: id, learnerID: signedIn.learnerID)
        } catch let error as SessionError {
            switch error {
            case .wrongNumberOfChoices, .noSuchOption:
                return try await questionPage(state, position: position, context: context, error: APIError.from(session: error))
            case .alreadyAnswered:
                return kit.redirect(state.header.kind.givesImmediateFeedback ? "/sessions/\(id)/feedback?q=\(position + 1)" : "/sessions/\(id)")
            default: throw error
            }
        }
        guard let outcome else { return results(id) }
        switch state.header.kind {
        case .practice, .review:
            return kit.redirect("/sessions/\(id)/feedback?q=\(position + 1)")
        case .diagnostic:
            return outcome.state.isFinished ? results(id) : kit.redirect("/sessions/\(id)")
        case .exam:
            let positions = state.items.map(\.position).sorted()
            let index = positions.firstIndex(of: position) ?? 0
            // The hidden `go` field comes first and the pressed button's value last, so the last one wins.
            let target = switch form.values("go").last {
            case "next": positions[min(index + 1, positions.count - 1)]
            case "prev": positions[max(index - 1, 0)]
            default: position
            }
            return kit.redirect("/sessions/\(id)?q=\(target + 1)")
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
        let page = try await kit.chrome("Feedback on question \(number)", .practice, context: context)
        return try kit.html(FeedbackPage(feedback: feedback, view: view, state: state, page: page), "feedback")
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
        let page = try await kit.chrome("\(PageFormat.kind(report.kind.rawValue)) results", .practice, context: context)
        return try kit.html(ResultsPage(report: report, catalog: kit.catalog, page: page), "results")
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let learner = signedIn.learnerID
        let history = try await kit.practice.history(learnerID: learner)
        guard let id = credentialID(requested: request.uri.queryParameters.get("credential"), sessions: history.sessions.reversed()) else {
            throw APIError.notFound("no credential to show progress for")
        }
        let (credential, _) = try kit.practice.resolve(id)
        let report = try await kit.practice.progress(learnerID: learner, credentialID: id)
        let format = try? ExamFormat(credential: credential)
        let page = try await kit.chrome("Progress", .progress, context: context)
        return try kit.html(ProgressPage(progress: report, sessions: history.sessions, format: format, catalog: kit.catalog, page: page), "progress")
    }
}
