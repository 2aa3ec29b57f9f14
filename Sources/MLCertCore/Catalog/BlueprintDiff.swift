/// What changed between two versions of an exam guide, for a learner who started on the old one: each domain side by
/// side with its weight, and the objectives that were added, removed, moved or retitled.
///
/// Objectives are matched as the vendor mapped them where the catalog records it (a guide that `follows` the old one,
/// with `from` on each objective: AWS's one-to-one C01/C02 task mapping, Google folding AutoML into 1.1); otherwise
/// by the same id in the same domain, then by similar titles. Domains are matched by id, then by title.
///
/// ```swift
/// let diff = try BlueprintDiff(credential: pmle, from: "2024-10", to: "2026-06")
/// diff.objectives.filter { $0.kind == .moved }   // 1.3 -> 1.1, 5.3 -> 2.3
/// ```
public struct BlueprintDiff: Sendable, Hashable, Codable {
    /// One domain in either guide, or both.
    public struct DomainRow: Sendable, Hashable, Codable {
        public enum Change: String, Sendable, Hashable, Codable {
            case unchanged, retitled, reweighted, retitledAndReweighted = "retitled_and_reweighted", added, removed
        }
        public let old: Side?
        public let new: Side?
        public let change: Change
        /// New share minus old share, in percentage points of the exam (nominal weights, range midpoints).
        public let weightChange: Double?

        enum CodingKeys: String, CodingKey {
            case old, new, change
            case weightChange = "weight_change"
        }

        public struct Side: Sendable, Hashable, Codable {
            public let id: String
            public let number: Int
            public let title: String
            /// As the vendor writes it: "24%", "25-30%", or nil.
            public let weight: String?
            /// The share of the exam used for comparison, in percent.
            public let share: Double
        }
    }

