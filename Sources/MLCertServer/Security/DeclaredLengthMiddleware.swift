import Hummingbird

/// Refuses a request whose declared `Content-Length` is over the body limit as soon as its head arrives (413, with
/// `Connection: close`), instead of waiting for a body that may be gigabytes long or never come. `RequestDeadlineHandler`
/// then closes the connection rather than reading the rest.
struct DeclaredLengthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength], Self.exceeds(declared, limit: maxBodyBytes) {
            var error = APIError.tooLarge(limit: maxBodyBytes)
            error.headers[.connection] = "close"
            throw error
        }
        return try await next(request, context)
    }

    /// A length of digits larger than the limit (or too large for an integer at all). Anything else is left to the
    /// HTTP parser, which refuses malformed lengths itself.
    static func exceeds(_ declared: String, limit: Int) -> Bool {
        let digits = declared.trimmingHeaderWhitespace()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return false }
        guard let value = Int(digits) else { return true }
        return value > limit
    }
}
