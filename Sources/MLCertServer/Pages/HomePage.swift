import MLCertCore

/// The view model of `home.mustache`: who is signed in, and the active credentials to start from.
struct HomePage {
    struct CredentialLink {
        let id: String
        let name: String
        let vendor: String
    }

    let title = "mlcert"
    let signedIn: Bool
    let displayName: String?
    let csrf: String
    let credentials: [CredentialLink]
    let retiredCount: Int

    init(catalog: Catalog, context: AppRequestContext, displayName: String?) {
        signedIn = context.signedIn != nil
        self.displayName = displayName
        csrf = context.csrfToken
        credentials = catalog.credentials.filter { !$0.isRetired }.map { CredentialLink(id: $0.id, name: $0.name, vendor: $0.vendor) }
        retiredCount = catalog.credentials.filter(\.isRetired).count
    }
}
