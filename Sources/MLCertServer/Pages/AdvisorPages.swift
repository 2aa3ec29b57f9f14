import MLCertCore

/// The advisor questionnaire as one form, built from the core's `Questionnaire.questions` so that the page asks exactly
/// what `mlcert advise` asks, with the same defaults and limits.
struct AdvisePage: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Question: Sendable {
        let key: String
        let prompt: String
        let isChoice: Bool
        let isNumber: Bool
        let options: [Option]
        let value: String
        let hint: String
        let min: Int
        let max: Int
    }

    let page: PageChrome
    let questions: [Question]

    /// Keys answered with a number; every other question is a choice among its listed values.
    static let numberRanges: [Profile.Key: ClosedRange<Int>] = [.productionMLYears: 0...60, .weeklyStudyHours: 1...80]

    init(profile: Profile, page: PageChrome) {
        self.page = page
        questions = Questionnaire.questions.map { q in
            let current = profile.text(q.key)
            if let range = Self.numberRanges[q.key] {
                return Question(key: q.key.rawValue, prompt: q.prompt, isChoice: false, isNumber: true, options: [], value: current,
                    hint: "A number from \(range.lowerBound) to \(range.upperBound).", min: range.lowerBound, max: range.upperBound)
            }
            let values = q.choices.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return Question(key: q.key.rawValue, prompt: q.prompt, isChoice: true, isNumber: false,
                options: values.map { Option(value: $0, label: Self.label($0), selected: $0 == current) }, value: current, hint: "", min: 0, max: 0)
        }
    }

    /// A readable label for a profile value ("cloud_vendor" → "Cloud vendor", "gcp" → "Google Cloud").
    static func label(_ value: String) -> String {
        let known = ["gcp": "Google Cloud", "aws": "AWS", "azure": "Microsoft Azure", "databricks": "Databricks", "multi": "Several clouds",
            "none": "None", "ml": "Machine learning", "ml_engineer": "ML engineer", "ml_research": "ML research", "ai_app_developer": "AI application developer",
            "yes": "Yes", "no": "No"]
        if let label = known[value] { return label }
        let words = value.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The profile from query parameters; a missing key keeps its default, a bad value is an error naming the key.
    static func profile(from query: [String: String]) throws(ProfileError) -> Profile {
        var profile = Profile()
        for key in Profile.Key.allCases {
            guard let text = query[key.rawValue], !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            try profile.set(key, text: text)
        }
        return profile
    }
}

/// The advisor's verdict with every reason on both sides, the deciding rule, the preparation time and the cost.
struct AdvicePage: Sendable {
    struct Cost: Sendable {
        let examFee: String
        let expected: String
        let assumption: String
        let outOfPocket: String
    }

    let page: PageChrome
    let headline: String
    let decidedBy: String
    let certification: CatalogPage.Link?
    let alternatives: [CatalogPage.Link]
    let hasAlternatives: Bool
    let reasonsFor: [Reason]
    let reasonsAgainst: [Reason]
    let choice: [Reason]
    let hasChoice: Bool
    let prepWeeks: String
    let weeklyHours: String
    let weeklyHoursValue: String
    let studyHours: String
    let prepBasis: String
    let cost: Cost?
    let nextSteps: [String]
    let changeLink: String
    let planLink: String?

    init(advice a: Advice, profile: Profile, catalog: Catalog, page: PageChrome) {
        self.page = page
        let link = { (id: String) in CatalogPage.Link(id: id, name: catalog.credential(id: id)?.name ?? id) }
        let name = a.certification.flatMap(catalog.credential(id:))?.name
        switch a.verdict {
        case .pursue: headline = "Pursue certification" + (name.map { ", starting with \($0)" } ?? "")
        case .skip: headline = "Skip certification for now: build and ship instead"
        case .foundationsFirst: headline = "Foundations first" + (name.map { ", then aim at \($0)" } ?? "")
        case .weigh:
            let lean = a.leaning.map { $0 == .pursue ? "leaning towards pursuing" : "leaning towards skipping" } ?? "evenly balanced"
            headline = "Weigh it up (\(lean))"
        }
        decidedBy = "What decides it: \(a.decidedBy.text)"
        certification = a.certification.map(link)
        alternatives = a.alternatives.map(link)
        hasAlternatives = !a.alternatives.isEmpty
        reasonsFor = a.reasonsFor
        reasonsAgainst = a.reasonsAgainst
        choice = a.choice
        hasChoice = !a.choice.isEmpty
        prepWeeks = a.prepWeeks.min == a.prepWeeks.max ? "\(a.prepWeeks.min) weeks" : "\(a.prepWeeks.min) to \(a.prepWeeks.max) weeks"
        weeklyHours = PageFormat.number(a.prep.weeklyStudyHours)
        weeklyHoursValue = weeklyHours
        studyHours = "\(Int(a.prep.studyHours.min)) to \(Int(a.prep.studyHours.max)) hours"
        prepBasis = a.prep.basis.text + " Focused study is taken as \(PageFormat.number(a.prep.focusedHoursPerWeek)) hours a week."
        cost = a.costUSD.map { c in
            Cost(examFee: PageFormat.money(c.examFee), expected: PageFormat.money(c.expectedWithRetakes), assumption: c.assumption,
                outOfPocket: c.reimbursed ? "nothing: your employer pays" : PageFormat.money(c.outOfPocket))
        }
        nextSteps = a.nextSteps
        changeLink = "/advise?" + PageQuery.encode(Profile.Key.allCases.map { ($0.rawValue, profile.text($0)) })
        // The plan starts from the same hours basis as this estimate: the same weekly hours and the same ML knowledge.
        let hours = weeklyHoursValue
        planLink = a.certification.map { id in
            "/plan?" + PageQuery.encode([("credential", id), ("hours", hours), ("knowledge", profile.mlKnowledge.rawValue)])
        }
    }
}
