import MLCertCore

/// A learner who meets an old product name in the bank learns vocabulary the exam no longer uses, so wherever an
/// item, a course or the catalog's own text names a product by a name its vendor retired, it must also give the
/// current name (once, "(formerly ...)" style, is enough). Retired items and earlier guides are left as they were.
public struct RetiredNamesRule: LintRule {
    public let id = "names.retired"
    public let summary = "Items, courses and current catalog text that use a retired product name (catalog/renames.yaml) also give the current one."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let finder = RetiredNameFinder(content.catalog.renames.filter { $0.status == .renamed && $0.current != nil })
        guard !finder.entries.isEmpty else { return [] }
        var problems: [ContentProblem] = []
        func scan(_ fields: [(path: FieldPath, text: String)], report: (FieldPath, String) -> ContentProblem) {
            let whole = fields.map(\.text).joined(separator: "\n")
            var reported: Set<String> = []
            for field in fields {
                for entry in finder.entries(in: field.text) where !reported.contains(entry.old) {
                    guard let current = entry.current, !RetiredNameFinder.mentions(current, in: whole) else { continue }
                    reported.insert(entry.old)
                    let when = entry.on.map { "on \($0)" } ?? entry.by.map { "by \($0)" } ?? ""
                    problems.append(report(field.path,
                        "'\(entry.old)' is now '\(current)' (\(entry.vendor), renamed \(when)); use the current name, with \"(formerly \(entry.old))\" once if the old one helps"))
                }
            }
        }
        for (index, item) in content.indexedItems where item.retired == nil {
            scan(ProseFields.of(item)) { content.itemProblem(index, at: $0, $1, rule: id) }
        }
        for course in content.catalog.courses {
            scan(ProseFields.of(course)) { content.problem(.course(course.id), at: $0, $1, rule: id) }
        }
        for credential in content.catalog.credentials where !credential.isRetired {
            scan(ProseFields.of(credential)) { content.problem(.credential(credential.id), at: $0, $1, rule: id) }
        }
        return problems
    }
}
