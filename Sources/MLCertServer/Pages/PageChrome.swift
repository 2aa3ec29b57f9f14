/// What the layout template needs on every page: the title, who is signed in, the CSRF token for the forms in the
/// header, the navigation with the current section marked, and a one-line notice or error.
///
/// Every page model carries one as `page`, so `layout.mustache` reads `{{page.title}}` whatever the page.
struct PageChrome: Sendable {
    struct NavItem: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    /// The sections of the site, in navigation order.
    enum Section: String, Sendable, CaseIterable {
        case home, catalog, advise, plan, practice, progress, account, login, register
    }

    var title: String
    var signedIn: Bool
    var displayName: String
    var csrf: String
    var section: Section
    var notice: String?
    var error: String?
    /// Question and feedback pages load the timer and keyboard script.
    var examScript = false
    /// Pages with wide tables (the catalog) use more of a large screen.
    var wide = false
    /// Stored, not computed: Mustache reads values through reflection, which sees stored properties only.
    let nav: [NavItem]

    init(title: String, section: Section, signedIn: Bool, displayName: String = "", csrf: String, notice: String? = nil, error: String? = nil) {
        self.title = title
        self.section = section
        self.signedIn = signedIn
        self.displayName = displayName
        self.csrf = csrf
        self.notice = notice
        self.error = error
        nav = Self.navigation(signedIn: signedIn, section: section)
    }

    static func navigation(signedIn: Bool, section: Section) -> [NavItem] {
        var items: [(String, String, Section)] = [
            ("/catalog", "Catalog", .catalog), ("/advise", "Advisor", .advise), ("/plan", "Study plan", .plan),
        ]
        if signedIn {
            items += [("/practice", "Practice", .practice), ("/progress", "Progress", .progress), ("/account", "Account", .account)]
        } else {
            items += [("/login", "Log in", .login), ("/register", "Register", .register)]
        }
        return items.map { NavItem(href: $0.0, label: $0.1, current: $0.2 == section) }
    }
}
