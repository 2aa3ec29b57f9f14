import Foundation
import Hummingbird
import MLCertPractice

/// `/api/v1/account`: register, sign in, sign out (here or everywhere), change the password, who am I, export
/// everything, delete everything.
///
/// Sign-in answers with the token (for `Authorization: Bearer`) and the CSRF token (for cookie clients), and also
/// sets the login cookie (and the device cookie, see `SignInPolicy`), so the same call serves scripts and the
/// browser's JavaScript.
struct AccountController {
    let accounts: AccountService
    let cookies: SessionCookie

    struct Registration: Decodable {
        let email: String
        let password: String
        let displayName: String
    }

    struct Credentials: Decodable {
        let email: String
        let password: String
    }

    struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    struct SignedOut: Codable {
        let signedOut: Int
    }

    /// The account as the API shows it: never the password hash.
    struct Me: Codable {
        let id: String
        let email: String
        let displayName: String
        let createdAt: Date
    }

    struct SignedInPayload: Codable {
        let account: Me
        let token: String
        let csrfToken: String
        let expiresAt: Date
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("/account/register", use: register)
        group.post("/account/login", use: login)
        group.post("/account/logout", use: logout)
        group.post("/account/logout-everywhere", use: logoutEverywhere)
        group.post("/account/password", use: changePassword)
        group.get("/account", use: me)
        group.get("/account/export", use: export)
        group.delete("/account", use: delete)
    }

    /// Creates the account and signs it in (201).
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(Registration.self, from: request, context: context)
        let account = try await accounts.register(email: body.email, password: body.password, displayName: body.displayName,
            clientAddress: context.clientAddress)
        return signedIn(try await accounts.startLogin(for: account), displayName: body.displayName, status: .created)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(Credentials.self, from: request, context: context)
        let new = try await accounts.signIn(email: body.email, password: body.password, clientAddress: context.clientAddress,
            deviceToken: request.cookies[cookies.deviceName]?.value)
        let name = try await accounts.store.learner(id: new.account.id)?.displayName ?? new.account.email
        return signedIn(new, displayName: name, status: .ok)
    }

    /// Ends this login (the token stops working at once) and clears the cookie.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        try await accounts.signOut(login: signedIn.login)
        var response = Response(status: .noContent)
        response.setCookie(cookies.clear())
        return response
    }

    /// Ends every login of the account, this one included, and clears the cookie; answers how many ended.
    @Sendable func logoutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        let count = try await accounts.signOutEverywhere(accountID: signedIn.account.id)
        var response = JSONResponse.make(SignedOut(signedOut: count))
        response.setCookie(cookies.clear())
        return response
    }

    /// Changes the password (the current one must be given) and ends every other login; answers how many ended.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        let body = try await JSONBody.decode(PasswordChange.self, from: request, context: context)
        let count = try await accounts.changePassword(signedIn, current: body.currentPassword, new: body.newPassword, clientAddress: context.clientAddress)
        return JSONResponse.make(SignedOut(signedOut: count))
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        return JSONResponse.make(try await describe(signedIn.account))
    }

    /// Everything stored about the account, as a download.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        let export = try await accounts.export(account: signedIn.account)
        var headers = HTTPFields()
        headers[.contentDisposition] = "attachment; filename=\"mlcert-export.json\""
        return JSONResponse.make(export, headers: headers)
    }

    /// Deletes the account, its learner, sessions, answers and logins, and clears the cookie.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.requireSignedIn()
        try await accounts.deleteAccount(id: signedIn.account.id)
        var response = Response(status: .noContent)
        response.setCookie(cookies.clear())
        return response
    }

    private func describe(_ account: Account) async throws -> Me {
        let name = try await accounts.store.learner(id: account.id)?.displayName ?? account.email
        return Me(id: account.id, email: account.email, displayName: name, createdAt: account.createdAt)
    }

    private func signedIn(_ new: AccountService.NewLogin, displayName: String, status: HTTPResponse.Status) -> Response {
        let me = Me(id: new.account.id, email: new.account.email, displayName: displayName.trimmingCharacters(in: .whitespacesAndNewlines),
            createdAt: new.account.createdAt)
        var response = JSONResponse.make(
            SignedInPayload(account: me, token: new.token, csrfToken: new.login.csrfToken, expiresAt: new.login.expiresAt), status: status)
        response.setCookie(cookies.make(token: new.token, lifetime: accounts.policy.loginLifetime))
        if let device = new.deviceToken { response.setCookie(cookies.device(token: device, lifetime: accounts.policy.deviceLifetime)) }
        return response
    }
}
