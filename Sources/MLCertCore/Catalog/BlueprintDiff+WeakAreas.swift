/// How a learner did on one part of one guide version: the objective (or domain) the answered items were tagged with
/// when they were shown.
public struct AreaResult: Sendable, Hashable, Codable {
    /// The guide version the learner practised under.
    public let version: String
    public let domain: String
    public let objective: String?
    public let answered: Int
    public let correct: Int

    public init(version: String, domain: String, objective: String?, answered: Int, correct: Int) {
        self.version = version
        self.domain = domain
        self.objective = objective
        self.answered = answered
        self.correct = correct
    }

    public var proportion: Double { answered == 0 ? 0 : Double(correct) / Double(answered) }
}

extension BlueprintDiff {
    /// A weak area of the learner and what the guide change does to it.
    public struct WeakArea: Sendable, Hashable, Codable {
        public let result: AreaResult
        public let domainTitle: String
        public let objectiveTitle: String?
        /// How the change touches this area, one sentence each; empty when it does not.
        public let changes: [String]

        enum CodingKeys: String, CodingKey {
            case result, changes
            case domainTitle = "domain_title"
            case objectiveTitle = "objective_title"
        }
    }

    /// A learner's weak areas (below `threshold` correct over at least `minimumAnswers` answers) on either side of the
    /// diff, each with the changes that touch it: its objective removed, moved or retitled, content moved into it, or
    /// its domain's weight changed. Areas practised under other guide versions are left out.
    public func weakAreas(
        _ results: [AreaResult], threshold: Double = Planner.weakThreshold, minimumAnswers: Int = 2
    ) -> [WeakArea] {
        results.filter { ($0.version == oldVersion || $0.version == newVersion) && $0.answered >= minimumAnswers && $0.proportion < threshold }
            .sorted { ($0.version == oldVersion ? 0 : 1, $0.proportion, $0.domain, $0.objective ?? "") < ($1.version == oldVersion ? 0 : 1, $1.proportion, $1.domain, $1.objective ?? "") }
            .map(describe)
    }

    private func describe(_ area: AreaResult) -> WeakArea {
        let onOld = area.version == oldVersion
        let row = domains.first { (onOld ? $0.old?.id : $0.new?.id) == area.domain }
        let side = onOld ? row?.old : row?.new
        var changes: [String] = []
        var objectiveTitle: String?
        if let objective = area.objective {
            for change in self.objectives {
                let mine = onOld ? change.old : change.new
                guard let mine, mine.domain == area.domain, mine.id == objective else { continue }
                objectiveTitle = mine.title
                switch (change.kind, onOld) {
                case (.removed, _): changes.append("\(mine.id) \(mine.title) is not in the \(newVersion) guide")
                case (.moved, true):
                    if let to = change.new { changes.append("\(mine.id) moved to \(to.id) \(to.title) (\(to.domainTitle)) in \(newVersion)") }
                case (.moved, false):
                    if let from = change.old { changes.append("\(mine.id) now also covers \(from.id) \(from.title) from the \(oldVersion) guide") }
                case (.retitled, true):
                    if let to = change.new { changes.append("\(mine.id) is now \"\(to.title)\"") }
                case (.retitled, false):
                    if let from = change.old { changes.append("\(mine.id) was \"\(from.title)\" in \(oldVersion)") }
                case (.added, _): changes.append("\(mine.id) is new in the \(newVersion) guide")
                }
            }
        }
        if let row {
            switch row.change {
            case .removed: changes.append("the domain \(row.old?.title ?? area.domain) is not in the \(newVersion) guide")
            case .added: changes.append("the domain \(row.new?.title ?? area.domain) is new in the \(newVersion) guide")
            case .reweighted, .retitledAndReweighted:
                if let o = row.old, let n = row.new {
                    changes.append("the domain's weight goes from \(o.weight ?? Self.percent(o.share)) to \(n.weight ?? Self.percent(n.share))")
                }
            case .retitled, .unchanged: break
            }
            if row.change == .retitled || row.change == .retitledAndReweighted, let o = row.old, let n = row.new {
                changes.append(onOld ? "the domain is now \"\(n.title)\"" : "the domain was \"\(o.title)\"")
            }
        }
        return WeakArea(result: area, domainTitle: side?.title ?? area.domain, objectiveTitle: objectiveTitle, changes: changes)
    }

    static func percent(_ share: Double) -> String { share == share.rounded() ? "\(Int(share))%" : "\(share)%" }
}
