import MLCertCore

/// The renames table drives two item rules, so each entry must be usable: a rename names its successor, every entry
/// says when (the vendor's day, or a day by which it was in effect), and no old name is listed twice.
public struct RenamesTableRule: LintRule {
    public let id = "catalog.renames"
    public let summary = "Each renames.yaml entry gives exactly one of on/by, a current name when renamed, ends_on after the change, and an old name used once."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var seen: Set<String> = []
        for (i, entry) in content.catalog.renames.enumerated() {
            func fail(_ field: String, _ message: String) { problems.append(content.problem(.rename(i), at: [.key(field)], message, rule: id)) }
            if (entry.on == nil) == (entry.by == nil) {
                fail("old", "give exactly one of `on` (the vendor's day) and `by` (a day by which the change was in effect)")
            }
            if entry.status == .renamed && (entry.current ?? "").isEmpty {
                fail("current", "a rename needs the current name")
            }
            if let current = entry.current, current == entry.old { fail("current", "the current name equals the old one") }
            if let ends = entry.endsOn, let start = entry.on ?? entry.by, ends < start {
                fail("ends_on", "ends_on (\(ends)) is before the change (\(start))")
            }
            if !seen.insert(entry.old).inserted { fail("old", "'\(entry.old)' is listed more than once") }
        }
        return problems
    }
}
