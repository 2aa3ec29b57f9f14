import Foundation
import Hummingbird
import MLCertCore
import MLCertPractice

/// The server-rendered pages. Every page is a view model plus the template of the same name, rendered inside the
/// `layout` template; forms carry `context.csrfToken` in a hidden `csrf` field, which `CSRFMiddleware` checks.
///
/// Pages that need an account send a visitor to the login page (303) rather than answering 401, because a person
/// navigating wants the form, not an error.
/// `dependencies` arrive configured (`ServerDependencies.configured(by:)`), so the pages share the API's account service,
/// bcrypt cost and cookie settings.
func registerPages(on router: Router<AppRequestContext>, dependencies: ServerDependencies, renderer: PageRenderer) {
    let kit = PageKit(dependencies: dependencies, renderer: renderer, accounts: dependencies.accounts, secureCookies: dependencies.secureCookies)
    StaticFiles.load().register(on: router)
    PublicPages(kit: kit).register(on: router)
    AccountPagesController(kit: kit).register(on: router)
    PracticePages(kit: kit).register(on: router)
}

/// What every page controller shares: the dependencies, the renderer, and the helpers for chrome, forms and redirects.
struct PageKit: Sendable {
    let dependencies: ServerDependencies
    let renderer: PageRenderer
    let accounts: AccountService
    let secureCookies: Bool

    var catalog: Catalog { dependencies.catalog }
    var practice: PracticeService { dependencies.practice }

    /// The layout's data for this request: signed in or not, the learner's name, the CSRF token.
    func chrome(_ title: String, _ section: PageChrome.Section, context: AppRequestContext, notice: String? = nil, error: String? = nil)
        async throws -> PageChrome
    {
        var name = ""
        if let signedIn = context.signedIn {
            name = try await dependencies.store.learner(id: signedIn.learnerID)?.displayName ?? signedIn.account.email
        }
        return PageChrome(title: title, section: section, signedIn: context.signedIn != nil, displayName: name, csrf: context.csrfToken,
            notice: notice, error: error)
    }

    func html(_ model: Any, _ template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try renderer.page(model, template: template, status: status)
        // Pages carry a CSRF token and personal data: never cache them in shared caches.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// 303 See Other, so a form post is followed by a GET and a reload does not post again.
    func redirect(_ location: String) -> Response { .redirect(to: location, type: .normal) }

    /// Where a visitor without a login goes: the login form, which returns them to this page afterwards.
    func loginRedirect(_ request: Request) -> Response {
        redirect("/login?next=" + PageQuery.escape(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")))
    }

    /// The fields of a form post (the CSRF middleware has already collected and checked the body).
    func form(_ request: Request, context: AppRequestContext) async throws -> FormFields {
        guard request.isForm else { throw APIError.unsupportedMediaType(expected: "application/x-www-form-urlencoded") }
        var request = request
        let body = try await request.collectBody(upTo: context.maxBodyBytes)
        return FormFields(body)
    }
}

/// The stylesheet, the scripts and the icon, read once from the resource bundle and served with their types. Only these
/// names exist, so no path from a request ever reaches the file system.
struct StaticFiles: Sendable {
    let files: [String: (type: String, body: ByteBuffer)]

    static let types = [
        "app.css": "text/css; charset=utf-8", "exam.js": "text/javascript; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
        "favicon.svg": "image/svg+xml",
    ]

    static func load() -> StaticFiles {
        let directory = Bundle.module.bundleURL.appendingPathComponent("Resources/Static")
        var files: [String: (String, ByteBuffer)] = [:]
        for (name, type) in types {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                files[name] = (type, ByteBuffer(bytes: data))
            }
        }
        return StaticFiles(files: files)
    }

    func register(on router: Router<AppRequestContext>) {
        // Browsers ask for /favicon.ico on their own; the layout names the SVG icon, and this answers the others.
        router.get("/favicon.ico") { _, _ -> Response in .redirect(to: "/static/favicon.svg", type: .permanent) }
        router.get("/static/:file") { _, context -> Response in
            let name = try context.parameters.require("file")
            guard let file = files[name] else { throw APIError.notFound("no static file '\(name)'") }
            var headers = HTTPFields()
            headers[.contentType] = file.type
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.body))
        }
    }
}
