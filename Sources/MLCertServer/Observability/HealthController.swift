import Foundation
import Hummingbird
import MLCertPractice

/// Liveness, readiness and metrics: what a load balancer and a Prometheus scraper poll.
///
/// `/health` answers as long as the process serves requests; `/ready` also runs a cheap store query, so a process that
/// lost its database is taken out of rotation (503) instead of failing learners' answers. `/metrics` (account and
/// session counts, per-route latency) is for the operator only: off (404) unless a metrics token is configured, and
/// then only with `Authorization: Bearer <token>`.
struct HealthController {
    let store: any PracticeStore
    let clock: @Sendable () -> Date
    let metrics: MetricsRegistry
    /// `/metrics` requires this as a bearer token; nil leaves the route answering 404 (off).
    let metricsToken: String?

    struct Status: Codable {
        let status: String
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/health", use: health)
        router.get("/ready", use: ready)
        router.get("/metrics", use: scrape)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(Status(status: "ok"))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            _ = try await store.counts(now: clock())
            return JSONResponse.make(Status(status: "ready"))
        } catch {
            context.logger.warning("store not reachable", metadata: ["error": .string(String(describing: error))])
            return ErrorMiddleware.json(APIError(status: .serviceUnavailable, code: "store_unavailable", message: "the database does not answer"))
        }
    }

    @Sendable func scrape(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let metricsToken else { throw APIError.notFound("metrics are off; start the server with --metrics-token") }
        guard let presented = LoginMiddleware.bearerToken(request), TokenGenerator.constantTimeEqual(presented, metricsToken) else {
            var error = APIError(status: .unauthorized, code: "unauthenticated", message: "send the metrics token as Authorization: Bearer")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"metrics\""
            throw error
        }
        let counts = try await store.counts(now: clock())
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.render(counts: counts))))
    }
}
