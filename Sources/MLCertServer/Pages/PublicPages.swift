import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// Pages that need no account: home, the catalog, a credential, the advisor and the study planner. The advisor and
/// the planner are GET forms, so their results are links that can be bookmarked and need no CSRF token.
struct PublicPages: Sendable {
    let kit: PageKit

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/catalog", use: catalog)
        router.get("/catalog/:id", use: credential)
        router.get("/advise", use: advise)
        router.get("/about/readiness", use: aboutReadiness)
        router.get("/advice", use: advice)
        router.get("/plan", use: planForm)
        router.get("/plan/result", use: plan)
        router.get("/plan.ics", use: planCalendar)
        // Download managers and link checkers ask HEAD first; answer it like GET (Hummingbird drops the body).
        router.head("/plan.ics", use: planCalendar)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        // After an account is deleted, or after signing out, the browser lands here, told so.
        let query = request.uri.queryParameters
        let notice = query.get("deleted") == "1" ? "Your account and everything stored with it have been deleted."
            : query.get("signed_out") == "1" && context.signedIn == nil ? "You are signed out." : nil
        var sessions: [SessionState] = []
        var due: [(String, Int)] = []
        if let signedIn = context.signedIn {
            sessions = try await kit.practice.sessions(learnerID: signedIn.learnerID)
            let deck = try await kit.practice.deck(learnerID: signedIn.learnerID)
            let now = kit.dependencies.clock()
            for id in Set(sessions.map(\.header.credentialID)).sorted() {
                let count = deck.due(credential: id, at: now).count
                if count > 0 { due.append((id, count)) }
            }
        }
        let page = try await kit.chrome("Home", .home, context: context, notice: notice)
        return try kit.html(HomePage(catalog: kit.catalog, sessions: sessions, reviewsDue: due, now: kit.dependencies.clock(), page: page), "home")
    }

    /// What the readiness figures mean and assume, linked from every readiness summary.
    @Sendable func aboutReadiness(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct About: Sendable { let page: PageChrome }
        return try kit.html(About(page: try await kit.chrome("How readiness is estimated", .progress, context: context)), "about-readiness")
    }

    @Sendable func catalog(_ request: Request, context: AppRequestContext) async throws -> Response {
        var page = try await kit.chrome("Catalog", .catalog, context: context)
        page.wide = true
        return try kit.html(CatalogPage(catalog: kit.catalog, page: page), "catalog")
    }

    @Sendable func credential(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let credential = try kit.catalog.requireCredential(id)
        // What changed since the previous guide, with the signed-in learner's weak areas on either guide.
        var results: [AreaResult]?
        if let signedIn = context.signedIn, (credential.blueprints?.count ?? 0) > 1 {
            results = try await kit.practice.history(learnerID: signedIn.learnerID).areaResults(credential: credential.id)
        }
        return try kit.html(CredentialPage(credential: credential, catalog: kit.catalog, areaResults: results,
            page: try await kit.chrome(credential.name, .catalog, context: context)), "credential")
    }

    @Sendable func advise(_ request: Request, context: AppRequestContext) async throws -> Response {
        // "Change my answers" links back here with the previous answers; a bad value just falls back to the default.
        var profile = Profile()
        for key in Profile.Key.allCases {
            if let text = request.uri.queryParameters.get(key.rawValue) { try? profile.set(key, text: text) }
        }
        return try kit.html(AdvisePage(profile: profile, page: try await kit.chrome("Advisor", .advise, context: context)), "advise")
    }

    @Sendable func advice(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query: [String: String] = [:]
        for key in Profile.Key.allCases { query[key.rawValue] = request.uri.queryParameters.get(key.rawValue) }
        let profile: Profile
        do {
            profile = try AdvisePage.profile(from: query)
        } catch {
            // Named by the question as the form asks it, not by the profile key.
            let prompt = Questionnaire.questions.first { $0.key.rawValue == error.key }?.prompt
            let sentence = prompt.map { "Check your answer to “\($0)”: \(error.message)." } ?? "\(error.message)."
            let page = try await kit.chrome("Advisor", .advise, context: context, error: sentence)
            var partial = Profile()
            for key in Profile.Key.allCases { if let text = query[key.rawValue] { try? partial.set(key, text: text) } }
            return try kit.html(AdvisePage(profile: partial, page: page), "advise", status: .badRequest)
        }
        let advice = Advisor(catalog: kit.catalog).advise(profile)
        return try kit.html(AdvicePage(advice: advice, profile: profile, catalog: kit.catalog, page: try await kit.chrome("Your verdict", .advise, context: context)),
            "advice")
    }

    @Sendable func planForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await planFormPage(request, context: context)
    }

    /// The plan form, filled from the query; a signed-in learner's saved exam date fills the date when the query has none.
    private func planFormPage(_ request: Request, context: AppRequestContext, selected: String? = nil, message: String? = nil) async throws -> Response {
        let q = request.uri.queryParameters
        let credential = selected ?? q.get("credential")
        let hours = q.get("hours").flatMap(Double.init).flatMap { (1...80).contains($0) ? $0 : nil } ?? 8
        var examDate = q.get("exam_date").flatMap(Day.init)
        if examDate == nil, let signedIn = context.signedIn, let id = credential ?? PageFormat.credentialChoices(kit.catalog, selected: nil).first?.id {
            examDate = try await kit.dependencies.store.learner(id: signedIn.learnerID)?.examDates[id]
        }
        let weak = selected == nil ? q.getAll("weak") : []
        let knowledge = q.get("knowledge").flatMap(Profile.MLKnowledge.init(rawValue:)) ?? .working
        let today = Day.today(now: kit.dependencies.clock(), calendar: SVGText.utc)
        let page = PlanFormPage(catalog: kit.catalog, selected: credential, hours: hours, examDate: examDate, weak: weak,
            fromProgress: q.get("from_progress") == "1", knowledge: knowledge, today: today,
            page: try await kit.chrome("Study plan", .plan, context: context, error: message))
        return try kit.html(page, "plan-form", status: message == nil ? .ok : .badRequest)
    }

    /// The plan query and the plan, or the form again with the offending field named (400).
    private func makePlan(_ request: Request, context: AppRequestContext) async throws -> PlanOutcome {
        let q = request.uri.queryParameters
        do {
            let query = try PlanQuery(credential: q.get("credential"), hours: q.get("hours"), examDate: q.get("exam_date"), weak: q.getAll("weak"),
                fromProgress: q.get("from_progress") == "1", knowledge: q.get("knowledge"))
            var practice: [String: Double]?
            if query.fromProgress, let signedIn = context.signedIn {
                practice = try await kit.practice.progress(learnerID: signedIn.learnerID, credentialID: query.credential).domainResults
            }
            let today = Day.today(now: kit.dependencies.clock(), calendar: SVGText.utc)
            let plan = try Planner(catalog: kit.catalog).plan(query.request(start: today, practice: practice))
            return .plan(query, plan)
        } catch let error as FormFieldError {
            return .form(try await planFormPage(request, context: context, message: error.description))
        } catch let error as PlanError {
            switch error {
            case .catalog: throw APIError.notFound(error.description)
            case .retired: throw error
            case .unknownDomain(_, let credential, _):
                // Boxes ticked for another credential (the list was changed): the form again, with this credential's domains.
                return .form(try await planFormPage(request, context: context, selected: credential,
                    message: "You chose \(PageFormat.credentialName(credential, in: kit.catalog)): tick its weak domains below, then make the plan."))
            default:
                return .form(try await planFormPage(request, context: context, message: error.description))
            }
        }
    }

    /// A plan, or the form to show again.
    enum PlanOutcome {
        case plan(PlanQuery, StudyPlan)
        case form(Response)
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await makePlan(request, context: context) {
        case .form(let response): return response
        case .plan(let query, let plan):
            let name = PageFormat.credentialName(plan.credential, in: kit.catalog)
            return try kit.html(PlanPage(plan: plan, query: query, catalog: kit.catalog, page: try await kit.chrome("Plan for \(name)", .plan, context: context)),
                "plan")
        }
    }

    @Sendable func planCalendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await makePlan(request, context: context) {
        case .form(let response): return response
        case .plan(_, let plan):
            var headers = HTTPFields()
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"mlcert-\(plan.credential)-plan.ics\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ICalendarExport(plan: plan, examName: kit.catalog.credential(id: plan.credential)?.name).render())))
        }
    }
}
