import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// `POST /api/v1/plan`: a study plan, as JSON or (`?format=ics`) as an iCalendar download.
///
/// `from_progress: true` re-plans from the signed-in learner's own practice results and booked exam date, so it needs
/// an account and only ever reads that account's data.
struct PlanController {
    let catalog: Catalog
    let practice: PracticeService
    let clock: @Sendable () -> Date

    struct Body: Decodable {
        let credential: String
        let hoursPerWeek: Double?
        let start: String?
        let examDate: String?
        let results: [String: Double]?
        let fromProgress: Bool?
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("/plan", use: plan)
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let data = try await JSONBody.raw(request, context: context)
        let body: Body
        do {
            body = try JSONCoding.decoder.decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw JSONBody.describe(error)
        }
        let profile = try Self.profile(in: data)
        var results = body.results ?? [:]
        var examDay = try Self.day(body.examDate, field: "exam_date")
        if body.fromProgress == true {
            guard body.results == nil else { throw APIError.invalidField("from_progress", "give either results or from_progress, not both") }
            let signedIn = try context.requireSignedIn()
            let progress = try await practice.progress(learnerID: signedIn.learnerID, credentialID: body.credential)
            results = progress.domainResults
            examDay = examDay ?? progress.examDate
        }
        let start = try Self.day(body.start, field: "start") ?? Day.today(now: clock(), calendar: Self.utc)
        let planRequest = PlanRequest(credential: body.credential, profile: profile, start: start,
            hoursPerWeek: body.hoursPerWeek ?? profile.weeklyStudyHours, examDate: examDay, domainResults: results)
        let plan = try Planner(catalog: catalog).plan(planRequest)
        switch request.uri.queryParameters["format"].map(String.init) {
        case nil, "json": return JSONResponse.make(plan)
        case "ics":
            var headers = HTTPFields()
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"mlcert-plan-\(plan.credential).ics\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ICalendarExport(plan: plan, examName: catalog.credential(id: plan.credential)?.name).render())))
        case let other?: throw APIError.invalidField("format", "'\(other)' is not one of json, ics")
        }
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The optional `profile` object inside the body, parsed by the same rules as `mlcert advise --profile`.
    static func profile(in data: Data) throws -> Profile {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let nested = object["profile"] else {
            return Profile()
        }
        guard nested is [String: Any], let json = try? JSONSerialization.data(withJSONObject: nested) else {
            throw APIError.invalidField("profile", "expected an object of profile keys")
        }
        return try Profile.parse(json: json)
    }

    static func day(_ text: String?, field: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw APIError.invalidField(field, "'\(text)' is not a date; expected YYYY-MM-DD") }
        return day
    }
}
