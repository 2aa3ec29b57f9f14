import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// Simulated learners of one credential, each with the sessions they practised (as a store keeps them), for tests and
/// benchmarks of the calibration loop: write them into a store, calibrate, and see readiness change.
///
/// ```swift
/// let cohort = SimulatedCohort(credential: c, blueprint: b, format: f, items: bank, seed: 3)
/// for k in 0..<200 { try await cohort.record(cohort.learner(k), into: store) }
/// ```
public struct SimulatedCohort: Sendable {
    public let truth: SimulationTruth
    /// The items' true parameters, aligned with the bank.
    public let trueParameters: [ItemParameters]
    let simulator: PracticeSimulator
    let seed: UInt64
    let domains: Int

    public init(credential: Credential, blueprint: Blueprint, format: ExamFormat, items: [Item], truth: SimulationTruth = SimulationTruth(), seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        self.truth = truth
        trueParameters = truth.parameters(of: items, using: &rng)
        simulator = PracticeSimulator(credentialID: credential.id, blueprint: blueprint, format: format, items: items, truth: trueParameters,
            memory: truth.memory)
        self.seed = seed
        domains = blueprint.domains.count
    }

    /// Learner `k`: an id, true abilities by domain, and their sessions (each one reproducible from the seed and `k`).
    public func learner(_ k: Int, prefix: String = "sim") -> (id: String, abilities: [Double], sessions: [StoredSession]) {
        var rng = SeededGenerator(seed: seed &+ 0x9E37_79B9 &* UInt64(k + 1))
        let abilities = truth.abilities(domains: domains, using: &rng)
        let id = "\(prefix)\(k)"
        return (id, abilities, simulator.practise(learnerID: id, abilities: abilities, start: Date(timeIntervalSince1970: 1_800_000_000), using: &rng))
    }

    /// Writes a learner and their sessions into `store`, as the service would have.
    public func record(_ learner: (id: String, abilities: [Double], sessions: [StoredSession]), into store: any LearnerStore) async throws {
        try await store.save(Learner(id: learner.id, displayName: learner.id))
        for session in learner.sessions {
            try await store.create(session.header)
            try await store.append(session.events, to: session.header.id)
        }
    }
}
