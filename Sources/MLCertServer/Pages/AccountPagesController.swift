import Foundation
import Hummingbird
import MLCertPractice

/// Register, log in, log out (here or everywhere), the account page, password changes, the data export and account
/// deletion, as HTML forms over
/// `AccountService`. A form that fails comes back refilled (never with the password) with the error and the status the
/// JSON API would give.
struct AccountPagesController: Sendable {
    let kit: PageKit

    static let minPassword = AccountRules.minimumPasswordLength
    var cookies: SessionCookie { SessionCookie(secure: kit.secureCookies) }

    func register(on router: Router<AppRequestContext>) {
        router.get("/register", use: registerForm)
        router.post("/register", use: registerPost)
        router.get("/login", use: loginForm)
        router.post("/login", use: loginPost)
        router.post("/logout", use: logout)
        router.post("/account/logout-everywhere", use: logoutEverywhere)
        router.post("/account/password", use: changePassword)
        router.get("/account", use: account)
        router.get("/account/export", use: export)
        router.post("/account/delete", use: delete)
    }

    @Sendable func registerForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.signedIn != nil { return kit.redirect("/practice") }
        let page = try await kit.chrome("Create an account", .register, context: context)
        return try kit.html(RegisterPage(page: page, displayName: "", email: "", minPassword: Self.minPassword), "register")
    }

    @Sendable func registerPost(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await kit.form(request, context: context)
        let name = form.value("display_name") ?? "", email = form.value("email") ?? ""
        do {
            let account = try await kit.accounts.register(email: email, password: form.value("password") ?? "", displayName: name,
                clientAddress: context.clientAddress)
            let login = try await kit.accounts.startLogin(for: account)
            var response = kit.redirect("/practice")
            response.setCookie(cookies.make(token: login.token, lifetime: kit.accounts.policy.loginLifetime))
            return response
        } catch {
            guard let apiError = APIError.from(error), apiError.status.code < 500 else { throw error }
            let page = try await kit.chrome("Create an account", .register, context: context, error: ErrorPage.sentence(apiError))
            return try kit.html(RegisterPage(page: page, displayName: name, email: email, minPassword: Self.minPassword), "register", status: apiError.status)
        }
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = (request.uri.queryParameters.get("next") ?? "/practice").localPath
        if context.signedIn != nil { return kit.redirect(next) }
        let page = try await kit.chrome("Log in", .login, context: context)
        return try kit.html(LoginPage(page: page, email: "", next: next), "login")
    }

    @Sendable func loginPost(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await kit.form(request, context: context)
        let email = form.value("email") ?? ""
        let next = (form.value("next") ?? "/practice").localPath
        do {
            let login = try await kit.accounts.signIn(email: email, password: form.value("password") ?? "", clientAddress: context.clientAddress,
                deviceToken: request.cookies[cookies.deviceName]?.value)
            var response = kit.redirect(next)
            response.setCookie(cookies.make(token: login.token, lifetime: kit.accounts.policy.loginLifetime))
            if let device = login.deviceToken { response.setCookie(cookies.device(token: device, lifetime: kit.accounts.policy.deviceLifetime)) }
            return response
        } catch {
            guard let apiError = APIError.from(error), apiError.status.code < 500 else { throw error }
            let page = try await kit.chrome("Log in", .login, context: context, error: ErrorPage.sentence(apiError))
            var response = try kit.html(LoginPage(page: page, email: email, next: next), "login", status: apiError.status)
            response.headers.append(contentsOf: apiError.headers)
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = context.signedIn { try await kit.accounts.signOut(login: signedIn.login) }
        var response = kit.redirect("/?signed_out=1")
        response.setCookie(cookies.clear())
        return response
    }

    /// Ends every login of the account (other browsers and API tokens too), this one included.
    @Sendable func logoutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        try await kit.accounts.signOutEverywhere(accountID: signedIn.account.id)
        var response = kit.redirect("/login?signed_out=everywhere")
        response.setCookie(cookies.clear())
        return response
    }

    /// Changes the password and signs out every other browser and token; the account page says how many.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let form = try await kit.form(request, context: context)
        do {
            let ended = try await kit.accounts.changePassword(signedIn, current: form.value("current_password") ?? "",
                new: form.value("new_password") ?? "", clientAddress: context.clientAddress)
            let page = try await kit.chrome("Account", .account, context: context,
                notice: "Your password is changed. \(ended == 1 ? "1 other login was" : "\(ended) other logins were") signed out.")
            return try accountPage(page, signedIn)
        } catch {
            guard let apiError = APIError.from(error), apiError.status.code < 500 else { throw error }
            let page = try await kit.chrome("Account", .account, context: context, error: apiError.message)
            var response = try accountPage(page, signedIn, status: apiError.status)
            response.headers.append(contentsOf: apiError.headers)
            return response
        }
    }

    private func accountPage(_ page: PageChrome, _ signedIn: SignedIn, status: HTTPResponse.Status = .ok) throws -> Response {
        try kit.html(AccountPage(page: page, displayName: page.displayName, email: signedIn.account.email,
            created: PageFormat.dateTime(signedIn.account.createdAt), minPassword: Self.minPassword), "account", status: status)
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        return try accountPage(try await kit.chrome("Account", .account, context: context), signedIn)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let data = try JSONCoding.encoder.encode(try await kit.accounts.export(account: signedIn.account))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"mlcert-export.json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = context.signedIn else { return kit.loginRedirect(request) }
        let form = try await kit.form(request, context: context)
        guard form.value("confirm") == "yes" else {
            let page = try await kit.chrome("Account", .account, context: context, error: "Tick the box to confirm that everything should be deleted.")
            return try accountPage(page, signedIn, status: .badRequest)
        }
        try await kit.accounts.deleteAccount(id: signedIn.account.id)
        var response = kit.redirect("/?deleted=1")
        response.setCookie(cookies.clear())
        return response
    }
}
