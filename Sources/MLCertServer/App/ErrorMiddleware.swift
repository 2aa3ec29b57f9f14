import Hummingbird
import Foundation
import Logging
import MLCertCore
import NIOConcurrencyHelpers

/// Turns every error into the one error shape: JSON `{"error": {"code", "message"}}` for API clients, an HTML error
/// page for browsers (`Request.wantsHTML`). Client mistakes keep their 4xx status; anything else is logged with the
/// request id and answered 500 with the same shape, and counts as a bug. A client that hangs up mid-request is logged
/// as `client_aborted` (400), not as a server error.
///
/// A path that exists under another method answers 405 with `Allow`, found in the router's route list.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer?
    let routes: RouteIndex
    /// Names credentials on error pages ("practise for AWS MLA-C01 instead").
    var catalog: Catalog?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var apiError: APIError
            if let known = APIError.from(error) {
                apiError = known
                if known == .clientAborted {
                    // Nobody reads the answer; say what happened so the log does not look like a server fault.
                    context.logger.info("client aborted the request", metadata: ["code": "client_aborted"])
                }
            } else {
                context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
                apiError = .internal
            }
            if apiError.status == .notFound, context.endpointPath == "NotFound" {
                let allowed = routes.methods(matching: request.uri.path)
                if !allowed.isEmpty {
                    apiError = .methodNotAllowed(allowed: allowed)
                } else {
                    apiError = .notFound("no route for \(request.uri.path)")
                }
            }
            if request.wantsHTML, let renderer, let page = renderer.errorPage(apiError, underlying: error, catalog: catalog, context: context) {
                return page
            }
            return Self.json(apiError)
        }
    }

    static func json(_ error: APIError) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = (try? JSONCoding.encoder.encode(error.body)) ?? Data("{\"error\":{\"code\":\"internal\",\"message\":\"\"}}".utf8)
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The method and path template of every registered route, filled once the router is complete, so the error
/// middleware (added before the routes) can tell "no such path" (404) from "wrong method" (405).
final class RouteIndex: Sendable {
    private let entries = NIOLockedValueBox<[(method: HTTPRequest.Method, components: [Substring])]>([])

    func set(_ routes: [(method: HTTPRequest.Method, path: String)]) {
        entries.withLockedValue { $0 = routes.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// Methods of routes whose template matches `path` (a `{name}` component matches any one component).
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/")
        return entries.withLockedValue { all in
            all.filter { entry in
                entry.components.count == parts.count
                    && zip(entry.components, parts).allSatisfy { template, part in template.hasPrefix("{") || template == part }
            }.map(\.method)
        }.reduce(into: [HTTPRequest.Method]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
