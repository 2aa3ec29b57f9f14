import Foundation
import Hummingbird
import MLCertPractice

/// Liveness, readiness and metrics: what a load balancer and a Prometheus scraper poll.
///
/// `/health` answers as long as the process serves requests; `/ready` also runs a cheap store query, so a process that
/// lost its database is taken out of rotation (503) instead of failing learners' answers.
struct HealthController {
    let store: any PracticeStore
    let clock: @Sendable () -> Date
    let metrics: MetricsRegistry
    /// Credentials whose parameter set in use `/metrics` reports.
    let credentialIDs: [String]

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
        let counts = try await store.counts(now: clock())
        var sets: [MetricsRegistry.ParameterSetInUse] = []
        for id in credentialIDs {
            let set = try await store.newestParameterSet(credentialID: id)
            sets.append(.init(credentialID: id, version: set?.version ?? 0, itemsInUse: set?.itemsInUse ?? 0, learners: set?.learners ?? 0))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.render(counts: counts, parameterSets: sets))))
    }
}
