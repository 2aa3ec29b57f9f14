import MLCertCore

/// A learner comparing exams needs the same facts for each; an active exam missing one would leave a blank in the
/// advice (cost, time, retake risk).
public struct RequiredFactsRule: LintRule {
    public let id = "catalog.required-facts"
    public let summary = "Every active exam states price, duration, questions, types, scoring, validity, renewal, retakes, delivery, languages and experience."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        content.catalog.credentials
            .filter { $0.kind == .exam && $0.status.state == .active }
            .flatMap { credential -> [ContentProblem] in
                let present = Set(credential.facts.presentKeys)
                return CredentialFacts.requiredForExams.filter { !present.contains($0) }.map { missing in
                    content.problem(.credential(credential.id), at: [.key("facts")],
                        "active exam '\(credential.id)' is missing the fact '\(missing)' (state it, with sources, even if it is 'not published')", rule: id)
                }
            }
    }
}
