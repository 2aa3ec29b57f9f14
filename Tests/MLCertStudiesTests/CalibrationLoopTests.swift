import Foundation
import MLCertCore
import MLCertPractice
import MLCertSQLite
import MLCertStudies
import Testing

#if Postgres
import MLCertPostgresTesting
#endif

/// The stores the loop runs on.
enum LoopStore: String, CaseIterable, CustomTestStringConvertible {
    case memory
    case sqlite
    #if Postgres
    case postgres
    #endif

    var testDescription: String { rawValue }

    func make() async throws -> any LearnerStore {
        switch self {
        case .memory: InMemoryLearnerStore()
        case .sqlite:
            try SQLiteLearnerStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-loop-\(UUID().uuidString)/db.sqlite").path)
        #if Postgres
        case .postgres: try await PostgresTestDatabase.freshStore()
        #endif
        }
    }
}

/// Issue 16's loop, link by link: answers in the store → a calibration from first attempts → a saved parameter set →
/// the set in use by readiness, reports and the diagnostic → a changed readiness. Each expectation fails if its link
/// breaks (no responses collected, nothing saved, the set not read back, the set not used, the figure unchanged).
@Suite("The calibration loop", .serialized)
struct CalibrationLoopTests {
    /// 80 simulated learners of aws-mla-c01, made once for every store.
    static let learners: [(id: String, abilities: [Double], sessions: [StoredSession])] = {
        let bank = try! studyBank("aws-mla-c01")
        let cohort = SimulatedCohort(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items, seed: 5)
        return (0..<80).map { cohort.learner($0) }
    }()

    /// Writes learners into the store four at a time (as concurrent learners would).
    static func record(_ learners: ArraySlice<(id: String, abilities: [Double], sessions: [StoredSession])>, cohort: SimulatedCohort,
                       into store: any LearnerStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (k, learner) in learners.enumerated() {
                if k >= 4 { try await group.next() }
                group.addTask { try await cohort.record(learner, into: store) }
            }
            try await group.waitForAll()
        }
    }

    @Test("answers → calibration → parameters in use → changed readiness", arguments: LoopStore.allCases)
    func loop(store kind: LoopStore) async throws {
        let bank = try studyBank("aws-mla-c01")
        let store = try await kind.make()
        let service = PracticeService(catalog: content.catalog, items: content.items, store: store)
        let cohort = SimulatedCohort(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items, seed: 5)
        try await Self.record(Self.learners.prefix(60), cohort: cohort, into: store)
        let learner = Self.learners[0].id
        let before = try await service.readiness(learnerID: learner, credentialID: bank.credential.id)
        #expect(before.parameters.kind == "author_estimates" && before.parameters.setVersion == nil)

        let calibration = StoreCalibration(practice: service, calibration: BankCalibration(minimumResponses: 15))
        let collected = try await calibration.responses(credentialID: bank.credential.id)
        #expect(collected.learners == 60 && collected.data.responseCount > 2_500, "\(collected.learners) learners, \(collected.data.responseCount) answers")
        guard case .saved(let first) = try await calibration.recalibrate(credentialID: bank.credential.id, force: false) else {
            Issue.record("nothing was saved")
            return
        }
        #expect(first.version == 1 && first.learners == 60 && first.itemsInUse > bank.items.count / 2, "\(first.itemsInUse) items in use")
        #expect(try await store.newestParameterSet(credentialID: bank.credential.id) == first)

        let after = try await service.readiness(learnerID: learner, credentialID: bank.credential.id)
        #expect(after.parameters.setVersion == 1 && after.parameters.calibratedItems == first.itemsInUse)
        #expect(after.parameters.kind == (first.itemsInUse == bank.items.count ? "calibrated" : "mixed"))
        #expect(abs(after.probabilityOfPassing - before.probabilityOfPassing) > 1e-3, "before \(before.probabilityOfPassing), after \(after.probabilityOfPassing)")
        #expect(after.probabilityRange.high - after.probabilityRange.low < before.probabilityRange.high - before.probabilityRange.low,
            "calibration narrows the range")
        // The diagnostic chooses with the set in use.
        #expect(try await service.parameters(credentialID: bank.credential.id).set?.version == 1)

        // Nothing new: no new set. New learners: a second set, linked to the first.
        guard case .unchanged = try await calibration.recalibrate(credentialID: bank.credential.id, force: false) else {
            Issue.record("a set was saved without new answers")
            return
        }
        try await Self.record(Self.learners.dropFirst(60), cohort: cohort, into: store)
        guard case .saved(let second) = try await calibration.recalibrate(credentialID: bank.credential.id, force: false) else {
            Issue.record("new answers made no new set")
            return
        }
        #expect(second.version == 2 && second.linkedTo == 1 && second.learners == 80)
        #expect(try await service.readiness(learnerID: learner, credentialID: bank.credential.id).parameters.setVersion == 2)
    }
}
