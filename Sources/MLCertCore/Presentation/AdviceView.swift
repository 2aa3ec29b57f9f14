/// The advice as a person reads it in a terminal: the verdict first, then both sides with their rule ids.
public struct AdviceView: Sendable {
    public let advice: Advice
    public let catalog: Catalog

    public init(advice: Advice, catalog: Catalog) {
        self.advice = advice
        self.catalog = catalog
    }

    public func renderText() -> String {
        let a = advice
        var out: [String] = []
        let name = a.certification.flatMap(catalog.credential(id:))?.name
        switch a.verdict {
        case .pursue: out.append("VERDICT: pursue certification" + (name.map { ", starting with \($0)" } ?? ""))
        case .skip: out.append("VERDICT: skip certification for now; build and ship instead")
        case .foundationsFirst: out.append("VERDICT: foundations first" + (name.map { "; aim at \($0) afterwards" } ?? ""))
        case .weigh:
            let lean = a.leaning.map { $0 == .pursue ? "leaning towards pursuing" : "leaning towards skipping" } ?? "evenly balanced"
            out.append("VERDICT: weigh it (\(lean))" + (name.map { "; if you certify, take \($0)" } ?? ""))
        }
        out.append("Decided by [\(a.decidedBy.rule)]: " + wrap(a.decidedBy.text, indent: "  "))
        out.append("")
        out.append("FOR CERTIFYING")
        out += a.reasonsFor.isEmpty ? ["  (no rule applies)"] : a.reasonsFor.map { "  + [\($0.rule)] " + wrap($0.text, indent: "    ") }
        out.append("AGAINST")
        out += a.reasonsAgainst.isEmpty ? ["  (no rule applies)"] : a.reasonsAgainst.map { "  - [\($0.rule)] " + wrap($0.text, indent: "    ") }
        out.append("")
        out.append("WHICH CREDENTIAL")
        out += a.choice.map { "  * [\($0.rule)] " + wrap($0.text, indent: "    ") }
        if !a.alternatives.isEmpty { out.append("  Alternatives: " + a.alternatives.joined(separator: ", ")) }
        out.append("")
        out.append("TIME: \(a.prepWeeks.min)-\(a.prepWeeks.max) calendar weeks at \(fmt(a.prep.weeklyStudyHours)) h/week "
            + "(\(Int(a.prep.studyHours.min))-\(Int(a.prep.studyHours.max)) study hours)")
        out.append("  [\(a.prep.basis.rule)] " + wrap(a.prep.basis.text, indent: "  ") + " Focused study is taken as \(Int(a.prep.focusedHoursPerWeek)) h/week.")
        if let cost = a.costUSD {
            out.append("COST: exam fee $\(Int(cost.examFee)); expected $\(Int(cost.expectedWithRetakes)) with retakes; "
                + (cost.reimbursed ? "reimbursed by your employer ($0 out of pocket)" : "$\(Int(cost.outOfPocket)) out of pocket"))
            out.append("  " + wrap(cost.assumption, indent: "  "))
        }
        out.append("")
        out.append("NEXT STEPS")
        out += a.nextSteps.enumerated().map { "  \($0.offset + 1). " + wrap($0.element, indent: "     ") }
        // The commands belong to the terminal view; the advice itself names no interface.
        if let id = a.certification {
            out.append("")
            out.append("  Plan it:  mlcert plan --cert \(id) --hours-per-week \(fmt(a.prep.weeklyStudyHours))")
        }
        return out.joined(separator: "\n")
    }

    private func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
