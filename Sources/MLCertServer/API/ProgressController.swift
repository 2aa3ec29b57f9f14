import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// Readiness and progress for one credential, and the learner's booked exam date, always for the signed-in learner.
struct ProgressController {
    let practice: PracticeService

    struct ExamDate: Decodable {
        let credential: String
        /// `YYYY-MM-DD`, or null to forget the date.
        let date: String?
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("/progress", use: progress)
        group.get("/readiness", use: readiness)
        group.put("/exam-date", use: setExamDate)
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        return JSONResponse.make(try await practice.progress(learnerID: learner, credentialID: try credential(request)))
    }

    @Sendable func readiness(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        return JSONResponse.make(try await practice.readiness(learnerID: learner, credentialID: try credential(request)))
    }

    /// Books (or clears) the exam date that reviews and progress count down to.
    @Sendable func setExamDate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let body = try await JSONBody.decode(ExamDate.self, from: request, context: context)
        _ = try practice.resolve(body.credential)
        let day = try PlanController.day(body.date, field: "date")
        try await practice.setExamDate(day, credentialID: body.credential, learnerID: learner)
        return Response(status: .noContent)
    }

    private func credential(_ request: Request) throws -> String {
        guard let id = request.uri.queryParameters["credential"].map(String.init), !id.isEmpty else {
            throw APIError.invalidField("credential", "is required (e.g. ?credential=google-pmle)")
        }
        return id
    }
}
