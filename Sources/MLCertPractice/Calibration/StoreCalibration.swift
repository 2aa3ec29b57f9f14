import Foundation
import MLCertCore
import Psychometrics

/// The calibration loop over a learner store: collect every learner's first attempts at a credential's items,
/// calibrate, and save the new parameter set, which practice then uses at once. `mlcert calibrate --apply`,
/// `mlcert responses export` and the server's recalibration service all go through here.
public struct StoreCalibration: Sendable {
    public let store: any LearnerStore
    public let practice: PracticeService
    public let calibration: BankCalibration

    public init(practice: PracticeService, calibration: BankCalibration = BankCalibration()) {
        self.store = practice.store
        self.practice = practice
        self.calibration = calibration
    }

    /// The credential's current bank (its current blueprint's items).
    public func items(credentialID: String) throws -> [Item] {
        let (credential, blueprint) = try practice.resolve(credentialID, allowRetired: true)
        return practice.bank.items(credential: credential.id, blueprint: blueprint)
    }

    /// Every learner's first attempts at the credential's items, learners in a random order (`shuffleSeed`), so the
    /// person numbers of an export say nothing about who registered first.
    public func responses(credentialID: String, shuffleSeed: UInt64 = UInt64.random(in: 0...UInt64.max)) async throws -> BankCalibration.Responses {
        let items = try items(credentialID: credentialID)
        return BankCalibration.Responses(histories: try await histories(credentialID: credentialID, shuffleSeed: shuffleSeed), credentialID: credentialID,
            items: items)
    }

    /// The history of every learner with a session on the credential, in a random order (`shuffleSeed`).
    public func histories(credentialID: String, shuffleSeed: UInt64 = 0) async throws -> [LearnerHistory] {
        var rng = SeededGenerator(seed: shuffleSeed)
        var histories: [LearnerHistory] = []
        for learner in try await store.learnerIDs(credentialID: credentialID).sorted().shuffled(using: &rng) {
            histories.append(LearnerHistory(try await store.sessions(learnerID: learner)))
        }
        return histories
    }

    /// One exported answer: an anonymous person number, the item, and whether the first attempt was right.
    public struct ExportedResponse: Sendable, Hashable {
        public let person: String
        public let item: String
        public let correct: Bool
    }

    /// Every learner's first attempts at the given credentials' items, for `mlcert responses export`. Learners get
    /// numbers (`p1`, `p2`, ...) in a random order (`shuffleSeed`), the same number across credentials in one export;
    /// nothing else about them leaves the store.
    public func export(credentialIDs: [String], shuffleSeed: UInt64 = UInt64.random(in: 0...UInt64.max)) async throws -> [ExportedResponse] {
        let banks = try credentialIDs.map { (id: $0, items: try items(credentialID: $0)) }
        var learners: Set<String> = []
        for id in credentialIDs { learners.formUnion(try await store.learnerIDs(credentialID: id)) }
        var rng = SeededGenerator(seed: shuffleSeed)
        var rows: [ExportedResponse] = []
        for (number, learner) in learners.sorted().shuffled(using: &rng).enumerated() {
            let history = LearnerHistory(try await store.sessions(learnerID: learner))
            for bank in banks {
                let current = Dictionary(uniqueKeysWithValues: bank.items.map { ($0.id, $0.version) })
                for entry in history.evidence where entry.credentialID == bank.id && current[entry.answer.itemID] == entry.answer.itemVersion {
                    rows.append(ExportedResponse(person: "p\(number + 1)", item: entry.answer.itemID, correct: entry.answer.correct))
                }
            }
        }
        return rows
    }

    /// What a recalibration did.
    public enum Outcome: Sendable, Equatable {
        /// A new set was saved.
        case saved(ItemParameterSet)
        /// No learner has answered an item of the credential yet.
        case noResponses
        /// The newest set already rests on exactly these answers.
        case unchanged(ItemParameterSet)
    }

    /// Calibrates the credential from the store and saves the result as its next parameter set (unless nothing
    /// changed since the newest set, when `force` is false).
    public func recalibrate(credentialID: String, force: Bool = true, progress: (@Sendable (Int, Double) -> Void)? = nil) async throws -> Outcome {
        let collected = try await responses(credentialID: credentialID, shuffleSeed: 0)
        guard collected.data.responseCount > 0 else { return .noResponses }
        let previous = try await store.newestParameterSet(credentialID: credentialID)
        if !force, let previous, previous.responses == collected.data.responseCount, previous.learners == collected.learners {
            return .unchanged(previous)
        }
        let set = await calibration.calibrate(collected, previous: previous, at: practice.clock(), progress: progress)
        return .saved(try await store.saveParameterSet(set))
    }
}
