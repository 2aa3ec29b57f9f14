import MLCertCore

/// The catalog list: every credential with its vendor, level, price and duration; retired ones marked and linked to
/// their active successor.
struct CatalogPage: Sendable {
    struct Link: Sendable {
        let id: String
        let name: String
    }

    struct Row: Sendable {
        let id: String
        let name: String
        let vendor: String
        let level: String
        let price: String
        let duration: String
        let status: String
        let retired: Bool
        let retiredOn: String?
        let successor: Link?
    }

    let page: PageChrome
    let rows: [Row]
    let rowCount: Int

    init(catalog: Catalog, page: PageChrome) {
        self.page = page
        rows = catalog.credentials.sorted { ($0.isRetired ? 1 : 0, $0.vendor, $0.name) < ($1.isRetired ? 1 : 0, $1.vendor, $1.name) }.map { c in
            Row(id: c.id, name: c.name, vendor: c.vendor, level: c.level.rawValue,
                price: c.facts.price.map { PageFormat.money($0.value.amount, currency: $0.value.currency) } ?? "not published",
                duration: c.facts.durationMinutes.map { "\($0.value) min" } ?? "–", status: c.status.state.rawValue.capitalized,
                retired: c.isRetired, retiredOn: c.status.retiredOn?.description,
                successor: catalog.activeSuccessor(of: c).map { Link(id: $0.id, name: $0.name) })
        }
        rowCount = rows.count
    }
}

/// One credential: format facts with their sources, the current blueprint's domains and weights, and the sources.
struct CredentialPage: Sendable {
    struct FactRow: Sendable {
        let label: String
        let value: String
        let sourceList: String?
    }

    struct DomainRow: Sendable {
        let number: Int
        let title: String
        let weight: String
    }

    /// Another form of the exam under the guide in force (a beta), with the facts in which it differs.
    struct FormRow: Sendable {
        let title: String
        let examCode: String?
        let from: String
        let note: String?
        let facts: [FactRow]
    }

    struct SourceRow: Sendable {
        let id: String
        let title: String
        let url: String?
        let kind: String
        let accessed: String
    }

    let page: PageChrome
    let id: String
    let name: String
    let vendor: String
    let level: String
    let examCode: String?
    let summary: String
    let retired: Bool
    let retiredOn: String?
    let successor: CatalogPage.Link?
    let facts: [FactRow]
    let hasBlueprint: Bool
    let blueprintTitle: String
    let weightsPublished: Bool
    let domains: [DomainRow]
    let otherForms: [FormRow]
    /// Since the previous guide, when there is one.
    let guideChange: GuideChange?
    let sources: [SourceRow]

    /// The previous guide against the current one, and the learner's weak areas (signed in) that the change touches.
    struct GuideChange: Sendable {
        struct Row: Sendable {
            let old: String
            let oldWeight: String
            let new: String
            let newWeight: String
            let change: String
        }
        struct Weak: Sendable {
            let label: String
            let changes: [String]
            let untouched: Bool
        }
        let title: String
        let matchingNote: String
        let rows: [Row]
        let objectiveLines: [String]
        let hasObjectiveLines: Bool
        let unchanged: String?
        let signedIn: Bool
        let weakAreas: [Weak]
        let hasWeakAreas: Bool
    }

    init(credential c: Credential, catalog: Catalog, areaResults: [AreaResult]? = nil, page: PageChrome) {
        self.page = page
        id = c.id
        name = c.name
        vendor = c.vendor
        level = c.level.rawValue
        examCode = c.examCodeInForce
        summary = c.summary
        retired = c.isRetired
        retiredOn = c.status.retiredOn?.description
        successor = catalog.activeSuccessor(of: c).map { CatalogPage.Link(id: $0.id, name: $0.name) }
        facts = Self.factRows(c.facts)
        let blueprint = c.currentBlueprint
        otherForms = (blueprint?.forms ?? []).map { form in
            FormRow(title: form.title, examCode: form.examCode, from: form.inForce.from.description, note: form.note, facts: Self.factRows(form.facts))
        }
        hasBlueprint = blueprint != nil
        blueprintTitle = blueprint.map { "\($0.title), version \($0.version)" } ?? ""
        weightsPublished = blueprint?.weightsPublished ?? true
        let shares = blueprint?.normalizedWeights ?? [:]
        domains = (blueprint?.domains ?? []).sorted { $0.number < $1.number }.map { d in
            DomainRow(number: d.number, title: d.title, weight: d.weightLabel ?? PageFormat.percent(shares[d.id] ?? 0) + " (assumed)")
        }
        guideChange = Self.guideChange(c, areaResults: areaResults)
        sources = CredentialDetailView(credential: c, catalog: catalog).document.sources.map {
            SourceRow(id: $0.id, title: $0.title, url: $0.url, kind: $0.kind.rawValue, accessed: $0.accessed.description)
        }
    }

    private static func guideChange(_ c: Credential, areaResults: [AreaResult]?) -> GuideChange? {
        guard !c.isRetired, (c.blueprints?.count ?? 0) > 1, let diff = try? BlueprintDiff(credential: c) else { return nil }
        let weak = areaResults.map { diff.weakAreas($0) }
        let view = BlueprintDiffView(credential: c, diff: diff, weakAreas: weak)
        let code = { (v: String, c: String?) in c.map { "\(v) (\($0))" } ?? v }
        return GuideChange(
            title: "What changed from guide \(code(diff.oldVersion, diff.oldExamCode)) to \(code(diff.newVersion, diff.newExamCode))",
            matchingNote: view.matchingNote,
            rows: diff.domains.map { row in
                GuideChange.Row(old: row.old.map { "\($0.number). \($0.title)" } ?? "–", oldWeight: row.old.flatMap(\.weight) ?? "",
                    new: row.new.map { "\($0.number). \($0.title)" } ?? "–", newWeight: row.new.flatMap(\.weight) ?? "",
                    change: row.change.rawValue.replacingOccurrences(of: "_", with: " "))
            },
            objectiveLines: diff.matching == .domainsOnly ? [] : view.objectiveLines,
            hasObjectiveLines: diff.matching != .domainsOnly && !diff.objectives.isEmpty,
            unchanged: diff.matching == .domainsOnly ? nil : "\(diff.unchangedObjectives) objective(s) unchanged.",
            signedIn: areaResults != nil,
            weakAreas: (weak ?? []).map { GuideChange.Weak(label: BlueprintDiffView.label($0), changes: $0.changes, untouched: $0.changes.isEmpty) },
            hasWeakAreas: !(weak ?? []).isEmpty)
    }

    private static func factRows(_ facts: CredentialFacts) -> [FactRow] {
        CredentialFactRow.rows(for: facts, money: { PageFormat.money($0, currency: $1) }).map { row in
            var value = row.value
            if let note = row.note { value += " (\(note))" }
            if let conflict = row.conflict { value += "; sources disagree: \(conflict)" }
            return FactRow(label: row.label, value: value, sourceList: row.sources.isEmpty ? nil : row.sources.joined(separator: ", "))
        }
    }
}
