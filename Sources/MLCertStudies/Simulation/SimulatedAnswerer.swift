import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// A simulated learner answering questions shown by an interface (the JSON API): recognises a question from its text,
/// answers from the truth and its own ability, and from memory once it has seen the question's key.
///
/// It sees only what a learner sees: the scenario, the question and the options in the order shown. The question is
/// found in the bank by its text, never by an id an open exam might not show.
public struct SimulatedAnswerer: Sendable {
    public let credentialID: String
    public let blueprint: Blueprint
    public let items: [Item]
    public let trueParameters: [ItemParameters]
    public let memory: Double
    private let byText: [String: Int]
    private let domainIndex: [String: Int]

    public init(cohort: SimulatedCohort, items: [Item], blueprint: Blueprint, credentialID: String) {
        self.credentialID = credentialID
        self.blueprint = blueprint
        self.items = items
        trueParameters = cohort.trueParameters
        memory = cohort.truth.memory
        byText = Dictionary(items.enumerated().map { (Self.key(scenario: $0.element.scenario, question: $0.element.question), $0.offset) },
            uniquingKeysWith: { first, _ in first })
        domainIndex = Dictionary(uniqueKeysWithValues: blueprint.domains.enumerated().map { ($0.element.id, $0.offset) })
    }

    static func key(scenario: String, question: String) -> String { scenario + "\n" + question }

    /// The bank item shown with this text, if the bank has it.
    public func item(scenario: String, question: String) -> Item? {
        byText[Self.key(scenario: scenario, question: question)].map { items[$0] }
    }

    /// The shown option indices (0 = A) this learner chooses for `item` shown with `optionTexts` in that order: the
    /// key with the probability the truth gives for their ability in its domain (at least `memory` once the key has
    /// been seen), else the key with one option swapped for a wrong one.
    public func choose(_ item: Item, optionTexts: [String], abilities: [Double], keySeen: Bool, using rng: inout SeededGenerator) -> [Int] {
        let index = items.firstIndex { $0.id == item.id }!
        let p = trueParameters[index].probability(abilities[domainIndex[item.domain] ?? 0])
        let right = Double.random(in: 0..<1, using: &rng) < (keySeen ? max(p, memory) : p)
        let key = item.options.indices.filter { item.options[$0].correct }
        let wrong = item.options.indices.filter { !item.options[$0].correct }
        let authored = right ? key : Array(key.dropFirst()) + [wrong[Int.random(in: 0..<wrong.count, using: &rng)]]
        return authored.compactMap { a in optionTexts.firstIndex(of: item.options[a].text) }.sorted()
    }
}
