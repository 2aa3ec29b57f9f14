import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// Practice for signed-in learners: the hub, starting sessions, the question pages, answering, flagging, submitting,
/// drill feedback, results and the progress dashboard.
///
/// Every session route goes through `PracticeService.session(_:learnerID:)`, which refuses another learner's session;
/// the refusal maps to the same 404 as a missing id. The server's clock decides whether an exam is over: any request
/// after the deadline finds it submitted.
struct PracticePages: Sendable {
    let kit: PageKit

    func register(on router: Router<AppRequestContext>) {
        router.get("/practice", use: hub)
        router.post("/practice/switch", use: switchCredential)
        router.post("/practice/drill", use: startDrill)
        router.post("/practice/exam", use: startExam)
        router.post("/practice/diagnostic", use: startDiagnostic)
        router.post("/practice/review", use: startReview)
        router.get("/sessions/:id", use: question)
        router.post("/sessions/:id/answer", use: answer)
        router.post("/sessions/:id/autosave", use: autosave)
        router.get("/sessions/:id/review", use: examReview)
        router.get("/sessions/:id/report", use: problemReportForm)
        router.post("/sessions/:id/report", use: problemReport)
        router.post("/sessions/:id/flag", use: flag)
        router.post("/sessions/:id/submit", use: submit)
        router.get("/sessions/:id/feedback", use: feedback)
        router.get("/sessions/:id/results", use: results)
        router.get("/progress", use: progress)
        router.post("/progress/exam-date", use: setExamDate)
    }

    // MARK: Hub and starting sessions

    /// The credential the learner asked for, else the one of their latest session, else the first active one.
    func credentialID(requested: String?, sessions: [SessionState]) -> String? {
        let active = PageFormat.credentialChoices(kit.catalog, selected: nil).map(\.id)
        if let requested, active.contains(requested) { return requested }
        if let recent = sessions.first(where: { active.contains($0.header.credentialID) }) { return recent.header.credentialID }
        return active.first
    }

    @Sendable func hub(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let query = request.uri.queryParameters
        let domains: [String] = query.getAll("domain")
        let limits = SessionLimits.questionCount
        let count = query.get("count").flatMap { Int($0) }.map { min(max($0, limits.lowerBound), limits.upperBound) }
        return try await hubPage(query.get("credential"), signedIn: signedIn, context: context, domains: Set(domains), count: count)
    }

    /// The hub's "Switch" button (and the script, when the credential list changes): the same page for another credential.
    @Sendable func switchCredential(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.signedIn != nil else { return kit.loginRedirect(request) }
        let form = try await kit.form(request, context: context)
        return kit.redirect("/practice?credential=\(PageQuery.escape(form.value("credential") ?? ""))")
    }

    private func hubPage(_ requested: String?, signedIn: SignedIn, context: AppRequestContext, notice: String? = nil, error: APIError? = nil,
                         domains: Set<String> = [], count: Int? = nil) async throws -> Response
    {
        if let requested, let credential = kit.catalog.credential(id: requested), credential.isRetired {
            throw PracticeError.retired(requested, successor: kit.catalog.activeSuccessor(of: credential)?.id)
        }
        let sessions = try await kit.practice.sessions(learnerID: signedIn.learnerID)
        guard let id = credentialID(requested: requested, sessions: sessions) else { throw APIError.notFound("no credential to practise") }
        let (credential, blueprint) = try kit.practice.resolve(id)
        let deck = try await kit.practice.deck(learnerID: signedIn.learnerID)
        let due = deck.due(credential: id, at: kit.dependencies.clock()).count
        let page = try await kit.chrome("Practice", .practice, context: context, notice: notice, error: error.map(ErrorPage.sentence))
        return try kit.html(PracticePage(catalog: kit.catalog, credential: credential, blueprint: blueprint, sessions: sessions, reviewsDue: due, domains: domains,
            count: count, page: page),
            "practice", status: error?.status ?? .ok)
    }

    /// Starts a session from a hub form; refusals (nothing matches, retired credential) come back on the hub.
    private func start(_ request: Request, context: AppRequestContext, _ begin: (SignedIn, FormFields, String) async throws -> SessionState?)
        async throws -> Response
    {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let form = try await kit.form(request, context: context)
        guard let credential = form.value("credential"), !credential.isEmpty else { throw APIError.invalidField("credential", "choose a credential") }
        do {
            guard let state = try await begin(signedIn, form, credential) else {
                return try await hubPage(credential, signedIn: signedIn, context: context, notice: "Nothing is due for review right now.")
            }
            return kit.redirect("/sessions/\(state.header.id)")
        } catch HubRefusal.domainsOfAnotherCredential(let id) {
            return try await hubPage(id, signedIn: signedIn, context: context,
                notice: "You chose \(PageFormat.credentialName(id, in: kit.catalog)): tick its domains below (or none for all), then start the drill.")
        } catch {
            guard let apiError = APIError.from(error), apiError.status.code < 500, apiError.status != .notFound else { throw error }
            return try await hubPage(credential, signedIn: signedIn, context: context, error: apiError)
        }
    }

    enum HubRefusal: Error { case domainsOfAnotherCredential(String) }

    @Sendable func startDrill(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context: context) { signedIn, form, credential in
            let countText = form.value("count")?.trimmingCharacters(in: .whitespaces) ?? ""
            var count = SessionLimits.defaultDrillCount
            if !countText.isEmpty {
                guard let value = Int(countText) else { throw APIError.invalidField("count", "'\(countText)' is not a number of questions from 1 to 100") }
                count = try SessionLimits.checkedCount(value, field: "count")
            }
            // Domains ticked for another credential (the list was changed but not switched) are not this credential's:
            // the hub comes back for the chosen credential, with its own domains, instead of an error about ids.
            let ticked = Set(form.values("domain").filter { !$0.isEmpty })
            let known = Set(try kit.practice.resolve(credential).1.domains.map(\.id))
            let anyCredential = Set(kit.catalog.credentials.flatMap { $0.currentBlueprint?.domains.map(\.id) ?? [] })
            if !ticked.isSubset(of: known) && ticked.isSubset(of: anyCredential) { throw HubRefusal.domainsOfAnotherCredential(credential) }
            let filter = DrillSelector.Filter(domains: ticked, unseen: form.value("unseen") == "1", missed: form.value("missed") == "1", count: count)
            return try await kit.practice.startDrill(learnerID: signedIn.learnerID, credentialID: credential, filter: filter)
        }
    }

    @Sendable func startExam(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context: context) { signedIn, form, credential in
            let text = form.value("minutes")?.trimmingCharacters(in: .whitespaces) ?? ""
            var minutes: Double?
            if !text.isEmpty {
                guard let value = Double(text) else {
                    throw APIError.invalidField("minutes", "'\(text)' is not a time limit of more than 0 and at most 600 minutes")
                }
                minutes = try SessionLimits.checkedMinutes(value, field: "minutes", text: text)
            }
            return try await kit.practice.startExam(learnerID: signedIn.learnerID, credentialID: credential, timeLimitMinutes: minutes)
        }
    }

    @Sendable func startDiagnostic(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context: context) { signedIn, _, credential in
            try await kit.practice.startDiagnostic(learnerID: signedIn.learnerID, credentialID: credential)
        }
    }

    @Sendable func startReview(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await start(request, context: context) { signedIn, _, credential in
            try await kit.practice.startReview(learnerID: signedIn.learnerID, credentialID: credential)
        }
    }
}
