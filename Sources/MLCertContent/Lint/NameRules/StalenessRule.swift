import MLCertCore

/// Exams and products change several times a year, so a fact or an item nobody has checked for months may be out of
/// date. This is a warning, not an error: an old date says "check me", not "I am wrong", and an error would fail a
/// build that nobody changed merely because the calendar moved on.
public struct StalenessRule: LintRule {
    public let id = "content.stale"
    public let summary = "Facts (verified_on) of current exams and items (last_checked) older than the maximum age (default 180 days) are flagged for re-checking."
    /// The day the check runs; injected so that tests and reports are reproducible.
    public let today: Day
    public let maxAgeDays: Int

    public static let defaultMaxAgeDays = 180

    public init(today: Day, maxAgeDays: Int = StalenessRule.defaultMaxAgeDays) {
        self.today = today
        self.maxAgeDays = maxAgeDays
    }

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        func age(_ day: Day) -> Int { day.days(until: today) }
        for credential in content.catalog.credentials where !credential.isRetired {
            for (path, fact) in FactSets.of(credential, currentGuideOnly: true) where age(fact.verifiedOn) > maxAgeDays {
                problems.append(content.problem(.credential(credential.id), at: path.key("verified_on"),
                    "verified \(age(fact.verifiedOn)) days ago (\(fact.verifiedOn)), more than \(maxAgeDays); check it against its sources again",
                    rule: id, severity: .warning))
            }
        }
        for (index, item) in content.indexedItems where item.retired == nil && age(item.lastChecked) > maxAgeDays {
            problems.append(content.itemProblem(index, at: [.key("last_checked")],
                "last checked \(age(item.lastChecked)) days ago (\(item.lastChecked)), more than \(maxAgeDays); check its facts and names again",
                rule: id, severity: .warning))
        }
        return problems
    }
}