    /// A change to one objective.
    public struct ObjectiveChange: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case added, removed, moved, retitled
        }
        public let kind: Kind
        public let old: ObjectiveRef?
        public let new: ObjectiveRef?
    }

    /// An objective and the domain it sits in.
    public struct ObjectiveRef: Sendable, Hashable, Codable {
        public let domain: String
        public let domainTitle: String
        public let id: String
        public let title: String

        enum CodingKeys: String, CodingKey {
            case domain, id, title
            case domainTitle = "domain_title"
        }
    }

    /// How the objectives were matched.
    public enum Matching: String, Sendable, Hashable, Codable {
        /// From the new guide's `from` lists: the vendor's own mapping as the catalog records it.
        case declared
        /// Same id in the same domain, then similar titles: a guess, said so wherever it is shown.
        case inferred
        /// The older guide lists no objectives in the catalog; only domains are compared.
        case domainsOnly = "domains_only"
    }

    public let credential: String
    public let oldVersion: String
    public let newVersion: String
    public let oldExamCode: String?
    public let newExamCode: String?
    public let domains: [DomainRow]
    /// Changed objectives only, in the new guide's order (removed ones last).
    public let objectives: [ObjectiveChange]
    public let unchangedObjectives: Int
    public let matching: Matching

    enum CodingKeys: String, CodingKey {
        case credential, domains, objectives, matching
        case oldVersion = "old_version"
        case newVersion = "new_version"
        case oldExamCode = "old_exam_code"
        case newExamCode = "new_exam_code"
        case unchangedObjectives = "unchanged_objectives"
    }

    public enum DiffError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownVersion(credential: String, version: String, versions: [String])
        case sameVersion(String)
        public var description: String {
            switch self {
            case .unknownVersion(let credential, let version, let versions):
                "\(credential) has no guide version '\(version)'; versions: \(versions.joined(separator: ", "))"
            case .sameVersion(let version): "both versions are '\(version)'; give two different guide versions"
            }
        }
    }

    /// The diff between two guide versions of `credential`; nil versions default to the one before the current guide
    /// and the current guide.
    public init(credential: Credential, from oldVersion: String? = nil, to newVersion: String? = nil) throws(DiffError) {
        let blueprints = (credential.blueprints ?? []).sorted { $0.inForce.from < $1.inForce.from }
        let versions = blueprints.map(\.version)
        let current = credential.currentBlueprint ?? blueprints.last
        let newV = newVersion ?? current?.version ?? ""
        guard let new = credential.blueprint(version: newV) else {
            throw .unknownVersion(credential: credential.id, version: newV, versions: versions)
        }
        let defaultOld = new.follows ?? blueprints.last { $0.inForce.from < new.inForce.from }?.version ?? ""
        let oldV = oldVersion ?? defaultOld
        guard let old = credential.blueprint(version: oldV) else {
            throw .unknownVersion(credential: credential.id, version: oldV, versions: versions)
        }
        guard old.version != new.version else { throw .sameVersion(old.version) }
        self.init(credential: credential.id, old: old, new: new)
    }

    public init(credential: String, old: Blueprint, new: Blueprint) {
        self.credential = credential
        oldVersion = old.version
        newVersion = new.version
        oldExamCode = old.examCode
        newExamCode = new.examCode
        let pairs = Self.pairDomains(old.domains, new.domains)
        let oldShares = Self.shares(old)
        let newShares = Self.shares(new)
        domains = pairs.map { pair in
            let o = pair.0.map { DomainRow.Side(id: $0.id, number: $0.number, title: $0.title, weight: $0.weightLabel, share: oldShares[$0.id] ?? 0) }
            let n = pair.1.map { DomainRow.Side(id: $0.id, number: $0.number, title: $0.title, weight: $0.weightLabel, share: newShares[$0.id] ?? 0) }
            guard let o, let n else {
                return DomainRow(old: o, new: n, change: o == nil ? .added : .removed, weightChange: nil)
            }
            let delta = ((n.share - o.share) * 10).rounded() / 10
            let retitled = o.title != n.title
            let reweighted = abs(delta) >= 0.5
            let change: DomainRow.Change = retitled ? (reweighted ? .retitledAndReweighted : .retitled) : (reweighted ? .reweighted : .unchanged)
            return DomainRow(old: o, new: n, change: change, weightChange: delta)
        }
        let oldObjectives = Self.refs(old)
        let newObjectives = Self.refs(new)
        if oldObjectives.isEmpty {
            matching = .domainsOnly
            objectives = []
            unchangedObjectives = 0
            return
        }
        let declared = new.follows == old.version && new.domains.contains { ($0.objectives ?? []).contains { $0.from != nil } }
        matching = declared ? .declared : .inferred
        let links = declared
            ? Self.declaredLinks(new, newObjectives, oldObjectives)
            : Self.inferredLinks(newObjectives, oldObjectives, domainPairs: pairs)
        var changes: [ObjectiveChange] = []
        var unchanged = 0
        var linkedOld: Set<ObjectiveRef> = []
        for objective in newObjectives {
            let sources = links[objective] ?? []
            if sources.isEmpty { changes.append(ObjectiveChange(kind: .added, old: nil, new: objective)) }
            for source in sources {
                linkedOld.insert(source)
                let sameDomain = pairs.contains { $0.0?.id == source.domain && $0.1?.id == objective.domain }
                if sameDomain && source.id == objective.id {
                    if Self.normalized(source.title) == Self.normalized(objective.title) {
                        unchanged += 1
                    } else {
                        changes.append(ObjectiveChange(kind: .retitled, old: source, new: objective))
                    }
                } else {
                    changes.append(ObjectiveChange(kind: .moved, old: source, new: objective))
                }
            }
        }
        for objective in oldObjectives where !linkedOld.contains(objective) {
            changes.append(ObjectiveChange(kind: .removed, old: objective, new: nil))
        }
        objectives = changes
        unchangedObjectives = unchanged
    }

    // MARK: Matching

    static func shares(_ blueprint: Blueprint) -> [String: Double] {
        blueprint.normalizedWeights.mapValues { ($0 * 1000).rounded() / 10 }
    }

    static func refs(_ blueprint: Blueprint) -> [ObjectiveRef] {
        blueprint.domains.sorted { $0.number < $1.number }.flatMap { domain in
            (domain.objectives ?? []).map { ObjectiveRef(domain: domain.id, domainTitle: domain.title, id: $0.id, title: $0.title) }
        }
    }

    /// Domains of both guides, paired by id, then by title; unpaired ones stand alone. In the new guide's order, with
    /// removed domains last.
    static func pairDomains(_ old: [Domain], _ new: [Domain]) -> [(Domain?, Domain?)] {
        var remaining = old.sorted { $0.number < $1.number }
        var out: [(Domain?, Domain?)] = []
        for domain in new.sorted(by: { $0.number < $1.number }) {
            let match = remaining.firstIndex { $0.id == domain.id }
                ?? remaining.firstIndex { normalized($0.title) == normalized(domain.title) }
            out.append((match.map { remaining.remove(at: $0) }, domain))
        }
        return out + remaining.map { ($0, nil) }
    }

    /// Each new objective's sources from its `from` list.
    static func declaredLinks(_ new: Blueprint, _ newRefs: [ObjectiveRef], _ oldRefs: [ObjectiveRef]) -> [ObjectiveRef: [ObjectiveRef]] {
        var byID: [String: ObjectiveRef] = [:]
        for ref in oldRefs { byID[ref.id] = ref }
        var out: [ObjectiveRef: [ObjectiveRef]] = [:]
        for domain in new.domains {
            for objective in domain.objectives ?? [] {
                guard let ref = newRefs.first(where: { $0.domain == domain.id && $0.id == objective.id }) else { continue }
                out[ref] = (objective.from ?? []).compactMap { byID[$0] }
            }
        }
        return out
    }

    /// The most similar titles anywhere first (word overlap of at least half, best pairs first), then the same id in
    /// paired domains where the titles still share something; what is left is added or removed.
    static func inferredLinks(_ newRefs: [ObjectiveRef], _ oldRefs: [ObjectiveRef], domainPairs: [(Domain?, Domain?)]) -> [ObjectiveRef: [ObjectiveRef]] {
        var out: [ObjectiveRef: [ObjectiveRef]] = [:]
        var usedOld: Set<ObjectiveRef> = []
        let candidates = newRefs.flatMap { new in oldRefs.map { (new, $0, similarity($0.title, new.title)) } }
            .filter { $0.2 >= 0.5 }
            .sorted { $0.2 > $1.2 }
        for (new, old, _) in candidates where out[new] == nil && !usedOld.contains(old) {
            out[new] = [old]
            usedOld.insert(old)
        }
        for ref in newRefs where out[ref] == nil {
            let paired = domainPairs.first { $0.1?.id == ref.domain }?.0?.id
            if let old = oldRefs.first(where: { !usedOld.contains($0) && $0.domain == paired && $0.id == ref.id && similarity($0.title, ref.title) >= 0.2 }) {
                out[ref] = [old]
                usedOld.insert(old)
            }
        }
        return out
    }

    static func normalized(_ title: String) -> String {
        title.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }.split(separator: " ").joined(separator: " ")
    }

    /// Shared words over all words (Jaccard), ignoring case and punctuation.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Set(normalized(a).split(separator: " "))
        let y = Set(normalized(b).split(separator: " "))
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }
}
