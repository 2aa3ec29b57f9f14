import Hummingbird

/// The view model of `error.mustache`: what a browser sees when a page or form post fails.
struct ErrorPage {
    let status: Int
    let title: String
    let message: String
    let code: String
    let requestID: String
    let csrf: String

    init(error: APIError, context: AppRequestContext) {
        status = error.status.code
        title = error.status.reasonPhrase
        message = error.message
        code = error.code
        requestID = context.requestID
        csrf = context.csrfToken
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
