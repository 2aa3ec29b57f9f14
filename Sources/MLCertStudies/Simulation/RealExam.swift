import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// The real exam in a simulation: a form of the exam's length whose seats follow the blueprint, filled with questions
/// the learner never saw and answered from the truth. The outcome readiness is checked against.
public struct RealExam: Sendable {
    public let blueprint: Blueprint
    public let items: [Item]
    public let trueParameters: [ItemParameters]
    public let form: ExamFormSpecification

    public init(blueprint: Blueprint, format: ExamFormat, items: [Item], trueParameters: [ItemParameters]) {
        self.blueprint = blueprint
        self.items = items
        self.trueParameters = trueParameters
        form = ExamFormSpecification(seats: FormAssembler.apportion(format.questionCount, weights: blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }),
            passProportion: format.passMark.proportion)
    }

    /// One sitting by a learner with `abilities` (by domain) who has seen the questions in `lastSeen`. When a domain
    /// has too few unseen questions, its least recently seen ones stand in (counted in `toppedUp`), answered as new.
    public func sit(lastSeen: [String: Date], abilities: [Double], using rng: inout SeededGenerator) -> (passed: Bool, toppedUp: Int) {
        var right = 0
        var toppedUp = 0
        for (d, domain) in blueprint.domains.enumerated() {
            let pool = items.indices.filter { items[$0].domain == domain.id }
            let fresh = pool.filter { lastSeen[items[$0].id] == nil }.shuffled(using: &rng)
            let old = pool.filter { lastSeen[items[$0].id] != nil }.sorted { lastSeen[items[$0].id]! < lastSeen[items[$1].id]! }
            let chosen = Array((fresh + old).prefix(form.seats[d]))
            toppedUp += max(0, chosen.count - fresh.count)
            for i in chosen where Double.random(in: 0..<1, using: &rng) < trueParameters[i].probability(abilities[d]) { right += 1 }
        }
        return (right >= form.passCount, toppedUp)
    }
}
