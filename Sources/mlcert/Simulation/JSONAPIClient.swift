import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small client of mlcert's JSON API for the simulated learners of `mlcert simulate api`: one account's bearer
/// token, JSON in and out, and the time every request took.
final class JSONAPIClient: @unchecked Sendable {
    let base: URL
    let session: URLSession
    var token: String?
    /// Sent as X-Forwarded-For, so that a server behind `--trust-forwarded-for` counts each simulated learner as its
    /// own client address (its per-address limits are meant for real clients, not a load generator).
    let clientAddress: String
    private(set) var latencies: [Double] = []

    init(base: URL, session: URLSession, clientAddress: String) {
        self.base = base
        self.session = session
        self.clientAddress = clientAddress
    }

    struct Failure: Error, CustomStringConvertible {
        let method: String
        let path: String
        let status: Int
        let body: String
        var description: String { "\(method) \(path) answered \(status): \(body.prefix(300))" }
    }

    /// Sends a request; returns the decoded JSON object (or array) and the status. Statuses in `allowed` are returned,
    /// anything else outside 2xx throws `Failure`.
    @discardableResult
    func send(_ method: String, _ path: String, json: [String: Any]? = nil, allowed: Set<Int> = []) async throws -> (status: Int, body: Any?) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.setValue(clientAddress, forHTTPHeaderField: "X-Forwarded-For")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let started = Date()
        let (data, response) = try await session.data(for: request)
        latencies.append(Date().timeIntervalSince(started))
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) || allowed.contains(status) else {
            throw Failure(method: method, path: path, status: status, body: String(decoding: data, as: UTF8.self))
        }
        let body = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
        return (status, body)
    }

    /// `send` for a JSON object body.
    func object(_ method: String, _ path: String, json: [String: Any]? = nil) async throws -> [String: Any] {
        guard let object = try await send(method, path, json: json).body as? [String: Any] else {
            throw Failure(method: method, path: path, status: 200, body: "not a JSON object")
        }
        return object
    }

    /// Plain text (the Prometheus metrics, which answer only a request carrying the server's metrics token).
    func text(_ path: String, bearer: String) async throws -> String {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(method: "GET", path: path, status: status, body: String(decoding: data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
