import MLCertCore

extension LearnerHistory {
    /// How the learner did on each objective of each guide version they practised `credential` under, counting the
    /// latest revealed answer to each item. Items are grouped by the tags they carried when shown, so answers given
    /// under an older guide stay in that guide's terms after the bank moves on.
    public func areaResults(credential: String) -> [AreaResult] {
        let versions = Dictionary(sessions.map { ($0.header.id, $0.header.blueprintVersion) }, uniquingKeysWith: { a, _ in a })
        struct Key: Hashable { let version: String, domain: String, objective: String }
        var latest: [String: (Key, Bool)] = [:]
        for entry in revealed where entry.credentialID == credential {
            guard let version = versions[entry.sessionID] else { continue }
            latest[version + "\u{1F}" + entry.answer.itemID] = (Key(version: version, domain: entry.item.domain, objective: entry.item.objective), entry.answer.correct)
        }
        var tally: [Key: (answered: Int, correct: Int)] = [:]
        for (key, correct) in latest.values {
            tally[key, default: (0, 0)].answered += 1
            if correct { tally[key, default: (0, 0)].correct += 1 }
        }
        return tally.map { AreaResult(version: $0.key.version, domain: $0.key.domain, objective: $0.key.objective, answered: $0.value.answered, correct: $0.value.correct) }
            .sorted { ($0.version, $0.domain, $0.objective ?? "") < ($1.version, $1.domain, $1.objective ?? "") }
    }
}
