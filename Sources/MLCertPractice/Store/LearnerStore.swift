import Foundation

/// Where learners and their sessions live. The engine knows only this port; SQLite (GRDB) implements it for one
/// machine, PostgreSQL for several.
///
/// The contract that keeps answers safe: `append` returns only after the events are durable, and it is atomic
/// (all the events or none). The caller acknowledges an answer only after `append` returns.
///
/// Every learner store also keeps the bank's calibrated parameter sets (`CalibrationStore`), so that practice reads the
/// parameters in use from the same place as the answers they were calibrated on.
public protocol LearnerStore: CalibrationStore {
    /// The learner, or nil.
    func learner(id: String) async throws -> Learner?
    /// Creates or replaces the learner record.
    func save(_ learner: Learner) async throws
    /// Records a new session. Throws `StoreError.duplicateSession` if the id exists.
    func create(_ header: SessionHeader) async throws
    /// Records `header` unless the learner already has an open session of the same kind and credential whose
    /// deadline (if any) is after `now`; then records nothing and returns that session's header. Atomic: of two calls
    /// racing each other (two tabs, two server processes), exactly one creates.
    func createUnlessOpen(_ header: SessionHeader, now: Date) async throws -> SessionHeader
    func session(id: String) async throws -> StoredSession?
    /// The sequence number the session's next event must carry (its log's length), or nil for an unknown session: one
    /// small read that tells whether a state folded earlier is still current (`SessionStateCache`).
    func nextSequence(session id: String) async throws -> Int?
    /// Every session of the learner, oldest first.
    func sessions(learnerID: String) async throws -> [StoredSession]
    /// Appends events whose sequence numbers continue the session's log. Throws `StoreError.conflict` when another
    /// writer already used one of the numbers, and `StoreError.unknownSession` for an id that does not exist.
    func append(_ events: [SessionEvent], to sessionID: String) async throws
    /// Removes the learner and everything that belongs to them.
    func deleteLearner(id: String) async throws
    /// Records a learner's report of a problem with a question.
    func addItemReport(_ report: ItemReport) async throws
    /// Reports, oldest first: one learner's (for their acknowledgement), or everyone's when `learnerID` is nil (for authors).
    func itemReports(learnerID: String?) async throws -> [ItemReport]
}

extension LearnerStore {
    /// Reads the whole session; stores override it with a query that reads only the last sequence number.
    public func nextSequence(session id: String) async throws -> Int? {
        try await session(id: id).map { $0.events.last.map { $0.sequence + 1 } ?? 0 }
    }
}

/// Failures a store reports in the engine's terms.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case conflict(sessionID: String)
    case unknownSession(String)
    case duplicateSession(String)
    case unknownLearner(String)
    case corrupt(String)
    /// The store cannot write now (the disk is full, the database server is down); nothing was written, and the
    /// same request may succeed later.
    case unavailable(String)

    public var description: String {
        switch self {
        case .conflict(let id): "session \(id) was changed by another writer"
        case .unknownSession(let id): "no session '\(id)'"
        case .duplicateSession(let id): "a session '\(id)' already exists"
        case .unknownLearner(let id): "no learner '\(id)'"
        case .corrupt(let what): "the store holds data mlcert cannot read: \(what)"
        case .unavailable(let why): "the store cannot record this now (\(why)); nothing was saved, try again shortly"
        }
    }
}
