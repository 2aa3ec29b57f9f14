import Foundation
import Psychometrics

/// One calibration of a credential's bank, as `mlcert calibrate --apply` (or the server's recalibration) saves it:
/// every item's parameters with their standard errors and response counts, when it was made and from how many
/// learners. Sets are numbered per credential (1, 2, ...) and never changed once saved; the newest is the one in use.
public struct ItemParameterSet: Sendable, Codable, Hashable {
    /// One item's calibration.
    public struct Entry: Sendable, Codable, Hashable {
        public let itemID: String
        /// The item version the answers were given to; a later edit of the item sends it back to the author's
        /// estimate until it is calibrated again.
        public let itemVersion: Int
        public let parameters: ItemParameters
        public let standardErrors: ItemStandardErrors
        /// First-attempt answers the item had.
        public let responses: Int
        /// Whether the item had at least the set's `minimumResponses`: only then do its parameters replace the
        /// author's estimate in practice.
        public let inUse: Bool

        public init(itemID: String, itemVersion: Int, parameters: ItemParameters, standardErrors: ItemStandardErrors, responses: Int, inUse: Bool) {
            self.itemID = itemID
            self.itemVersion = itemVersion
            self.parameters = parameters
            self.standardErrors = standardErrors
            self.responses = responses
            self.inUse = inUse
        }
    }

    public let credentialID: String
    /// 1 for the first set of a credential; the store assigns it when saving.
    public let version: Int
    public let createdAt: Date
    /// Learners whose answers went into the set.
    public let learners: Int
    /// First-attempt answers that went into the set.
    public let responses: Int
    /// `3pl`, `2pl` or `1pl`.
    public let model: String
    /// Answers an item needs before its calibration is used.
    public let minimumResponses: Int
    /// The calibration population's ability distribution on this set's scale (the prior for a learner's ability).
    public let populationMean: Double
    public let populationSD: Double
    /// The set whose scale this one was linked to, if any.
    public let linkedTo: Int?
    /// Whether EM converged.
    public let converged: Bool
    /// By item id.
    public let items: [Entry]

    public init(
        credentialID: String, version: Int, createdAt: Date, learners: Int, responses: Int, model: String, minimumResponses: Int,
        populationMean: Double, populationSD: Double, linkedTo: Int?, converged: Bool, items: [Entry]
    ) {
        self.credentialID = credentialID
        self.version = version
        // Whole seconds: every store keeps them exactly (fractions of a second do not survive every date encoding), so a
        // saved set reads back equal.
        self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
        self.learners = learners
        self.responses = responses
        self.model = model
        self.minimumResponses = minimumResponses
        self.populationMean = populationMean
        self.populationSD = populationSD
        self.linkedTo = linkedTo
        self.converged = converged
        self.items = items.sorted { $0.itemID < $1.itemID }
    }

    /// The same set under another version number (the store numbers sets as it saves them).
    public func numbered(_ version: Int) -> ItemParameterSet {
        ItemParameterSet(credentialID: credentialID, version: version, createdAt: createdAt, learners: learners, responses: responses, model: model,
            minimumResponses: minimumResponses, populationMean: populationMean, populationSD: populationSD, linkedTo: linkedTo,
            converged: converged, items: items)
    }

    /// Items whose calibration is in use.
    public var itemsInUse: Int { items.filter(\.inUse).count }
}
