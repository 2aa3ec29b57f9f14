import MLCertCore

/// One named content check. Rules are small and independent so that new ones slot in without touching the others;
/// each reports every violation it finds, located by file, line and field.
public protocol LintRule: Sendable {
    /// A stable id such as `catalog.weights-sum`, shown with each problem and used by tests.
    var id: String { get }
    /// One sentence saying what the rule protects against.
    var summary: String { get }
    func check(_ content: LoadedContent) -> [ContentProblem]
}

/// Runs lint rules over loaded content.
public struct Linter: Sendable {
    public let rules: [any LintRule]

    public init(rules: [any LintRule] = Linter.defaultRules) { self.rules = rules }

    public func run(on content: LoadedContent) -> [ContentProblem] {
        rules.flatMap { $0.check(content) }
    }

    /// Every rule mlcert ships, catalog first, then items.
    public static let defaultRules: [any LintRule] = catalogRules + itemRules

    public static let catalogRules: [any LintRule] = [
        UniqueIDsRule(), SourceReferencesRule(), CredentialReferencesRule(), BlueprintWeightsRule(),
        BlueprintStructureRule(), RequiredFactsRule(), StatusRule(), ConflictStatedRule(), RenamesTableRule(),
        RetiredNamesRule(),
    ]

    /// Every rule `mlcert content lint` runs on `today`: the default rules and the staleness check, which depends on
    /// the date and so is left out of the rules that gate loading.
    public static func lintRules(today: Day, maxAgeDays: Int = StalenessRule.defaultMaxAgeDays) -> [any LintRule] {
        defaultRules + [StalenessRule(today: today, maxAgeDays: maxAgeDays)]
    }
}
