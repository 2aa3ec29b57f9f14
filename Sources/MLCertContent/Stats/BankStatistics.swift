import MLCertCore

/// The question bank measured against the blueprints: counts by credential, domain, objective, type and difficulty;
/// coverage gaps; cue figures; and the reviewers' agreement with the keys. The JSON form is a contract for tooling.
public struct BankStatistics: Sendable, Codable {
    public struct ObjectiveCount: Sendable, Codable {
        public let objective: String
        public let title: String
        public let items: Int
    }

    public struct DomainCount: Sendable, Codable {
        public let domain: String
        public let title: String
        /// Blueprint weight as a fraction.
        public let weight: Double
        public let items: Int
        /// Fewest items for this domain to be represented at least in proportion to its weight.
        public let proportionalMinimum: Int
        public let objectives: [ObjectiveCount]

        enum CodingKeys: String, CodingKey {
            case domain, title, weight, items, objectives
            case proportionalMinimum = "proportional_minimum"
        }
    }

    public struct Gap: Sendable, Codable, Equatable {
        public let domain: String
        public let objective: String?
        public let problem: String
    }

    public struct Review: Sendable, Codable {
        public let items: Int
        public let reviewed: Int
        /// Items whose first independent reviewer agreed with the key as first written.
        public let firstPassAgreed: Int
        public let firstPassAgreementRate: Double?
        /// Items whose latest review agrees with the current key.
        public let currentlyAgreed: Int

        enum CodingKeys: String, CodingKey {
            case items, reviewed
            case firstPassAgreed = "first_pass_agreed"
            case firstPassAgreementRate = "first_pass_agreement_rate"
            case currentlyAgreed = "currently_agreed"
        }

        init(_ items: [Item]) {
            self.items = items.count
            let reviews = items.compactMap(\.review)
            reviewed = reviews.count
            firstPassAgreed = reviews.filter(\.firstRound.agreed).count
            firstPassAgreementRate = reviews.isEmpty ? nil : Double(firstPassAgreed) / Double(reviews.count)
            currentlyAgreed = reviews.filter(\.agreed).count
        }
    }

    public struct CredentialStatistics: Sendable, Codable {
        public let credential: String
        public let blueprint: String?
        public let items: Int
        public let byType: [String: Int]
        public let byDifficulty: [String: Int]
        public let bySkillArea: [String: Int]
        public let domains: [DomainCount]
        public let coverageGaps: [Gap]
        public let cues: CueStatistics
        public let review: Review

        enum CodingKeys: String, CodingKey {
            case credential, blueprint, items, domains, cues, review
            case byType = "by_type"
            case byDifficulty = "by_difficulty"
            case bySkillArea = "by_skill_area"
            case coverageGaps = "coverage_gaps"
        }
    }

    public let items: Int
    public let credentials: [CredentialStatistics]
    public let review: Review

    public init(catalog: Catalog, items: [Item]) {
        self.items = items.count
        review = Review(items)
        credentials = Dictionary(grouping: items, by: \.credential).sorted { $0.key < $1.key }.map { id, group in
            let blueprint = catalog.credential(id: id)?.currentBlueprint
            let current = group.filter { $0.blueprint == blueprint?.version }
            let weights = blueprint?.normalizedWeights ?? [:]
            var gaps: [Gap] = []
            let domains = (blueprint?.domains ?? []).map { domain -> DomainCount in
                let inDomain = current.filter { $0.domain == domain.id }
                let minimum = Int((weights[domain.id] ?? 0) * Double(current.count))
                if inDomain.count < minimum {
                    gaps.append(Gap(domain: domain.id, objective: nil, problem: "\(inDomain.count) items, fewer than the \(minimum) its weight calls for"))
                }
                let objectives = (domain.objectives ?? []).map { objective -> ObjectiveCount in
                    let n = inDomain.filter { $0.objective == objective.id }.count
                    if n == 0 { gaps.append(Gap(domain: domain.id, objective: objective.id, problem: "no items for objective \(objective.id) \(objective.title)")) }
                    return ObjectiveCount(objective: objective.id, title: objective.title, items: n)
                }
                return DomainCount(domain: domain.id, title: domain.title, weight: weights[domain.id] ?? 0, items: inDomain.count,
                    proportionalMinimum: minimum, objectives: objectives)
            }
            func histogram(_ key: (Item) -> String) -> [String: Int] { Dictionary(grouping: group, by: key).mapValues(\.count) }
            return CredentialStatistics(
                credential: id, blueprint: blueprint?.version, items: group.count,
                byType: histogram { $0.type == .single ? "single" : "choose_\($0.choose)" },
                byDifficulty: histogram { $0.difficulty.rawValue }, bySkillArea: histogram { $0.skillArea.rawValue },
                domains: domains, coverageGaps: gaps, cues: CueStatistics(credential: id, items: group), review: Review(group))
        }
    }

    public func renderText() -> String {
        func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        func p(_ x: Double) -> String { x < 0.001 ? "<0.001" : String((x * 1000).rounded() / 1000) }
        var out = ["Question bank: \(items) items" + (review.firstPassAgreementRate.map { "; first-pass reviewer agreement \(pct($0)) (\(review.firstPassAgreed)/\(review.reviewed))" } ?? "")]
        for c in credentials {
            out.append("")
            out.append("\(c.credential) (guide \(c.blueprint ?? "-")): \(c.items) items; " + c.byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + "; difficulty " + ["easy", "medium", "hard"].map { "\($0) \(c.byDifficulty[$0] ?? 0)" }.joined(separator: ", "))
            var table = TextTable(headers: ["DOMAIN", "WEIGHT", "ITEMS", "MIN", "OBJECTIVES (items)"])
            for d in c.domains {
                table.rows.append([d.domain, pct(d.weight), "\(d.items)", "\(d.proportionalMinimum)", d.objectives.map { "\($0.objective):\($0.items)" }.joined(separator: " ")])
            }
            out.append(table.render())
            out.append("  skill areas: " + c.bySkillArea.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            let cues = c.cues
            out.append("  cues: longest key \(cues.longestKey.observed)/\(cues.longestKey.items) (chance \(Int(cues.longestKey.expected.rounded())), p \(p(cues.longestKey.pValue))); "
                + "positions \(cues.keyPositions.counts.map(String.init).joined(separator: "/")) (p \(p(cues.keyPositions.pValue))); "
                + "stem echo \(cues.stemEcho.observed)/\(cues.stemEcho.items) (p \(p(cues.stemEcho.pValue))); "
                + "absolute words in keys \(cues.absoluteWords.keysWithAbsolute)/\(cues.absoluteWords.keys), distractors \(cues.absoluteWords.distractorsWithAbsolute)/\(cues.absoluteWords.distractors) (p \(p(cues.absoluteWords.pValue)))")
            out.append("  review: \(c.review.reviewed)/\(c.review.items) reviewed; first-pass agreement " + (c.review.firstPassAgreementRate.map(pct) ?? "-") + "; currently agreed \(c.review.currentlyAgreed)")
            out.append(c.coverageGaps.isEmpty ? "  coverage: no gaps" : "  COVERAGE GAPS:\n" + c.coverageGaps.map { "    - \($0.domain)\($0.objective.map { " \($0)" } ?? ""): \($0.problem)" }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n")
    }
}
