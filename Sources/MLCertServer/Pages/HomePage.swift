import MLCertCore

/// The view model of `home.mustache`: what mlcert does and where to start.
struct HomePage: Sendable {
    let page: PageChrome
    let questionCount: Int
    let activeCount: Int
    let retiredCount: Int

    init(catalog: Catalog, page: PageChrome) {
        self.page = page
        questionCount = Questionnaire.questions.count
        activeCount = catalog.credentials.filter { !$0.isRetired }.count
        retiredCount = catalog.credentials.filter(\.isRetired).count
    }
}
