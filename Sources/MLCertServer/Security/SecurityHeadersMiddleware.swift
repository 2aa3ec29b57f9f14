import Hummingbird

/// Adds the browser-side defences to every response, errors included:
/// - `Content-Security-Policy`: scripts, styles and everything else only from this origin (the pages have no inline
///   script or style, so none is allowed), no plugins, no `<base>`, forms post only here, and no framing
///   (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers), so a same-site page cannot
///   clickjack the account or exam pages;
/// - `X-Content-Type-Options: nosniff`, so a response is never run as a type other than the one declared;
/// - `Referrer-Policy: same-origin`, so session ids in paths never leave the site in a Referer;
/// - `Strict-Transport-Security` when cookies are Secure (the server is behind TLS), so browsers stop trying HTTP;
/// - `Cache-Control: no-store` on every response that did not choose its own caching (JSON with personal data, error
///   pages), so no shared cache keeps them.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let strictTransportSecurity: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    static let cspName = HTTPFieldName("Content-Security-Policy")!
    static let contentTypeOptionsName = HTTPFieldName("X-Content-Type-Options")!
    static let frameOptionsName = HTTPFieldName("X-Frame-Options")!
    static let referrerPolicyName = HTTPFieldName("Referrer-Policy")!
    static let strictTransportSecurityName = HTTPFieldName("Strict-Transport-Security")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.cspName] = Self.contentSecurityPolicy
        response.headers[Self.contentTypeOptionsName] = "nosniff"
        response.headers[Self.frameOptionsName] = "DENY"
        response.headers[Self.referrerPolicyName] = "same-origin"
        if strictTransportSecurity {
            response.headers[Self.strictTransportSecurityName] = "max-age=31536000; includeSubDomains"
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
