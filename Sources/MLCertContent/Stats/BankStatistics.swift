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

    /// The full-item round: reviewers answered the whole item without the key.
    public struct Review: Sendable, Codable {
        public let items: Int
        public let reviewed: Int
        /// Items whose first independent reviewer agreed with the key as first written.
        public let firstPassAgreed: Int
        public let firstPassAgreementRate: Double?
        /// Items whose latest review agrees with the current key.
        public let currentlyAgreed: Int
        /// Items whose latest review is of their current version, and how many of those agreed.
        public let currentVersionReviewed: Int
        public let currentVersionAgreed: Int
        public let currentVersionAgreementRate: Double?

        enum CodingKeys: String, CodingKey {
            case items, reviewed
            case firstPassAgreed = "first_pass_agreed"
            case firstPassAgreementRate = "first_pass_agreement_rate"
            case currentlyAgreed = "currently_agreed"
            case currentVersionReviewed = "current_version_reviewed"
            case currentVersionAgreed = "current_version_agreed"
            case currentVersionAgreementRate = "current_version_agreement_rate"
        }

        init(_ items: [Item]) {
            self.items = items.count
            let reviews = items.compactMap(\.review)
            reviewed = reviews.count
            firstPassAgreed = reviews.filter(\.firstRound.agreed).count
            firstPassAgreementRate = reviews.isEmpty ? nil : Double(firstPassAgreed) / Double(reviews.count)
            currentlyAgreed = reviews.filter(\.agreed).count
            let current = items.compactMap(ReviewCoverage.currentFullItem)
            currentVersionReviewed = current.count
            currentVersionAgreed = current.filter(\.agreed).count
            currentVersionAgreementRate = current.isEmpty ? nil : Double(currentVersionAgreed) / Double(current.count)
        }
    }

    /// The options-only round: readers saw only the options and picked the likeliest key. The hit rate says how much
    /// the options give away; the chance rate is what blind guessing would score on the same items.
    public struct OptionsOnly: Sendable, Codable {
        /// Items with an options-only review of their current version.
        public let reviewed: Int
        /// Of those, how many the reader picked exactly the key of.
        public let hits: Int
        public let hitRate: Double?
        /// The mean blind-guess rate of the reviewed items (1/4 for a four-option single answer, 1/10 for choose two of five).
        public let chanceRate: Double?
        /// Items whose options have never been reviewed, or only in an earlier version.
        public let unreviewed: Int

        enum CodingKeys: String, CodingKey {
            case reviewed, hits, unreviewed
            case hitRate = "hit_rate"
            case chanceRate = "chance_rate"
        }

        init(_ items: [Item]) {
            let reviewedItems = items.filter { ReviewCoverage.currentOptionsOnly($0) != nil }
            reviewed = reviewedItems.count
            hits = reviewedItems.filter { ReviewCoverage.currentOptionsOnly($0)!.hit }.count
            hitRate = reviewed == 0 ? nil : Double(hits) / Double(reviewed)
            chanceRate = reviewed == 0 ? nil : reviewedItems.map(\.blindGuessRate).reduce(0, +) / Double(reviewed)
            unreviewed = items.count - reviewed
        }
    }

    /// Both rounds over one group of items (a domain, or the items added in one month).
    public struct ReviewGroup: Sendable, Codable {
        public let group: String
        public let items: Int
        public let review: Review
        public let optionsOnly: OptionsOnly

        enum CodingKeys: String, CodingKey {
            case group, items, review
            case optionsOnly = "options_only"
        }

        init(group: String, items: [Item]) {
            self.group = group
            self.items = items.count
            review = Review(items)
            optionsOnly = OptionsOnly(items)
        }

        /// Items grouped by the month they entered the bank ("2026-11"), oldest first; "unrecorded" for items with no date.
        static func byAddedMonth(_ items: [Item]) -> [ReviewGroup] {
            Dictionary(grouping: items) { item in item.addedOn.map { String($0.description.prefix(7)) } ?? "unrecorded" }
                .sorted { $0.key < $1.key }.map { ReviewGroup(group: $0.key, items: $0.value) }
        }
    }

    public struct CredentialStatistics: Sendable, Codable {
        public let credential: String
        public let blueprint: String?
        /// Every item of the credential, retired ones and those on older guides included.
        public let items: Int
        /// Items that practice serves: not retired, on the blueprint in force. The minimums are counted on these.
        public let activeItems: Int
        public let retiredItems: Int
        public let byType: [String: Int]
        public let byDifficulty: [String: Int]
        public let bySkillArea: [String: Int]
        public let domains: [DomainCount]
        public let coverageGaps: [Gap]
        public let cues: CueStatistics
        /// The full-item round over the active items.
        public let review: Review
        /// The options-only round over the active items, then per domain and per month the items were added.
        public let optionsOnly: OptionsOnly
        public let reviewsByDomain: [ReviewGroup]
        public let reviewsByAdded: [ReviewGroup]

        enum CodingKeys: String, CodingKey {
            case credential, blueprint, items, domains, cues, review
            case activeItems = "active_items"
            case retiredItems = "retired_items"
            case optionsOnly = "options_only"
            case reviewsByDomain = "reviews_by_domain"
            case reviewsByAdded = "reviews_by_added"
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
        review = Review(items.filter(\.isActive))
        credentials = Dictionary(grouping: items, by: \.credential).sorted { $0.key < $1.key }.map { id, group in
            let blueprint = catalog.credential(id: id)?.currentBlueprint
            let current = group.filter { $0.isActive && $0.blueprint == blueprint?.version }
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
            func histogram(_ key: (Item) -> String) -> [String: Int] { Dictionary(grouping: current, by: key).mapValues(\.count) }
            let byDomain = (blueprint?.domains ?? []).map { domain in ReviewGroup(group: domain.id, items: current.filter { $0.domain == domain.id }) }
            return CredentialStatistics(
                credential: id, blueprint: blueprint?.version, items: group.count, activeItems: current.count,
                retiredItems: group.filter { !$0.isActive }.count,
                byType: histogram { $0.type == .single ? "single" : "choose_\($0.choose)" },
                byDifficulty: histogram { $0.difficulty.rawValue }, bySkillArea: histogram { $0.skillArea.rawValue },
                domains: domains, coverageGaps: gaps, cues: CueStatistics(credential: id, items: current), review: Review(current),
                optionsOnly: OptionsOnly(current), reviewsByDomain: byDomain, reviewsByAdded: ReviewGroup.byAddedMonth(current))
        }
    }

    public func renderText() -> String {
        func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        func p(_ x: Double) -> String { x < 0.001 ? "<0.001" : String((x * 1000).rounded() / 1000) }
        var out = ["Question bank: \(items) items" + (review.firstPassAgreementRate.map { "; first-pass reviewer agreement \(pct($0)) (\(review.firstPassAgreed)/\(review.reviewed))" } ?? "")]
        for c in credentials {
            out.append("")
            out.append("\(c.credential) (guide \(c.blueprint ?? "-")): \(c.activeItems) active items (\(c.retiredItems) retired, \(c.items) in all); " + c.byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
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
            out.append("  full-item review: \(c.review.currentVersionReviewed)/\(c.review.items) reviewed in their current version, agreement "
                + (c.review.currentVersionAgreementRate.map(pct) ?? "-") + "; first-pass agreement " + (c.review.firstPassAgreementRate.map(pct) ?? "-"))
            out.append("  options-only review: " + Self.optionsLine(c.optionsOnly))
            for g in c.reviewsByDomain { out.append("    \(g.group): " + Self.optionsLine(g.optionsOnly)) }
            for g in c.reviewsByAdded {
                out.append("    added \(g.group): \(g.items) items; full-item agreement " + (g.review.currentVersionAgreementRate.map(pct) ?? "-")
                    + "; options-only " + Self.optionsLine(g.optionsOnly))
            }
            out.append(c.coverageGaps.isEmpty ? "  coverage: no gaps" : "  COVERAGE GAPS:\n" + c.coverageGaps.map { "    - \($0.domain)\($0.objective.map { " \($0)" } ?? ""): \($0.problem)" }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n")
    }

    static func optionsLine(_ o: OptionsOnly) -> String {
        func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        guard let rate = o.hitRate, let chance = o.chanceRate else { return "none reviewed (\(o.unreviewed) to do)" }
        return "hit \(o.hits)/\(o.reviewed) = \(pct(rate)) (chance \(pct(chance)))" + (o.unreviewed > 0 ? "; \(o.unreviewed) not reviewed" : "")
    }
}
