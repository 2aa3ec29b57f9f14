/// `mlcert catalog diff ID OLD NEW`: two guide versions side by side, the objectives that changed, and, when a learner
/// is given, which of their weak areas the change touches. The credential page shows the same content.
public struct BlueprintDiffView: Sendable {
    /// What `--format json` prints: the diff's keys, plus `weak_areas` when learner data was read. A documented contract.
    public struct Document: Encodable, Sendable {
        public let diff: BlueprintDiff
        public let weakAreas: [BlueprintDiff.WeakArea]?

        enum CodingKeys: String, CodingKey { case weakAreas = "weak_areas" }

        public func encode(to encoder: any Encoder) throws {
            try diff.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(weakAreas, forKey: .weakAreas)
        }
    }

    public let credential: Credential
    public let diff: BlueprintDiff
    /// Nil when no learner data was read; empty when the learner has no weak area on either guide.
    public let weakAreas: [BlueprintDiff.WeakArea]?

    public init(credential: Credential, diff: BlueprintDiff, weakAreas: [BlueprintDiff.WeakArea]? = nil) {
        self.credential = credential
        self.diff = diff
        self.weakAreas = weakAreas
    }

    public var document: Document { Document(diff: diff, weakAreas: weakAreas) }

    /// A sentence on how the objectives were matched, for every view that lists them.
    public var matchingNote: String {
        switch diff.matching {
        case .declared: "Objectives are matched as the vendor maps the old guide onto the new one."
        case .inferred: "The vendor publishes no mapping here: objectives are matched by id within the same domain, then by similar titles."
        case .domainsOnly: "The \(diff.oldVersion) guide's objectives are not in the catalog, so only the domains are compared."
        }
    }

    /// One line per changed objective: "moved    5.3 Tracking and auditing metadata -> 2.3 Tracking and running ML experiments".
    public var objectiveLines: [String] {
        diff.objectives.map { change in
            func ref(_ r: BlueprintDiff.ObjectiveRef) -> String { "\(r.id) \(r.title) (\(r.domainTitle))" }
            switch change.kind {
            case .added: return "added     " + change.new.map(ref)!
            case .removed: return "removed   " + change.old.map(ref)!
            case .moved: return "moved     " + change.old.map(ref)! + " -> " + change.new.map(ref)!
            case .retitled: return "retitled  " + change.old.map { "\($0.id) \($0.title)" }! + " -> \"" + change.new!.title + "\""
            }
        }
    }

    /// A weak area in words: "2024-10 5.3 Tracking and auditing metadata: 1 of 4 correct (25%)".
    public static func label(_ area: BlueprintDiff.WeakArea) -> String {
        let r = area.result
        let what = r.objective.map { "\($0) \(area.objectiveTitle ?? "")" } ?? area.domainTitle
        return "\(r.version) \(what.trimmingCharacters(in: .whitespaces)): \(r.correct) of \(r.answered) correct (\(Int((r.proportion * 100).rounded()))%)"
    }

    public func renderText() -> String {
        let d = diff
        var out: [String] = []
        let code = { (c: String?) in c.map { " (exam \($0))" } ?? "" }
        out.append("\(credential.name)  [\(credential.id)]")
        out.append("Guide \(d.oldVersion)\(code(d.oldExamCode)) -> \(d.newVersion)\(code(d.newExamCode))")
        out.append("")
        out.append("DOMAINS (weights as the vendor writes them; change in points of the exam)")
        var table = TextTable(headers: ["\(d.oldVersion)", "WEIGHT", "\(d.newVersion)", "WEIGHT", "CHANGE"])
        for row in d.domains {
            let reweighted = row.change == .reweighted || row.change == .retitledAndReweighted
            let delta = row.weightChange.map { !reweighted ? "" : ($0 > 0 ? " +" : " ") + Self.points($0) } ?? ""
            table.rows.append([
                row.old.map { "\($0.number). \($0.title)" } ?? "-", row.old.map { $0.weight ?? "\(Int($0.share))% (assumed)" } ?? "",
                row.new.map { "\($0.number). \($0.title)" } ?? "-", row.new.map { $0.weight ?? "\(Int($0.share))% (assumed)" } ?? "",
                row.change.rawValue.replacingOccurrences(of: "_", with: " ") + delta,
            ])
        }
        out.append(table.render())
        out.append("")
        out.append("OBJECTIVES")
        out.append("  " + matchingNote)
        if d.matching != .domainsOnly {
            if d.objectives.isEmpty { out.append("  No objective was added, removed, moved or retitled.") }
            for line in objectiveLines { out.append("  " + line) }
            out.append("  \(d.unchangedObjectives) objective(s) unchanged.")
        }
        if let weakAreas {
            out.append("")
            out.append("YOUR WEAK AREAS (under \(Int(Planner.weakThreshold * 100))% correct over at least 2 answers, on either guide)")
            if weakAreas.isEmpty { out.append("  None on these two guides yet.") }
            for area in weakAreas {
                out.append("  " + Self.label(area))
                if area.changes.isEmpty { out.append("      not touched by the change") }
                for change in area.changes { out.append("      " + change) }
            }
        }
        return out.joined(separator: "\n")
    }

    static func points(_ value: Double) -> String {
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return text + " pt"
    }
}
