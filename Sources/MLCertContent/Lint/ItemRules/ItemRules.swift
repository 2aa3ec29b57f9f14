import MLCertCore

extension Linter {
    /// Item rules, per item and bank-wide. Filled in by the question-bank work.
    public static let itemRules: [any LintRule] = []
}
