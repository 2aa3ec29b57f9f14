import Foundation
import Hummingbird

/// The JSON API under `/api/v1`: everything the pages do, described by `Resources/openapi.json` (served at
/// `/api/v1/openapi.json`, and checked against these routes by the tests).
func registerAPI(on router: Router<AppRequestContext>, dependencies: ServerDependencies, accounts: AccountService, configuration: ServerConfiguration) throws {
    let api = router.group("/api/v1")
    AccountController(accounts: accounts, cookies: dependencies.cookies).register(on: api)
    CatalogController(catalog: dependencies.catalog).register(on: api)
    PlanController(catalog: dependencies.catalog, practice: dependencies.practice, clock: dependencies.clock).register(on: api)
    SessionController(practice: dependencies.practice, clock: dependencies.clock).register(on: api)
    ProgressController(practice: dependencies.practice).register(on: api)
    ItemReportController(practice: dependencies.practice, authorEmails: dependencies.authorEmails).register(on: api)
    let document = try OpenAPIDocument.load()
    api.get("/openapi.json") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
}

/// The hand-written OpenAPI 3.1 document bundled with the target.
public enum OpenAPIDocument {
    public static var path: String { Bundle.module.bundleURL.appendingPathComponent("Resources/openapi.json").path }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the OpenAPI document is missing at \(path)" }
    }

    public static func load() throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        return data
    }
}
