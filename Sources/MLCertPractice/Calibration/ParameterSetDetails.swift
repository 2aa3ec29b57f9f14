import Foundation

/// The parts of an `ItemParameterSet` the database stores keep as one JSON column, beside the columns they query by
/// (credential, version, time, learners, responses) and the per-item rows.
public struct ParameterSetDetails: Sendable, Codable, Hashable {
    public let model: String
    public let minimumResponses: Int
    public let populationMean: Double
    public let populationSD: Double
    public let linkedTo: Int?
    public let converged: Bool

    public init(_ set: ItemParameterSet) {
        model = set.model
        minimumResponses = set.minimumResponses
        populationMean = set.populationMean
        populationSD = set.populationSD
        linkedTo = set.linkedTo
        converged = set.converged
    }

    /// The whole set, from the stored columns and item rows.
    public func set(credentialID: String, version: Int, createdAt: Date, learners: Int, responses: Int, items: [ItemParameterSet.Entry]) -> ItemParameterSet {
        ItemParameterSet(credentialID: credentialID, version: version, createdAt: createdAt, learners: learners, responses: responses, model: model,
            minimumResponses: minimumResponses, populationMean: populationMean, populationSD: populationSD, linkedTo: linkedTo, converged: converged,
            items: items)
    }
}
