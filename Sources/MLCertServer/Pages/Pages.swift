import Hummingbird
import MLCertCore

/// The server-rendered pages. Every page is a view model plus the template of the same name, rendered inside the
/// `layout` template; forms carry `context.csrfToken` in a hidden `csrf` field.
func registerPages(on router: Router<AppRequestContext>, dependencies: ServerDependencies, renderer: PageRenderer) {
    router.get("/") { _, context -> Response in
        var displayName: String?
        if let signedIn = context.signedIn {
            displayName = try await dependencies.store.learner(id: signedIn.learnerID)?.displayName
        }
        return try renderer.page(HomePage(catalog: dependencies.catalog, context: context, displayName: displayName), template: "home")
    }
}
