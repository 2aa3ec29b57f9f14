import MLCertCore

/// Every set of facts a credential states, with where it sits: its own facts (the standard exam) and those of each
/// other form of the exam under a guide (a beta). Rules that check facts walk these, so a beta's facts are held to the
/// same sources, conflicts and freshness as the exam's.
enum FactSets {
    typealias Provenance = (key: String, sources: [String], confidence: Confidence, conflict: String?, verifiedOn: Day)

    /// Each fact's provenance with the path of its fact in the credential's file; `currentGuideOnly` leaves out the
    /// forms of earlier guides.
    static func of(_ credential: Credential, currentGuideOnly: Bool = false) -> [(path: FieldPath, fact: Provenance)] {
        var sets: [(FieldPath, CredentialFacts)] = [([.key("facts")], credential.facts)]
        for (b, blueprint) in (credential.blueprints ?? []).enumerated() where blueprint.current || !currentGuideOnly {
            for (f, form) in (blueprint.forms ?? []).enumerated() {
                sets.append(([.key("blueprints"), .index(b), .key("forms"), .index(f), .key("facts")], form.facts))
            }
        }
        return sets.flatMap { base, facts in facts.provenance.map { (path: base.key($0.key), fact: $0) } }
    }
}
