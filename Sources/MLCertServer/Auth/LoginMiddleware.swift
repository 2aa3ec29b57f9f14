import Hummingbird

/// Recognises the signed-in account from `Authorization: Bearer <token>` or the `mlcert_session` cookie and puts it
/// in the context. It never rejects: routes that need an account call `context.requireSignedIn()`, so pages that work
/// for everyone (home, catalog) stay open.
struct LoginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.bearerToken(request) {
            if let (account, login) = try await accounts.current(token: token) {
                context.signedIn = SignedIn(account: account, login: login, via: .bearer)
            } else {
                // A wrong bearer token is an error, not an anonymous request: API clients should learn at once.
                throw APIError(status: .unauthorized, code: "invalid_token", message: "the bearer token is unknown or expired; sign in again")
            }
        } else if let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty,
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
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
