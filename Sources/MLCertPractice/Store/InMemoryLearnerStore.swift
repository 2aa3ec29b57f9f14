import Foundation

/// The learner store in memory: for tests and for trying the server without a file. It keeps the same contract as the
/// SQLite and PostgreSQL stores (the shared contract tests run against all three), sequence conflicts included.
public actor InMemoryLearnerStore: LearnerStore {
    private var learners: [String: Learner] = [:]
    private var headers: [String: SessionHeader] = [:]
    private var events: [String: [SessionEvent]] = [:]
    private var order: [String] = []
    // Accounts (see InMemoryLearnerStore+Accounts.swift): stored here because an extension cannot hold state.
    var accounts: [String: Account] = [:]
    var logins: [String: LoginSession] = [:]
    private var reports: [ItemReport] = []
    var attempts: [(key: String, id: String, at: Date)] = []
    var devices: Set<DeviceKey> = []
    struct DeviceKey: Hashable {
        let tokenHash: String
        let accountID: String
    }

    public init() {}

    public func learner(id: String) -> Learner? { learners[id] }
    public func save(_ learner: Learner) { learners[learner.id] = learner }
    public func create(_ header: SessionHeader) throws {
        guard learners[header.learnerID] != nil else { throw StoreError.unknownLearner(header.learnerID) }
        guard headers[header.id] == nil else { throw StoreError.duplicateSession(header.id) }
        headers[header.id] = header
        events[header.id] = []
        order.append(header.id)
    }
    public func createUnlessOpen(_ header: SessionHeader, now: Date) throws -> SessionHeader {
        let open = order.compactMap { headers[$0] }.last { h in
            h.learnerID == header.learnerID && h.kind == header.kind && h.credentialID == header.credentialID
                && !(events[h.id] ?? []).contains { if case .finished = $0.change { true } else { false } } && (h.deadline.map { $0 > now } ?? true)
        }
        if let open { return open }
        try create(header)
        return header
    }
    public func session(id: String) -> StoredSession? { headers[id].map { StoredSession(header: $0, events: events[id] ?? []) } }
    public func sessions(learnerID: String) -> [StoredSession] {
        order.compactMap { headers[$0] }.filter { $0.learnerID == learnerID }.sorted { $0.startedAt < $1.startedAt }
            .map { StoredSession(header: $0, events: events[$0.id] ?? []) }
    }
    public func append(_ new: [SessionEvent], to sessionID: String) throws {
        guard let log = events[sessionID] else { throw StoreError.unknownSession(sessionID) }
        guard !new.isEmpty else { return }
        guard new.first?.sequence == log.count else { throw StoreError.conflict(sessionID: sessionID) }
        events[sessionID] = log + new
    }
    public func deleteLearner(id: String) {
        removeLearner(id: id)
    }
    public func addItemReport(_ report: ItemReport) throws {
        guard learners[report.learnerID] != nil else { throw StoreError.unknownLearner(report.learnerID) }
        reports.append(report)
    }
    public func itemReports(learnerID: String?) -> [ItemReport] {
        reports.filter { learnerID == nil || $0.learnerID == learnerID }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
    /// Removes the learner with their sessions, events and reports (shared by `deleteLearner` and `deleteAccount`).
    func removeLearner(id: String) {
        learners[id] = nil
        reports.removeAll { $0.learnerID == id }
        for (sid, h) in headers where h.learnerID == id { headers[sid] = nil; events[sid] = nil }
    }
    /// Session counts for the metrics endpoint, computed as the database stores compute them.
    func sessionCounts(now: Date) -> (inProgress: Int, answers: Int) {
        var inProgress = 0
        var answers = 0
        for (id, header) in headers {
            let log = events[id] ?? []
            let finished = log.contains { if case .finished = $0.change { true } else { false } }
            if !finished, header.deadline.map({ $0 > now }) ?? true { inProgress += 1 }
            answers += log.filter { if case .answered = $0.change { true } else { false } }.count
        }
        return (inProgress, answers)
    }
    /// Every event written, for checks that nothing was recorded.
    public func eventCount(_ sessionID: String) -> Int { events[sessionID]?.count ?? 0 }
}
