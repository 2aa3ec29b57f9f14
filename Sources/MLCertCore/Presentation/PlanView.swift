/// A study plan as a terminal table or as Markdown.
public struct PlanView: Sendable {
    public let plan: StudyPlan
    public let catalog: Catalog

    public init(plan: StudyPlan, catalog: Catalog) {
        self.plan = plan
        self.catalog = catalog
    }

    private var header: [String] {
        let name = catalog.credential(id: plan.credential)?.name ?? plan.credential
        return [
            "Study plan for \(name) (guide \(plan.blueprint))",
            "From \(plan.start), \(hours(plan.hoursPerWeek)) h/week, \(hours(plan.totalHours)) hours over \(plan.weeks.count) weeks; exam \(plan.examDate)",
            (plan.feasibility.feasible ? "" : "NOT FEASIBLE: ") + plan.feasibility.message,
        ]
    }

    public func renderTable() -> String {
        var out = header
        out.append("")
        var table = TextTable(headers: ["WEEK", "DATES", "HOURS", "ACTIVITIES"])
        for week in plan.weeks {
            let lines = week.activities.map { "\(hours($0.hours))h \($0.title)" + ($0.command.map { " (\($0))" } ?? "") }
            table.rows.append(["\(week.number)", "\(week.start)..\(week.end)", hours(week.hours), lines.first ?? ""])
            for line in lines.dropFirst() { table.rows.append(["", "", "", line]) }
        }
        out.append(table.render())
        out.append("")
        out.append("Domain hours (study and drills):")
        for d in plan.domainHours {
            let score = d.practiceScore.map { "practice \(Int(($0 * 100).rounded()))%" } ?? "no practice yet"
            out.append("  \(bar(d.weight, width: 20)) \(hours(d.hours))h  \(d.title) (weight \(Int((d.weight * 100).rounded()))%, \(score))")
        }
        out.append("")
        out.append("Assumptions:")
        out += plan.assumptions.map { "  - " + wrap($0, indent: "    ") }
        return out.joined(separator: "\n")
    }

    public func renderMarkdown() -> String {
        var out = ["# " + header[0], "", header[1] + ".", "", header[2].isEmpty ? "" : "> " + header[2], ""]
        for week in plan.weeks {
            out.append("## Week \(week.number): \(week.start) to \(week.end) (\(hours(week.hours)) h)")
            out.append("")
            out.append("| Hours | Activity |")
            out.append("|---:|---|")
            for activity in week.activities {
                let text = activity.title + (activity.command.map { ": `\($0)`" } ?? "")
                out.append("| \(hours(activity.hours)) | \(text.replacingOccurrences(of: "|", with: "\\|")) |")
            }
            out.append("")
        }
        out.append("## Domain hours")
        out.append("")
        out.append("| Domain | Weight | Practice | Hours |")
        out.append("|---|---:|---:|---:|")
        for d in plan.domainHours {
            out.append("| \(d.title) | \(Int((d.weight * 100).rounded()))% | \(d.practiceScore.map { "\(Int(($0 * 100).rounded()))%" } ?? "-") | \(hours(d.hours)) |")
        }
        out.append("")
        out.append("## Assumptions")
        out.append("")
        out += plan.assumptions.map { "- " + $0 }
        return out.joined(separator: "\n")
    }

    private func hours(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
