import Foundation
import MLCertCore
import MLCertPractice

/// What `mlcert calibrate --database DB --cert ID` prints: the parameter set (saved with `--apply`, else only shown),
/// each item's parameters and standard errors, whether it is used in practice, and how far it moved from the previous
/// set.
public struct ParameterSetReport: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public let item: String
        public let itemVersion: Int
        public let responses: Int
        public let inUse: Bool
        public let a: Double
        public let aSE: Double
        public let b: Double
        public let bSE: Double
        public let c: Double
        public let cSE: Double
        /// b minus the previous set's b for the same item version, when both sets use it.
        public let bChange: Double?
    }

    public let credential: String
    /// The version the set was saved as (nil when it was not saved).
    public let version: Int?
    public let saved: Bool
    public let createdAt: Date
    public let learners: Int
    public let responses: Int
    public let model: String
    public let minimumResponses: Int
    public let itemsInUse: Int
    public let linkedTo: Int?
    public let converged: Bool
    public let populationMean: Double
    public let populationSD: Double
    public let items: [Item]

    public init(set: ItemParameterSet, saved: Bool, previous: ItemParameterSet?) {
        credential = set.credentialID
        version = saved ? set.version : nil
        self.saved = saved
        createdAt = set.createdAt
        learners = set.learners
        responses = set.responses
        model = set.model
        minimumResponses = set.minimumResponses
        itemsInUse = set.itemsInUse
        linkedTo = set.linkedTo
        converged = set.converged
        populationMean = set.populationMean
        populationSD = set.populationSD
        let before = Dictionary(uniqueKeysWithValues: (previous?.items ?? []).map { ($0.itemID, $0) })
        items = set.items.map { entry in
            let old = before[entry.itemID].flatMap { $0.inUse && entry.inUse && $0.itemVersion == entry.itemVersion ? $0 : nil }
            return Item(item: entry.itemID, itemVersion: entry.itemVersion, responses: entry.responses, inUse: entry.inUse, a: entry.parameters.a,
                aSE: entry.standardErrors.a, b: entry.parameters.b, bSE: entry.standardErrors.b, c: entry.parameters.c, cSE: entry.standardErrors.c,
                bChange: old.map { entry.parameters.b - $0.parameters.b })
        }
    }

    public func renderText() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var table = TextTable(headers: ["ITEM", "N", "IN USE", "A", "SE(A)", "B", "SE(B)", "C", "SE(C)", "ΔB"])
        for i in items {
            table.rows.append([i.item, "\(i.responses)", i.inUse ? "yes" : "no", f(i.a), f(i.aSE), f(i.b), f(i.bSE), f(i.c), f(i.cSE),
                i.bChange.map { String(format: "%+.2f", $0) } ?? "-"])
        }
        let what = saved ? "saved as parameter set \(version ?? 0) of \(credential)" : "not saved (add --apply to use it)"
        let link = linkedTo.map { "linked to set \($0)" } ?? "not linked (no earlier set, or too few shared items)"
        return table.render() + "\n\n\(model) on \(learners) learners' \(responses) first attempts: \(itemsInUse) of \(items.count) items have at least "
            + "\(minimumResponses) answers and are used; \(link); \(converged ? "converged" : "NOT converged"); \(what)."
    }
}
