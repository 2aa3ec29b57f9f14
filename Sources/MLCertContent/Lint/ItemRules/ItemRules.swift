import MLCertCore

extension Linter {
    /// Item rules: each item on its own, then the bank as a whole for cues a test-wise guesser could exploit.
    public static let itemRules: [any LintRule] = [
        UniqueItemIDsRule(), ItemReferencesRule(), OptionCountRule(), KeyCountRule(), DuplicateOptionsRule(),
        CatchAllOptionsRule(), RationaleRule(), NegativeStemRule(), SelfUnderminingOptionRule(), ReviewRecordRule(),
        OptionsReviewRecordRule(), NearDuplicateStemRule(),
        LongestKeyCueRule(), KeyPositionCueRule(), StemEchoCueRule(), AbsoluteWordsCueRule(), CurrentGuideRule(),
        UnavailableServiceRule(),
    ]

    /// The rules the practice engine cannot run without (ids, references, option and key counts). Commands that only
    /// serve the bank check these and leave the slower bank-wide statistics to `mlcert content lint`.
    public static let servingRules: [any LintRule] = [UniqueItemIDsRule(), ItemReferencesRule(), OptionCountRule(), KeyCountRule()]
}

extension LoadedContent {
    /// Items with their load positions, which locate problems.
    var indexedItems: [(index: Int, item: Item)] { items.enumerated().map { ($0.offset, $0.element) } }

    /// A problem on item `index`, at `path` inside it.
    func itemProblem(_ index: Int, at path: FieldPath = [], _ message: String, rule: String, severity: ContentProblem.Severity = .error) -> ContentProblem {
        problem(.item(index), at: path, message, rule: rule, severity: severity)
    }
}
