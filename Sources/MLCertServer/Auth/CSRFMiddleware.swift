import Hummingbird
import MLCertPractice

/// Refuses state-changing requests that a third-party page could have made the browser send.
///
/// - Signed in by cookie: POST, PUT, PATCH and DELETE must echo the login's CSRF token, in the `csrf` form field
///   (`application/x-www-form-urlencoded`) or the `X-CSRF-Token` header (JSON and everything else).
/// - Anonymous form posts (sign-in, registration): double-submit; the `csrf` field must equal the CSRF cookie, which a
///   cross-site page can neither read nor set (and, with Secure cookies, a same-site page cannot plant either: the
///   name has the `__Host-` prefix).
/// - Anonymous JSON: allowed. A browser sends a cross-site `application/json` body only after a CORS preflight, and
///   this server approves none, so such a request cannot come from another site's page.
/// - Bearer tokens: exempt; browsers never attach an `Authorization` header by themselves.
///
/// It also fills `context.csrfToken` so every page can embed the right token in its forms.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenGenerator
    let cookies: SessionCookie
    /// The router's routes: a method no route has for this path changes nothing and answers 404 or 405, so it is not
    /// checked (a client learns the method is wrong, not that a token is missing).
    let routes: RouteIndex

    static let unsafeMethods: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]
    static let headerName = HTTPFieldName("X-CSRF-Token")!
    static let formField = "csrf"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let cookieToken = request.cookies[cookies.csrfName]?.value.nilIfEmpty.flatMap { AccountRules.looksLikeToken($0) ? $0 : nil }
        var newAnonymousToken: String?
        if let signedIn = context.signedIn {
            context.csrfToken = signedIn.login.csrfToken
        } else if let cookieToken {
            context.csrfToken = cookieToken
        } else {
            let token = tokens.token()
            context.csrfToken = token
            newAnonymousToken = token
        }
        if Self.unsafeMethods.contains(request.method), routes.methods(matching: request.uri.path).contains(request.method) {
            try await check(&request, context: context, cookieToken: cookieToken)
        }
        var response = try await next(request, context)
        if let newAnonymousToken {
            response.setCookie(cookies.csrf(token: newAnonymousToken))
        }
        return response
    }

    private func check(_ request: inout Request, context: Context, cookieToken: String?) async throws {
        let expected: String
        if let signedIn = context.signedIn {
            if signedIn.via == .bearer { return }
            expected = signedIn.login.csrfToken
        } else {
            if request.isJSON { return }
            guard let cookieToken else { throw APIError.csrf }
            expected = cookieToken
        }
        guard let presented = try await presentedToken(&request, context: context),
              TokenGenerator.constantTimeEqual(presented, expected)
        else { throw APIError.csrf }
    }

    /// The header, or for form posts the `csrf` field (the body is collected and kept for the handler).
    private func presentedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[Self.headerName] { return header }
        guard request.isForm else { return nil }
        let body = try await request.collectBody(upTo: context.maxBodyBytes)
        return FormFields(body).value(Self.formField)
    }
}
