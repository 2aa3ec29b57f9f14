/// The `mlcert catalog show ID` page: status, facts with their sources and confidence, the article's claims kept as
/// claims, and every blueprint version with weights drawn as bars.
public struct CredentialDetailView: Sendable {
    /// What `mlcert catalog show ID --format json` prints. The keys are a documented contract.
    public struct Document: Codable, Sendable {
        public let credential: Credential
        /// Every source the credential cites, resolved.
        public let sources: [Source]
        /// Courses and learning paths that prepare for it.
        public let courses: [String]
        public let successor: String?
        /// The exam code a candidate sits today; it follows the guide in force where codes change with guides.
        public let examCodeInForce: String?

        enum CodingKeys: String, CodingKey {
            case credential, sources, courses, successor
            case examCodeInForce = "exam_code_in_force"
        }
    }

    public let credential: Credential
    public let catalog: Catalog

    public init(credential: Credential, catalog: Catalog) {
        self.credential = credential
        self.catalog = catalog
    }

    public var document: Document {
        var cited: [String] = credential.facts.provenance.flatMap(\.sources)
        cited += (credential.blueprints ?? []).flatMap(\.sources)
        cited += (credential.blueprints ?? []).flatMap { ($0.forms ?? []).flatMap { $0.facts.provenance.flatMap(\.sources) } }
        cited += (credential.claims ?? []).map(\.source)
        var seen: Set<String> = []
        let sources = cited.filter { seen.insert($0).inserted }.compactMap(catalog.source(id:))
        return Document(
            credential: credential, sources: sources, courses: preparingCourses.map(\.id),
            successor: catalog.activeSuccessor(of: credential)?.id, examCodeInForce: credential.examCodeInForce)
    }

    var preparingCourses: [Course] {
        catalog.courses.filter { !$0.domains(for: credential.id).isEmpty }.sorted { ($0.role, $0.id) < ($1.role, $1.id) }
    }

    public func renderText() -> String {
        var out: [String] = []
        let c = credential
        out.append("\(c.name)  [\(c.id)]")
        out.append(String(repeating: "=", count: min(100, c.name.count + c.id.count + 4)))
        out.append("Vendor: \(c.vendor)   Kind: \(c.kind.rawValue)   Level: \(c.level.rawValue)" + (c.examCodeInForce.map { "   Exam code: \($0)" } ?? ""))
        switch c.status.state {
        case .active:
            var line = "Status: active"
            if let since = c.status.since { line += " since \(since)" }
            if let replaces = c.status.replaces { line += " (replaces \(replaces))" }
            out.append(line)
        case .retired:
            var line = "Status: RETIRED" + (c.status.retiredOn.map { " on \($0)" } ?? "")
            if let successor = catalog.activeSuccessor(of: c) { line += "; take \(successor.name) [\(successor.id)] instead" }
            out.append(line)
        }
        if let note = c.status.note { out.append("        " + wrap(note, indent: "        ")) }
        out.append("")
        out.append(wrap(c.summary))
        out.append("")
        out.append("FACTS (confidence: official = vendor text, secondary = unconfirmed, conflicting = sources disagree)")
        for fact in factLines(CredentialFactRow.rows(for: c.facts)) { out.append(fact) }
        if let claims = c.claims, !claims.isEmpty {
            out.append("")
            out.append("CLAIMS OF THE SOURCE ARTICLE (its statements, not verified facts)")
            for claim in claims { out.append("  - " + wrap(claim.text, indent: "    ") + "  [\(claim.source)]") }
        }
        for blueprint in (c.blueprints ?? []).sorted(by: { ($0.current ? 0 : 1, $1.inForce.from) < ($1.current ? 0 : 1, $0.inForce.from) }) {
            out.append("")
            out.append(blueprintLines(blueprint))
        }
        let courses = preparingCourses
        if !courses.isEmpty {
            out.append("")
            out.append("PREPARATION")
            for course in courses {
                let hours = "\(Int(course.hours.value)) h\(course.hours.estimate ? " (est.)" : "")"
                out.append("  - \(course.title) (\(course.provider), \(course.role.rawValue), \(hours)) [\(course.id)]")
            }
        }
        out.append("")
        out.append("SOURCES")
        for source in document.sources {
            out.append("  [\(source.id)] \(source.kind.rawValue): \(source.title)" + (source.url.map { " <\($0)>" } ?? "")
                + " (read \(source.accessed)\(source.approximate == true ? ", approx." : ""))")
        }
        return out.joined(separator: "\n")
    }

    private func factLines(_ rows: [CredentialFactRow], indent: String = "  ") -> [String] {
        let width = 16
        return rows.flatMap { row -> [String] in
            let pad = String(repeating: " ", count: width + indent.count)
            var lines = [indent + row.label.padding(toLength: width, withPad: " ", startingAt: 0) + wrap(row.value, indent: pad)]
            if let note = row.note { lines.append(pad + "note: " + wrap(note, indent: pad + "      ")) }
            if let conflict = row.conflict { lines.append(pad + "SOURCES DISAGREE: " + wrap(conflict, indent: pad + "  ")) }
            lines.append(pad + "\(row.confidence.rawValue), verified \(row.verifiedOn), sources: \(row.sources.joined(separator: ", "))")
            return lines
        }
    }

    private func blueprintLines(_ blueprint: Blueprint) -> String {
        var out: [String] = []
        let dates = "in force \(blueprint.inForce.from)" + (blueprint.inForce.until.map { " to \($0)" } ?? " onwards")
        let code = blueprint.examCode.map { " [exam \($0)]" } ?? ""
        out.append("BLUEPRINT \(blueprint.version)\(blueprint.current ? " (CURRENT)" : "")\(code): \(blueprint.title); \(dates); \(blueprint.confidence.rawValue)")
        if let note = blueprint.note { out.append("  " + wrap(note, indent: "  ")) }
        for form in blueprint.forms ?? [] {
            let formDates = "from \(form.inForce.from)" + (form.inForce.until.map { " to \($0)" } ?? "")
            out.append("  OTHER FORM \(form.id)" + (form.examCode.map { " [exam \($0)]" } ?? "") + ": \(form.title); \(formDates); differs from the standard form in:")
            if let note = form.note { out.append("    " + wrap(note, indent: "    ")) }
            out += factLines(CredentialFactRow.rows(for: form.facts), indent: "    ")
        }
        let titleWidth = min(60, blueprint.domains.map { $0.title.count + 4 }.max() ?? 20)
        for domain in blueprint.domains.sorted(by: { $0.number < $1.number }) {
            let title = "\(domain.number). \(domain.title)"
            let label = title.count > titleWidth ? String(title.prefix(titleWidth - 1)) + "…" : title.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
            if let weight = domain.nominalWeight, let text = domain.weightLabel {
                out.append("  \(label) \(bar(weight / 100)) \(text)")
            } else {
                out.append("  \(label) (no published weight)")
            }
            if let conflict = domain.conflict { out.append("      sources disagree: \(conflict)") }
            if blueprint.current {
                for objective in domain.objectives ?? [] { out.append("      \(objective.id) \(objective.title)") }
            }
        }
        return out.joined(separator: "\n")
    }
}
