import Foundation
import Hummingbird
import MLCertCore

/// The catalog and the advisor: the same contracts as `mlcert catalog --format json`, `mlcert catalog show ID
/// --format json` and `mlcert advise --profile FILE --format json` (README, "JSON contracts"). None of these need an
/// account.
struct CatalogController {
    let catalog: Catalog

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("/catalog", use: list)
        group.get("/catalog/{id}", use: show)
        group.post("/advise", use: advise)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(CatalogListView(catalog: catalog).rows)
    }

    /// One credential with its sources, courses and successor; an unknown id is a 404 with suggestions.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let credential = try catalog.requireCredential(id)
        return JSONResponse.make(CredentialDetailView(credential: credential, catalog: catalog).document)
    }

    /// The body is the profile JSON (missing keys take their defaults; unknown keys and bad values are 400s naming
    /// the key); the answer is the advice with every reason.
    @Sendable func advise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let data = try await JSONBody.raw(request, context: context)
        let profile = try Profile.parse(json: data)
        return JSONResponse.make(Advisor(catalog: catalog).advise(profile))
    }
}
