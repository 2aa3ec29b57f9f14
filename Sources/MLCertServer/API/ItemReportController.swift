import Foundation
import Hummingbird
import MLCertPractice

/// Problem reports on questions: a learner files one on a question of their own session and reads their own back (the
/// acknowledgement); authors, listed in `ServerDependencies.authorEmails`, read everyone's with `?scope=all`.
struct ItemReportController {
    let practice: PracticeService
    let authorEmails: Set<String>

    struct NewReport: Decodable {
        /// 1-based question number in the session.
        let question: Int
        let kind: String
        let comment: String?
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("/sessions/{id}/reports", use: create)
        group.get("/item-reports", use: list)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let learner = try context.requireSignedIn().learnerID
        let body = try await JSONBody.decode(NewReport.self, from: request, context: context)
        guard let kind = ItemReport.Kind(rawValue: body.kind) else {
            throw APIError.invalidField("kind", "'\(body.kind)' is not one of: \(ItemReport.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let comment = body.comment, comment.count > ItemReport.maxComment {
            throw APIError.invalidField("comment", "is longer than \(ItemReport.maxComment) characters")
        }
        let report = try await practice.reportProblem(session: try context.parameters.require("id"), questionNumber: body.question, kind: kind,
            comment: body.comment ?? "", learnerID: learner)
        return JSONResponse.make(report, status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        switch request.uri.queryParameters["scope"].map(String.init) ?? "mine" {
        case "mine":
            return JSONResponse.make(try await practice.itemReports(learnerID: signedIn.learnerID))
        case "all":
            guard authorEmails.contains(signedIn.account.email.lowercased()) else {
                throw APIError(status: .forbidden, code: "not_an_author", message: "only the question authors can list everyone's reports")
            }
            return JSONResponse.make(try await practice.itemReports(learnerID: nil))
        case let other:
            throw APIError.invalidField("scope", "'\(other)' is not one of: mine, all")
        }
    }
}
