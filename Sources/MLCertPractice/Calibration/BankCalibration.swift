import Foundation
import MLCertCore
import Psychometrics

/// Calibrates a credential's bank from learners' first attempts, the way operational testing programmes do: the
/// authors' estimates are the priors (so an item with few answers stays near them), an item's calibration is used in
/// practice only once it has `minimumResponses` answers, and a new set is put on the previous set's scale.
///
/// ```swift
/// let responses = BankCalibration.Responses(histories: histories, credentialID: "google-pmle", items: bank)
/// let set = await BankCalibration().calibrate(responses, previous: newest, at: Date())
/// ```
public struct BankCalibration: Sendable {
    /// The IRT model; 3PL because every bank item is a choice item with a guessing floor.
    public var model: IRTModel
    /// Answers an item needs before its calibration replaces the author's estimate.
    public var minimumResponses: Int
    /// Items the new and the previous set must share (both in use) before the new one is linked to the old scale.
    public var minimumLinkItems: Int

    public init(model: IRTModel = .threePL, minimumResponses: Int = 50, minimumLinkItems: Int = 5) {
        self.model = model
        self.minimumResponses = minimumResponses
        self.minimumLinkItems = minimumLinkItems
    }

    /// First attempts of many learners at a credential's items, in the sparse form calibration takes.
    public struct Responses: Sendable {
        public let credentialID: String
        /// The items calibrated, in `data`'s item order (the credential's current bank).
        public let items: [Item]
        /// Learners with at least one counted answer.
        public let learners: Int
        public let data: ResponseData

        /// Each learner's evidence (first attempts before the key was shown) at `items`, for the items' current
        /// versions; an answer to an older version of an item is about other wording and is left out.
        public init(histories: [LearnerHistory], credentialID: String, items: [Item]) {
            self.credentialID = credentialID
            self.items = items
            let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
            var triples: [(person: Int, item: Int, correct: Bool)] = []
            var person = 0
            for history in histories {
                let mine = history.evidence.compactMap { entry -> (Int, Bool)? in
                    guard entry.credentialID == credentialID, let i = index[entry.answer.itemID], items[i].version == entry.answer.itemVersion else { return nil }
                    return (i, entry.answer.correct)
                }
                guard !mine.isEmpty else { continue }
                for (i, correct) in mine { triples.append((person, i, correct)) }
                person += 1
            }
            learners = person
            data = ResponseData(personCount: person, itemCount: items.count, responses: triples)
        }
    }

    /// A new parameter set from `responses` (version 0 until a store numbers it), linked to `previous` when they
    /// share enough calibrated items.
    public func calibrate(_ responses: Responses, previous: ItemParameterSet?, at now: Date,
                          progress: (@Sendable (Int, Double) -> Void)? = nil) async -> ItemParameterSet {
        let items = responses.items
        var options = CalibrationOptions(model: model,
            authorDifficulty: Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, ItemPriors.parameters(for: $0.element).b) }),
            authorDifficultySD: ItemParameterDistribution.authorSDB,
            authorGuessing: Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, ItemPriors.parameters(for: $0.element).c) }))
        options.logDiscriminationPrior = NormalPrior(mean: 0, sd: ItemParameterDistribution.authorSDLogA)
        options.progress = progress
        let result = await Calibrator(options: options).calibrate(responses.data)
        var entries = items.indices.map { i in
            ItemParameterSet.Entry(itemID: items[i].id, itemVersion: items[i].version, parameters: result.items[i], standardErrors: result.standardErrors[i],
                responses: result.responseCounts[i], inUse: result.responseCounts[i] >= minimumResponses)
        }
        var mean = result.latentMean
        var sd = result.latentSD
        var linkedTo: Int?
        if let previous, let link = Self.meanSigmaLink(from: entries, to: previous, minimumItems: minimumLinkItems) {
            entries = entries.map { $0.transformed(slope: link.slope, intercept: link.intercept) }
            mean = link.slope * mean + link.intercept
            sd *= link.slope
            linkedTo = previous.version
        }
        return ItemParameterSet(credentialID: responses.credentialID, version: 0, createdAt: now, learners: responses.learners,
            responses: responses.data.responseCount, model: Self.modelName(model), minimumResponses: minimumResponses, populationMean: mean,
            populationSD: sd, linkedTo: linkedTo, converged: result.converged, items: entries)
    }

    /// Mean–sigma linking: the θ' = slope·θ + intercept that gives the items in use in both sets the old set's mean and
    /// SD of difficulty. Nil when fewer than `minimumItems` are shared or their difficulties do not vary.
    public static func meanSigmaLink(from new: [ItemParameterSet.Entry], to old: ItemParameterSet, minimumItems: Int)
        -> (slope: Double, intercept: Double)?
    {
        let before = Dictionary(uniqueKeysWithValues: old.items.filter(\.inUse).map { ($0.itemID, $0) })
        let pairs = new.filter(\.inUse).compactMap { entry in
            before[entry.itemID].flatMap { $0.itemVersion == entry.itemVersion ? (entry.parameters.b, $0.parameters.b) : nil }
        }
        guard pairs.count >= minimumItems else { return nil }
        func moments(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count)).squareRoot())
        }
        let (mNew, sNew) = moments(pairs.map(\.0))
        let (mOld, sOld) = moments(pairs.map(\.1))
        guard sNew > 1e-9, sOld > 1e-9 else { return nil }
        let slope = sOld / sNew
        return (slope, mOld - slope * mNew)
    }

    static func modelName(_ model: IRTModel) -> String {
        switch model {
        case .rasch: "1pl"
        case .twoPL: "2pl"
        case .threePL: "3pl"
        }
    }
}

extension ItemParameterSet.Entry {
    /// The entry on a scale θ' = slope·θ + intercept: b and its SE scale and shift, a and its SE divide by the slope.
    func transformed(slope: Double, intercept: Double) -> ItemParameterSet.Entry {
        let p = parameters
        let se = standardErrors
        return ItemParameterSet.Entry(itemID: itemID, itemVersion: itemVersion,
            parameters: ItemParameters(a: p.a / slope, b: slope * p.b + intercept, c: p.c),
            standardErrors: ItemStandardErrors(a: se.a / slope, b: se.b * slope, c: se.c), responses: responses, inUse: inUse)
    }
}
