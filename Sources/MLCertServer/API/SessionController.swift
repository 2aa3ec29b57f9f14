import Foundation
import Hummingbird
import MLCertPractice

/// `/api/v1/sessions`: start drills, mock exams, diagnostics and reviews, answer, flag, move, submit, and read reports.
///
/// Every action goes through `PracticeService`, which appends the events before it returns, so a 200 means the answer
/// is durable. Every route takes the learner from the login, never from the request, and the engine refuses another
/// learner's session; that refusal is answered exactly like an unknown id (404), so ids reveal nothing.
struct SessionController {
    let practice: PracticeService
    let clock: @Sendable () -> Date

    struct Start: Decodable {
        let kind: String
        let credential: String
        let domains: [String]?
        let objectives: [String]?
        let count: Int?
        let unseen: Bool?
        let missed: Bool?
        let flagged: Bool?
        let timeLimitMinutes: Double?
        let seed: UInt64?
    }

    struct Answer: Decodable {
        let position: Int
        /// Shown letters, `["B"]` or `["A", "D"]` for "choose two".
        let choices: [String]
    }

    struct Flag: Decodable {
        let position: Int
        let flagged: Bool
    }

    struct View: Decodable {
        let position: Int
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("/sessions", use: start)
        group.get("/sessions", use: list)
        group.get("/sessions/{id}", use: show)
        group.post("/sessions/{id}/answers", use: answer)
        group.post("/sessions/{id}/flags", use: flag)
        group.post("/sessions/{id}/views", use: view)
        group.post("/sessions/{id}/submit", use: submit)
        group.get("/sessions/{id}/report", use: report)
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let body = try await JSONBody.decode(Start.self, from: request, context: context)
        let kind = try SessionKindName.kind(body.kind)
        let count = try body.count.map { try SessionLimits.checkedCount($0, field: "count") }
        let minutes = try body.timeLimitMinutes.map { try SessionLimits.checkedMinutes($0, field: "time_limit_minutes") }
        let state: SessionState
        switch kind {
        case .practice:
            let filter = DrillSelector.Filter(domains: Set(body.domains ?? []), objectives: Set(body.objectives ?? []), unseen: body.unseen ?? false,
                missed: body.missed ?? false, flagged: body.flagged ?? false, count: count ?? SessionLimits.defaultDrillCount)
            state = try await practice.startDrill(learnerID: learner, credentialID: body.credential, filter: filter, seed: body.seed)
        case .exam:
            state = try await practice.startExam(learnerID: learner, credentialID: body.credential, seed: body.seed, timeLimitMinutes: minutes)
        case .diagnostic:
            // The server chooses a diagnostic's seed: with a seed of their choosing, parallel diagnostics answered
            // differently would show by their next questions which answer was right.
            state = try await practice.startDiagnostic(learnerID: learner, credentialID: body.credential)
        case .review:
            guard let review = try await practice.startReview(learnerID: learner, credentialID: body.credential, limit: count ?? 20, seed: body.seed) else {
                throw APIError.conflict("no reviews are due for \(body.credential) now", code: "nothing_due")
            }
            state = review
        }
        var headers = HTTPFields()
        headers[.location] = "/api/v1/sessions/\(state.header.id)"
        return JSONResponse.make(detail(state), status: .created, headers: headers)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        return JSONResponse.make(try await practice.sessions(learnerID: learner).map(SessionSummary.init))
    }

    /// The session; `?position=N` shows question N instead of the current one (without moving the learner there).
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let state = try await practice.session(try context.parameters.require("id"), learnerID: learner)
        var position: Int?
        if let text = request.uri.queryParameters["position"] {
            guard let value = Int(text), state.items.contains(where: { $0.position == value }) else {
                throw APIError.invalidField("position", "'\(text)' is not a question of this session (0 to \(max(0, state.items.count - 1)))")
            }
            position = value
        }
        return JSONResponse.make(detail(state, position: position))
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(Answer.self, from: request, context: context)
        let shown = try body.choices.map(Self.index(ofLetter:))
        let outcome = try await practice.perform(.answer(position: body.position, shown: shown), session: id, learnerID: learner)
        return JSONResponse.make(AnswerResult(session: detail(outcome.state, position: body.position), feedback: outcome.feedback))
    }

    @Sendable func flag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(Flag.self, from: request, context: context)
        let outcome = try await practice.perform(.flag(position: body.position, on: body.flagged), session: id, learnerID: learner)
        return JSONResponse.make(detail(outcome.state, position: body.position))
    }

    /// Moves the learner to a question (time per question is counted from these moves).
    @Sendable func view(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(View.self, from: request, context: context)
        let outcome = try await practice.perform(.view(position: body.position), session: id, learnerID: learner)
        return JSONResponse.make(detail(outcome.state))
    }

    /// Ends the session; the report becomes available.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let id = try context.parameters.require("id")
        let outcome = try await practice.perform(.submit, session: id, learnerID: learner)
        return JSONResponse.make(detail(outcome.state))
    }

    /// The report of an ended session: score, pass or fail, domains, pace, and every question with its key,
    /// rationales and explanation. An open session answers 409 `session_open` and reveals nothing.
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let report = try await practice.report(session: try context.parameters.require("id"), learnerID: learner)
        return JSONResponse.make(report)
    }

    private func detail(_ state: SessionState, position: Int? = nil) -> SessionDetail {
        SessionDetail(state: state, position: position, bank: practice.bank, now: clock())
    }

    /// "A" is 0, "B" 1, ...; case-insensitive.
    static func index(ofLetter letter: String) throws -> Int {
        let trimmed = letter.trimmingCharacters(in: .whitespaces).uppercased()
        guard trimmed.count == 1, let scalar = trimmed.unicodeScalars.first, (65...90).contains(scalar.value) else {
            throw APIError.invalidField("choices", "'\(letter)' is not an option letter (A, B, C, ...)")
        }
        return Int(scalar.value) - 65
    }
}
