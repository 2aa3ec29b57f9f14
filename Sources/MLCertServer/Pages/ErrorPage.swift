import Hummingbird
import MLCertCore
import MLCertPractice

/// The view model of `error.mustache`: what a browser sees when a page or form post fails. It reads as a sentence
/// a learner understands, with the next step as a link, and shows the header as it is (signed in or not). The status
/// is the same one the JSON API would give; codes, ids and the request id stay out of the text (the request id is
/// in the `X-Request-Id` header for support).
struct ErrorPage: Sendable {
    struct Link: Sendable {
        let text: String
        let href: String
    }

    let page: PageChrome
    let heading: String
    let message: String
    let links: [Link]

    init(error: APIError, underlying: (any Error)?, catalog: Catalog?, context: AppRequestContext) {
        let words = Self.words(for: error, underlying: underlying, catalog: catalog, signedIn: context.signedIn != nil)
        page = PageChrome(title: words.heading, section: .home, signedIn: context.signedIn != nil,
            displayName: context.signedIn?.account.email ?? "", csrf: context.signedIn?.login.csrfToken ?? context.csrfToken)
        heading = words.heading
        message = words.message
        links = words.links
    }

    /// A message for a notice on a page: the API's message without the field name it starts with ("choices: ..."),
    /// starting with a capital letter.
    static func sentence(_ error: APIError) -> String {
        var text = error.message
        if error.code == "invalid_field", let colon = text.range(of: ": ") { text = String(text[colon.upperBound...]) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func words(for error: APIError, underlying: (any Error)?, catalog: Catalog?, signedIn: Bool) -> (heading: String, message: String, links: [Link]) {
        let home = Link(text: "Go to the home page", href: "/")
        let name = { (id: String) in catalog?.credential(id: id)?.name ?? id }
        switch underlying {
        case let practice as PracticeError:
            if case .retired(let id, let successor) = practice {
                let next = successor.map { [Link(text: "Practise for \(name($0))", href: "/practice?credential=\(PageQuery.escape($0))")] } ?? []
                return ("This exam has been retired", "\(name(id)) can no longer be taken"
                    + (successor.map { "; practise for \(name($0)) instead." } ?? "."), next + [Link(text: "See the catalog", href: "/catalog")])
            }
        case let plan as PlanError:
            if case .retired(let id, let successor) = plan {
                let next = successor.map { [Link(text: "Plan for \(name($0))", href: "/plan?credential=\(PageQuery.escape($0))")] } ?? []
                return ("This exam has been retired", "\(name(id)) can no longer be taken"
                    + (successor.map { "; plan for \(name($0)) instead." } ?? "."), next + [Link(text: "See the catalog", href: "/catalog")])
            }
        case let catalogError as CatalogError:
            if case .unknownCredential(let id, let suggestions) = catalogError {
                let maybe = suggestions.map { Link(text: "Did you mean \(name($0))?", href: "/catalog/\(PageQuery.escape($0))") }
                return ("No such credential", "The catalog has no credential called “\(id)”.", maybe + [Link(text: "See the whole catalog", href: "/catalog")])
            }
        case let session as SessionError:
            switch session {
            case .notFound, .notYours:
                return ("We could not find that session", "It may belong to another account, or the link may be incomplete.",
                    [Link(text: signedIn ? "Your practice sessions" : "Log in", href: signedIn ? "/practice" : "/login"), home])
            default: break
            }
        default: break
        }
        switch error.code {
        case "not_found" where error.message.hasPrefix("no route"):
            return ("There is no page here", "Nothing lives at this address; the link may be mistyped or out of date.", [home])
        case "not_found":
            return ("Not found", sentence(error), [home])
        case "unauthenticated", "invalid_token":
            return ("Please log in", "Log in to see this page.", [Link(text: "Log in", href: "/login")])
        case "csrf":
            return ("This form has expired", "The page was open too long, or was opened in another window. Reload it and send the form again.", [home])
        case "rate_limited":
            return ("Too many attempts", sentence(error), [home])
        case "method_not_allowed":
            return ("This address cannot be used that way", "Follow a link or a button on the site instead.", [home])
        case "session_open":
            return ("This session is still open", "Its results appear when it ends.", [Link(text: "Your practice sessions", href: "/practice")])
        case "internal":
            return ("Something went wrong on our side", "Your recorded answers are safe. Try again in a moment; if it keeps happening, let us know.", [home])
        default:
            return (error.status.code == 409 ? "That could not be done" : "Something in the request needs fixing", sentence(error), [home])
        }
    }
}

extension PageRenderer {
    /// The error as an HTML page with the error's status, or nil when the template cannot render.
    func errorPage(_ error: APIError, underlying: (any Error)? = nil, catalog: Catalog? = nil, context: AppRequestContext) -> Response? {
        let model = ErrorPage(error: error, underlying: underlying, catalog: catalog, context: context)
        guard var response = try? page(model, template: "error", status: error.status) else { return nil }
        response.headers.append(contentsOf: error.headers)
        return response
    }
}
