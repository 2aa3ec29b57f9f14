import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics
import Testing

func parameterSet(_ credential: String = "google-pmle", learners: Int = 40, shift: Double = 0) -> ItemParameterSet {
    ItemParameterSet(
        credentialID: credential, version: 0, createdAt: Date(timeIntervalSince1970: 1_790_000_123.456), learners: learners, responses: 1234,
        model: "3pl", minimumResponses: 50, populationMean: 0.125, populationSD: 0.97, linkedTo: shift == 0 ? nil : 1, converged: true,
        items: [
            .init(itemID: "item-a", itemVersion: 2, parameters: ItemParameters(a: 1.234567891, b: -0.5 + shift, c: 0.21),
                standardErrors: ItemStandardErrors(a: 0.1, b: 0.2, c: 0.03), responses: 80, inUse: true),
            .init(itemID: "item-b", itemVersion: 1, parameters: ItemParameters(a: 0.8, b: 1.75 + shift, c: 0.1),
                standardErrors: ItemStandardErrors(a: 0.4, b: 0.9, c: 0.08), responses: 12, inUse: false),
        ])
}

@Suite("Calibration store contract")
struct CalibrationStoreContractTests {
    @Test("parameter sets are numbered per credential, round-trip exactly, and the newest is the one in use", arguments: StoreFactory.allCases)
    func roundTrip(factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.newestParameterSet(credentialID: "google-pmle") == nil)
        let first = try await store.saveParameterSet(parameterSet())
        #expect(first.version == 1)
        #expect(try await store.newestParameterSet(credentialID: "google-pmle") == first)
        let second = try await store.saveParameterSet(parameterSet(learners: 90, shift: 0.25))
        #expect(second.version == 2)
        #expect(try await store.newestParameterSet(credentialID: "google-pmle") == second)
        #expect(try await store.parameterSet(credentialID: "google-pmle", version: 1) == first)
        #expect(try await store.parameterSet(credentialID: "google-pmle", version: 3) == nil)
        // Another credential has its own numbering.
        #expect(try await store.saveParameterSet(parameterSet("aws-mla-c01")).version == 1)
        #expect(try await store.newestParameterSet(credentialID: "google-pmle")?.version == 2)
    }

    @Test("two sets saved at once get different versions", arguments: StoreFactory.allCases)
    func concurrentSaves(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<4 { group.addTask { try await store.saveParameterSet(parameterSet(learners: k + 1)).version } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(versions.sorted() == [1, 2, 3, 4])
    }

    @Test("the learners of a credential are those with a session on it", arguments: StoreFactory.allCases)
    func learnersOfACredential(factory: StoreFactory) async throws {
        let store = try await factory.make()
        for id in ["ada", "bo", "cy"] { try await store.save(Learner(id: id, displayName: id)) }
        try await store.create(header("s1", learner: "ada"))
        try await store.create(header("s2", learner: "ada"))
        try await store.create(header("s3", learner: "bo"))
        #expect(try await store.learnerIDs(credentialID: "google-pmle").sorted() == ["ada", "bo"])
        #expect(try await store.learnerIDs(credentialID: "aws-mla-c01").isEmpty)
    }
}
