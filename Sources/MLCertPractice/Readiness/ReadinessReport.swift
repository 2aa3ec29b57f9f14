import Foundation
import MLCertCore
import Psychometrics

/// How ready a learner is for one exam, with the evidence and assumptions behind the figure.
public struct ReadinessReport: Sendable, Codable, Hashable {
    public struct DomainStrength: Sendable, Codable, Hashable {
        public let domain: String
        public let title: String
        /// The domain's share of the exam.
        public let weight: Double
        public let answered: Int
        public let correct: Int
        public let ability: Double
        public let standardError: Double
        /// Probability that ability in this domain alone is at or above the cut.
        public let probabilityAboveCut: Double
    }

    public let credentialID: String
    public let at: Date
    /// Distinct items with a revealed answer (the latest answer to each counts).
    public let answered: Int
    public let correct: Int
    public let probabilityOfPassing: Double
    /// Central credible interval for ability, and the cut, on the θ scale.
    public let abilityLow: Double
    public let abilityHigh: Double
    public let ability: Double
    public let standardError: Double
    public let cut: Double
    public let outcome: ReadinessOutcome
    public let credibleLevel: Double
    public let domains: [DomainStrength]
    /// Domain ids to study next, most urgent first: low strength in a heavy domain comes first.
    public let studyNext: [String]
    /// What the figure rests on (the pass mark, the item parameters), in words.
    public let assumptions: [String]

    /// The verdict in plain words.
    public var verdictText: String {
        switch outcome {
        case .likelyPass: "likely to pass"
        case .likelyFail: "not ready yet"
        case .notEnoughEvidence: "not enough evidence yet"
        }
    }
}

/// Computes readiness from revealed answers.
public struct ReadinessEstimator: Sendable {
    public let format: ExamFormat
    public let blueprint: Blueprint
    /// The credential's items in the current blueprint; the cut is placed on their blueprint-weighted curve.
    public let bank: [Item]
    public let credibleLevel: Double

    public init(format: ExamFormat, blueprint: Blueprint, bank: [Item], credibleLevel: Double = 0.9) {
        self.format = format
        self.blueprint = blueprint
        self.bank = bank
        self.credibleLevel = credibleLevel
    }

    public enum EstimateError: Error, Equatable, Sendable, CustomStringConvertible {
        case emptyBank(String)
        case unreachableCut(Double)
        public var description: String {
            switch self {
            case .emptyBank(let id): "the bank has no items for \(id)'s current blueprint"
            case .unreachableCut(let p): "a pass mark of \(percent(p)) correct cannot be reached on this bank"
            }
        }
    }

    /// The ability cut: where the blueprint-weighted expected proportion correct on the bank equals the pass mark.
    public func cut() throws(EstimateError) -> Double {
        guard !bank.isEmpty else { throw .emptyBank(format.credentialID) }
        let params = bank.map(ItemPriors.parameters(for:))
        let weights = ReadinessModel.blueprintWeights(itemDomains: bank.map(\.domain), shares: blueprint.normalizedWeights)
        do {
            return try ReadinessModel.cut(forProportionCorrect: format.passMark.proportion, items: params, weights: weights)
        } catch {
            throw .unreachableCut(format.passMark.proportion)
        }
    }

    /// Readiness from `entries` (revealed answers, any order), using the latest answer to each item of this
    /// credential's current blueprint; answers to items no longer in the bank are left out.
    public func estimate(_ entries: [LearnerHistory.Entry], at now: Date) throws(EstimateError) -> ReadinessReport {
        let cut = try cut()
        let byID = Dictionary(uniqueKeysWithValues: bank.map { ($0.id, $0) })
        var latest: [String: (Item, Bool)] = [:]
        for entry in entries.sorted(by: { $0.at < $1.at }) where entry.credentialID == format.credentialID {
            if let item = byID[entry.answer.itemID] { latest[item.id] = (item, entry.answer.correct) }
        }
        let answers = latest.values.sorted { $0.0.id < $1.0.id }
        let responses = answers.map { ScoredResponse(item: ItemPriors.parameters(for: $0.0), correct: $0.1) }
        let model = ReadinessModel(cut: cut, credibleLevel: credibleLevel)
        let overall = model.assess(responses)
        let weights = blueprint.normalizedWeights
        var domains: [ReadinessReport.DomainStrength] = []
        for domain in blueprint.domains {
            let mine = answers.filter { $0.0.domain == domain.id }
            var posterior = AbilityPosterior()
            posterior.update(mine.map { ScoredResponse(item: ItemPriors.parameters(for: $0.0), correct: $0.1) })
            let eap = posterior.expectedAPosteriori()
            domains.append(.init(domain: domain.id, title: domain.title, weight: weights[domain.id] ?? 0, answered: mine.count,
                correct: mine.filter(\.1).count, ability: eap.theta, standardError: eap.standardError,
                probabilityAboveCut: posterior.probability(atLeast: cut)))
        }
        let studyNext = domains.sorted { $0.weight * (1 - $0.probabilityAboveCut) > $1.weight * (1 - $1.probabilityAboveCut) }
            .prefix(3).map(\.domain)
        return ReadinessReport(credentialID: format.credentialID, at: now, answered: answers.count, correct: answers.filter(\.1).count,
            probabilityOfPassing: overall.probabilityOfPassing, abilityLow: overall.credibleInterval.lowerBound,
            abilityHigh: overall.credibleInterval.upperBound, ability: overall.ability.theta, standardError: overall.ability.standardError,
            cut: cut, outcome: overall.outcome, credibleLevel: credibleLevel, domains: domains, studyNext: Array(studyNext),
            assumptions: [format.passMark.explanation, ItemPriors.disclosure])
    }
}
