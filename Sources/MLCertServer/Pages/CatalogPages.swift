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
    let sources: [SourceRow]

    init(credential c: Credential, catalog: Catalog, page: PageChrome) {
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
        sources = CredentialDetailView(credential: c, catalog: catalog).document.sources.map {
            SourceRow(id: $0.id, title: $0.title, url: $0.url, kind: $0.kind.rawValue, accessed: $0.accessed.description)
        }
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
