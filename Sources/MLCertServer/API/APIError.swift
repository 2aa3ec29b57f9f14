import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice
import NIOCore
import NIOHTTP1

/// The one error shape every route answers with: `{"error": {"code": "...", "message": "..."}}` and a 4xx status
/// for anything the client did wrong. Codes are stable (clients may switch on them); messages are for people.
///
/// A 5xx is a bug: only `internal` uses one, and the error middleware logs it with the request id.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    /// Extra response headers, such as `Retry-After` on 429 and `Allow` on 405.
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    // MARK: The stable codes

    public static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }
    /// A field is missing or has a value outside what the route accepts; the message names the field.
    public static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_field", message: "\(field): \(message)")
    }
    public static func malformedJSON(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "malformed_json", message: message)
    }
    public static let unauthenticated = APIError(status: .unauthorized, code: "unauthenticated", message: "sign in first")
    public static let invalidToken = APIError(status: .unauthorized, code: "invalid_token",
        message: "the bearer token is unknown or expired; sign in again")
    public static let invalidCredentials = APIError(status: .unauthorized, code: "invalid_credentials", message: "wrong email or password")
    public static let csrf = APIError(status: .forbidden, code: "csrf", message: "missing or wrong CSRF token; reload the page and try again")
    public static func notFound(_ what: String) -> APIError { APIError(status: .notFound, code: "not_found", message: what) }
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(status: .methodNotAllowed, code: "method_not_allowed", message: "use one of: \(headers[.allow] ?? "")", headers: headers)
    }
    public static func conflict(_ message: String, code: String = "conflict") -> APIError {
        APIError(status: .conflict, code: code, message: message)
    }
    public static func tooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "body_too_large", message: "the request body is larger than \(limit) bytes")
    }
    public static func unsupportedMediaType(expected: String) -> APIError {
        APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the body as \(expected)")
    }
    public static func rateLimited(retryAfter seconds: Int, what: String = "failed sign-ins") -> APIError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(seconds)
        // The message is read by people: minutes, not a raw number of seconds (Retry-After carries the exact figure).
        let minutes = max(1, (seconds + 59) / 60)
        return APIError(status: .tooManyRequests, code: "rate_limited",
            message: "Too many \(what). Wait \(minutes) minute\(minutes == 1 ? "" : "s"), then try again.", headers: headers)
    }
    /// The server is at its limit of password hashing work (`BcryptGate`): try again shortly.
    public static func busy(retryAfter seconds: Int) -> APIError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(seconds)
        return APIError(status: .serviceUnavailable, code: "busy", message: "the server is busy; try again in \(seconds) seconds", headers: headers)
    }
    /// The client went away before sending the whole request; logged, never answered (nobody is listening).
    public static let clientAborted = APIError(status: .badRequest, code: "client_aborted",
        message: "the client closed the connection before sending the whole request")
    public static let `internal` = APIError(status: .internalServerError, code: "internal", message: "something went wrong on our side")

    /// The JSON body.
    public var body: Body { Body(error: .init(code: code, message: message)) }

    public struct Body: Codable, Sendable, Equatable {
        public struct Detail: Codable, Sendable, Equatable {
            public let code: String
            public let message: String
        }
        public let error: Detail
    }
}

extension APIError {
    /// The client-facing error for anything a route or the engine throws; nil for errors that are our own bug.
    public static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: return error
        case let error as SessionError: return from(session: error)
        case let error as PracticeError: return from(practice: error)
        case let error as CatalogError: return notFound(error.description)
        case let error as PlanError:
            if case .catalog(let inner) = error { return notFound(inner.description) }
            if case .retired = error { return conflict(error.description, code: "retired") }
            return badRequest(error.description, code: "invalid_field")
        case let error as ProfileError: return invalidField(error.key, error.message)
        case let error as AccountError:
            switch error {
            case .emailTaken: return conflict(error.description, code: "email_taken")
            case .unknownAccount: return .unauthenticated
            }
        case let error as StoreError:
            switch error {
            case .conflict: return conflict(SessionError.conflict.description)
            case .unknownSession(let id): return notFound("no session '\(id)'")
            case .unavailable: return APIError(status: .serviceUnavailable, code: "store_unavailable", message: error.description)
            case .duplicateSession, .unknownLearner, .corrupt: return nil
            }
        case let error as HTTPError: return from(http: error)
        // The peer closed the connection mid-request (a body never finished): not a server fault.
        case let error as HTTPParserError where error == .invalidEOFState: return .clientAborted
        case let error as ChannelError where error == .ioOnClosedChannel || error == .eof || error == .inputClosed: return .clientAborted
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            return APIError(status: error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        default: return nil
        }
    }

    static func from(session error: SessionError) -> APIError {
        switch error {
        // Another learner's session answers exactly like a missing one, so ids reveal nothing.
        case .notFound(let id), .notYours(let id): notFound("no session '\(id)'")
        case .finished: conflict(error.description, code: "session_finished")
        case .timeUp: conflict(error.description, code: "time_up")
        case .alreadyAnswered: conflict(error.description, code: "already_answered")
        case .conflict: conflict(error.description)
        case .noSuchPosition: invalidField("position", error.description)
        case .wrongNumberOfChoices, .noSuchOption: invalidField("choices", error.description)
        }
    }

    static func from(practice error: PracticeError) -> APIError {
        switch error {
        case .sessionStillOpen: conflict(error.description, code: "session_open")
        case .retired: conflict(error.description, code: "retired")
        case .unknownDomain: invalidField("domains", error.description)
        case .noItems, .nothingMatches, .noBlueprint: conflict(error.description, code: "nothing_to_practise")
        }
    }

    static func from(http error: HTTPError) -> APIError? {
        guard (400..<500).contains(error.status.code) else { return nil }
        let message = error.body ?? error.status.reasonPhrase
        var result = APIError(status: error.status, code: code(for: error.status), message: message)
        result.headers = error.headers
        return result
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "body_too_large"
        case 415: "unsupported_media_type"
        case 429: "rate_limited"
        default: "client_error"
        }
    }
}
