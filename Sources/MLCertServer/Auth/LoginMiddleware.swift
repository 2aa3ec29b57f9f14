import Hummingbird

/// Recognises the signed-in account from `Authorization: Bearer <token>` or the login cookie and puts it in the
/// context. It never rejects: routes that need an account call `context.requireSignedIn()`, so pages and routes that
/// work for everyone (health checks, the catalog, static files, sign-in itself) stay open.
///
/// An unknown, expired or signed-out bearer token makes the request anonymous and is remembered
/// (`context.rejectedBearer`), so a route that needs an account answers `invalid_token` (the client learns to sign in
/// again) while public routes answer as they would without it.
struct LoginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let cookies: SessionCookie

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.bearerToken(request) {
            if let (account, login) = try await accounts.current(token: token) {
                context.signedIn = SignedIn(account: account, login: login, via: .bearer)
            } else {
                context.rejectedBearer = true
            }
        } else if let token = request.cookies[cookies.name]?.value, !token.isEmpty,
                  let (account, login) = try await accounts.current(token: token) {
            context.signedIn = SignedIn(account: account, login: login, via: .cookie)
        }
        if let signedIn = context.signedIn {
            context.logger[metadataKey: "account"] = .string(signedIn.account.id)
        }
        return try await next(request, context)
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingHeaderWhitespace()
    }
}
