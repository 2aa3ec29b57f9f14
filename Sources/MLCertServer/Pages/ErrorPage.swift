import Hummingbird

/// The view model of `error.mustache`: what a browser sees when a page or form post fails, with the same status and
/// code the JSON API would give, and the request id to quote.
struct ErrorPage: Sendable {
    let page: PageChrome
    let status: Int
    let heading: String
    let message: String
    let code: String
    let requestID: String
    let backLink: String
    let backLabel: String

    init(error: APIError, context: AppRequestContext) {
        page = PageChrome(title: error.status.reasonPhrase, section: .home, signedIn: context.signedIn != nil, csrf: context.csrfToken)
        status = error.status.code
        heading = error.status == .notFound ? "Not found" : error.status.reasonPhrase
        message = error.message
        code = error.code
        requestID = context.requestID
        if error.status == .unauthorized {
            backLink = "/login"
            backLabel = "Log in"
        } else {
            backLink = "/"
            backLabel = "Back to the home page"
        }
    }
}

extension PageRenderer {
    /// The error as an HTML page with the error's status, or nil when the template cannot render.
    func errorPage(_ error: APIError, context: AppRequestContext) -> Response? {
        guard var response = try? page(ErrorPage(error: error, context: context), template: "error", status: error.status) else { return nil }
        response.headers.append(contentsOf: error.headers)
        return response
    }
}
