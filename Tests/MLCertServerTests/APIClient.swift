import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// A signed-in API user in tests: the token, the CSRF token, and headers for each way of proving who they are.
struct APIUser: Sendable {
    let id: String
    let email: String
    let token: String
    let csrf: String

    /// `Authorization: Bearer` (exempt from CSRF).
    var bearer: HTTPFields { [.authorization: "Bearer \(token)"] }
    /// The session cookie with the CSRF header, as the browser's JavaScript sends it.
    var cookie: HTTPFields { [.cookie: "\(SessionCookie.baseName)=\(token)", HTTPFieldName("X-CSRF-Token")!: csrf] }
    /// The session cookie alone: what a forged cross-site request would carry.
    var cookieWithoutCSRF: HTTPFields { [.cookie: "\(SessionCookie.baseName)=\(token)"] }
}

extension TestClientProtocol {
    /// Sends `body` (a JSON string) with `Content-Type: application/json` unless `contentType` says otherwise.
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], json body: String? = nil,
              contentType: String? = "application/json") async throws -> TestResponse {
        var headers = headers
        if body != nil, let contentType, headers[.contentType] == nil { headers[.contentType] = contentType }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Registers an account (and with it a login) and returns it.
    func register(_ email: String, password: String = "correct horse battery") async throws -> APIUser {
        let response = try await send(.post, "/api/v1/account/register",
            json: #"{"email": "\#(email)", "password": "\#(password)", "display_name": "\#(email.prefix { $0 != "@" })"}"#)
        guard response.status == .created else { throw TestFailure("register \(email): \(response.status) \(response.text)") }
        let json = try response.json()
        let account = try #require(json["account"] as? [String: Any])
        return APIUser(id: try #require(account["id"] as? String), email: email, token: try #require(json["token"] as? String),
            csrf: try #require(json["csrf_token"] as? String))
    }

    /// Signs in again (another login of the same account) and returns the new bearer token.
    func signIn(_ email: String, password: String = "correct horse battery") async throws -> String {
        let response = try await send(.post, "/api/v1/account/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        guard response.status == .ok else { throw TestFailure("sign in \(email): \(response.status) \(response.text)") }
        return try #require(try response.json()["token"] as? String)
    }

    /// Starts a session and returns its JSON detail.
    func startSession(_ user: APIUser, kind: String, credential: String = "google-pmle", extra: String = "") async throws -> [String: Any] {
        let response = try await send(.post, "/api/v1/sessions", headers: user.bearer,
            json: #"{"kind": "\#(kind)", "credential": "\#(credential)", "seed": 7\#(extra)}"#)
        guard response.status == .created else { throw TestFailure("start \(kind): \(response.status) \(response.text)") }
        return try response.json()
    }
}

/// The session id inside a session detail.
func sessionID(_ detail: [String: Any]) throws -> String {
    let session = try #require(detail["session"] as? [String: Any])
    return try #require(session["id"] as? String)
}

/// The current question of a session detail.
func question(_ detail: [String: Any]) throws -> [String: Any] {
    try #require(detail["question"] as? [String: Any])
}

extension TestClientProtocol {
    /// Answers the question at `position` (default: the current one) with its first N options, N being how many it
    /// asks for.
    @discardableResult
    func answer(_ user: APIUser, session id: String, position: Int? = nil) async throws -> TestResponse {
        let uri = "/api/v1/sessions/\(id)" + (position.map { "?position=\($0)" } ?? "")
        let current = try question(try await send(.get, uri, headers: user.bearer).json())
        let shown = try #require(current["position"] as? Int)
        let choose = try #require(current["choose"] as? Int)
        let letters = ["A", "B", "C", "D", "E", "F"].prefix(choose).map { "\"\($0)\"" }.joined(separator: ", ")
        return try await send(.post, "/api/v1/sessions/\(id)/answers", headers: user.bearer, json: #"{"position": \#(shown), "choices": [\#(letters)]}"#)
    }
}
