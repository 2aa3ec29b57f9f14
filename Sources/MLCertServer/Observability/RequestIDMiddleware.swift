import Hummingbird

/// Gives every request an id: a sane incoming `X-Request-Id` (1-128 characters of letters, digits, `.`, `_`, `-`,
/// as a proxy would set) is kept so logs join up across services; anything else is replaced by a fresh one. The id is
/// in every log line of the request and echoed in the response, errors included.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPFieldName("X-Request-Id")!
    static let forwardedFor = HTTPFieldName("X-Forwarded-For")!
    let tokens: TokenGenerator
    let maxBodyBytes: Int
    var trustForwardedFor = false
    var trustedProxies = 1

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap { Self.isSane($0) ? $0 : nil } ?? tokens.identifier()
        context.requestID = id
        context.maxBodyBytes = maxBodyBytes
        if trustForwardedFor,
           let client = ForwardedFor.client(header: request.headers[values: Self.forwardedFor].joined(separator: ","), hops: trustedProxies) {
            context.clientAddress = client
        }
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    static func isSane(_ value: String) -> Bool {
        (1...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 46 || byte == 95
            }
    }
}
