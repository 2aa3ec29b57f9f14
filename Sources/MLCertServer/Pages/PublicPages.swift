import Foundation
import Hummingbird
import MLCertCore

/// Pages that need no account: home, the catalog, a credential, the advisor and the study planner. The advisor and
/// the planner are GET forms, so their results are links that can be bookmarked and need no CSRF token.
struct PublicPages: Sendable {
    let kit: PageKit

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/catalog", use: catalog)
        router.get("/catalog/:id", use: credential)
        router.get("/advise", use: advise)
        router.get("/advice", use: advice)
        router.get("/plan", use: planForm)
        router.get("/plan/result", use: plan)
        router.get("/plan.ics", use: planCalendar)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        // After an account is deleted the browser lands here, told so.
        let notice = request.uri.queryParameters.get("deleted") == "1" ? "Your account and everything stored with it have been deleted." : nil
        return try kit.html(HomePage(catalog: kit.catalog, page: try await kit.chrome("Home", .home, context: context, notice: notice)), "home")
    }

    @Sendable func catalog(_ request: Request, context: AppRequestContext) async throws -> Response {
        try kit.html(CatalogPage(catalog: kit.catalog, page: try await kit.chrome("Catalog", .catalog, context: context)), "catalog")
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
            let page = try await kit.chrome("Advisor", .advise, context: context, error: "\(error.key): \(error.message)")
            var partial = Profile()
            for key in Profile.Key.allCases { if let text = query[key.rawValue] { try? partial.set(key, text: text) } }
            return try kit.html(AdvisePage(profile: partial, page: page), "advise", status: .badRequest)
        }
        let advice = Advisor(catalog: kit.catalog).advise(profile)
        return try kit.html(AdvicePage(advice: advice, profile: profile, catalog: kit.catalog, page: try await kit.chrome("Your verdict", .advise, context: context)),
            "advice")
    }

    @Sendable func planForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let q = request.uri.queryParameters
        let hours = q.get("hours").flatMap(Double.init).flatMap { (1...80).contains($0) ? $0 : nil } ?? 8
        let page = PlanFormPage(catalog: kit.catalog, selected: q.get("credential"), hours: hours, examDate: q.get("exam_date").flatMap(Day.init),
            weak: q.getAll("weak"), fromProgress: q.get("from_progress") == "1", page: try await kit.chrome("Study plan", .plan, context: context))
        return try kit.html(page, "plan-form")
    }

    /// The plan query and the plan, or the form again with the offending field named (400).
    private func makePlan(_ request: Request, context: AppRequestContext) async throws -> PlanOutcome {
        let q = request.uri.queryParameters
        do {
            let query = try PlanQuery(credential: q.get("credential"), hours: q.get("hours"), examDate: q.get("exam_date"), weak: q.getAll("weak"),
                fromProgress: q.get("from_progress") == "1")
            var practice: [String: Double]?
            if query.fromProgress, let signedIn = context.signedIn {
                practice = try await kit.practice.progress(learnerID: signedIn.learnerID, credentialID: query.credential).domainResults
            }
            let today = Day.today(now: kit.dependencies.clock(), calendar: SVGText.utc)
            let plan = try Planner(catalog: kit.catalog).plan(query.request(start: today, practice: practice))
            return .plan(query, plan)
        } catch let error as FormFieldError {
            return .form(try await formAgain(request, context: context, message: error.description))
        } catch let error as PlanError {
            if case .catalog = error { throw APIError.notFound(error.description) }
            return .form(try await formAgain(request, context: context, message: error.description))
        }
    }

    /// A plan, or the form to show again.
    enum PlanOutcome {
        case plan(PlanQuery, StudyPlan)
        case form(Response)
    }

    private func formAgain(_ request: Request, context: AppRequestContext, message: String) async throws -> Response {
        let q = request.uri.queryParameters
        let page = PlanFormPage(catalog: kit.catalog, selected: q.get("credential"), weak: q.getAll("weak"), fromProgress: q.get("from_progress") == "1",
            page: try await kit.chrome("Study plan", .plan, context: context, error: message))
        return try kit.html(page, "plan-form", status: .badRequest)
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
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ICalendarExport(plan: plan).render())))
        }
    }
}
