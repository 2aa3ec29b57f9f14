import Foundation
import GRDB
import MLCertPractice

/// The learner store on one SQLite file, through GRDB.
///
/// WAL mode lets readers (a progress page) run while an answer is written; `synchronous = FULL` makes each commit
/// durable before `append` returns, so an acknowledged answer survives a killed process and a power cut. Appends from
/// many learners that arrive together share one commit (`GroupCommit`), which is what lets one disk flush acknowledge
/// hundreds of answers. Sessions are
/// a header row plus an append-only event table whose primary key (session, sequence) turns a race between two
/// writers into a conflict error instead of a lost or duplicated answer.
public final class SQLiteLearnerStore: LearnerStore {
    let pool: DatabasePool
    public let path: String
    let groupCommit: GroupCommit<PendingAppend>

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB switches the pool's writer to WAL mode after `prepareDatabase` has run, and sets `synchronous = NORMAL`
        // as it does (commits then reach the OS but are not flushed: a power cut loses acknowledged answers). Set FULL
        // again on the writer, the one connection that commits, so that every commit is flushed before it returns.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        self.pool = pool
        groupCommit = GroupCommit { jobs in try await SQLiteLearnerStore.write(jobs, pool: pool) }
        try LearnerStoreMigrations.migrator.migrate(pool)
    }

    /// Migration identifiers applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try LearnerStoreMigrations.migrator.appliedIdentifiers($0) }.sorted()
    }

    public func learner(id: String) async throws -> Learner? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, display_name, exam_dates FROM learner WHERE id = ?", arguments: [id]).map(Self.learner(from:))
        }
    }

    public func save(_ learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        try await write { db in try Self.upsert(learner, examDates: dates, createdAt: Date(), in: db) }
    }

    /// Inserts the learner, or updates the name and exam dates of an existing one (keeping its creation time).
    static func upsert(_ learner: Learner, examDates: String, createdAt: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO learner (id, display_name, exam_dates, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, exam_dates = excluded.exam_dates
            """, arguments: [learner.id, learner.displayName, examDates, createdAt])
    }

    public func create(_ header: SessionHeader) async throws {
        let body = try StoredJSON.encode(header)
        do {
            try await write { db in try Self.insert(header, body: body, in: db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.duplicateSession(header.id)
        }
    }

    /// The check and the insert run in one IMMEDIATE transaction, which takes SQLite's write lock before reading, so
    /// a second process starting the same exam waits and then finds the first one's session.
    public func createUnlessOpen(_ header: SessionHeader, now: Date) async throws -> SessionHeader {
        let body = try StoredJSON.encode(header)
        do {
            return try await writeWithoutTransaction { db in
                var kept = header
                try db.inTransaction(.immediate) {
                    if let text = try String.fetchOne(db, sql: """
                        SELECT header FROM session
                        WHERE learner_id = ? AND kind = ? AND credential_id = ? AND finished_at IS NULL AND (deadline IS NULL OR deadline > ?)
                        ORDER BY started_at DESC, id DESC LIMIT 1
                        """, arguments: [header.learnerID, header.kind.rawValue, header.credentialID, now]) {
                        kept = try StoredJSON.decode(text, what: "session header")
                    } else {
                        try Self.insert(header, body: body, in: db)
                    }
                    return .commit
                }
                return kept
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.duplicateSession(header.id)
        }
    }

    private static func insert(_ header: SessionHeader, body: String, in db: Database) throws {
        if try Row.fetchOne(db, sql: "SELECT 1 FROM learner WHERE id = ?", arguments: [header.learnerID]) == nil {
            throw StoreError.unknownLearner(header.learnerID)
        }
        try db.execute(sql: """
            INSERT INTO session (id, learner_id, kind, credential_id, started_at, deadline, header)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [header.id, header.learnerID, header.kind.rawValue, header.credentialID, header.startedAt, header.deadline, body])
    }

    public func session(id: String) async throws -> StoredSession? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT header FROM session WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.stored(db, header: row["header"])
        }
    }

    public func nextSequence(session id: String) async throws -> Int? {
        try await pool.read { db in
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT COALESCE(MAX(sequence) + 1, 0) FROM session_event WHERE session_id = session.id) FROM session WHERE id = ?
                """), arguments: [id])
        }
    }

    public func sessions(learnerID: String) async throws -> [StoredSession] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT header FROM session WHERE learner_id = ? ORDER BY started_at, id", arguments: [learnerID])
                .map { try Self.stored(db, header: $0["header"]) }
        }
    }

    /// Appends through `groupCommit`: concurrent appends of many sessions share one IMMEDIATE transaction and one
    /// fsync, and each returns only after that commit.
    public func append(_ events: [SessionEvent], to sessionID: String) async throws {
        guard !events.isEmpty else { return }
        try await groupCommit.submit(try PendingAppend(events, to: sessionID))
    }

    /// Writes a batch of appends in one transaction, each in its own savepoint: a job whose sequence numbers are taken
    /// (or whose session is gone) is rolled back alone and reported, the others commit together. Any other error (the
    /// disk is full) fails the whole batch.
    static func write(_ jobs: [PendingAppend], pool: DatabasePool) async throws -> [Result<Void, any Error>] {
        // Nothing of a failed batch was committed; a full disk says so plainly (503) rather than as a server fault.
        try await mappingUnwritable { try await writeBatch(jobs, pool: pool) }
    }

    private static func writeBatch(_ jobs: [PendingAppend], pool: DatabasePool) async throws -> [Result<Void, any Error>] {
        try await pool.writeWithoutTransaction { db in
            var results: [Result<Void, any Error>] = []
            try db.inTransaction(.immediate) {
                for job in jobs {
                    do {
                        try db.inSavepoint {
                            try insert(job, in: db)
                            return .commit
                        }
                        results.append(.success(()))
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        results.append(.failure(StoreError.conflict(sessionID: job.sessionID)))
                    } catch let error as StoreError {
                        results.append(.failure(error))
                    }
                }
                return .commit
            }
            return results
        }
    }

    private static func insert(_ job: PendingAppend, in db: Database) throws {
        let sessionID = job.sessionID
        // Cached statements: these run for every answer, and preparing them (with GRDB's authorizer) each time costs
        // more than running them.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT learner_id FROM session WHERE id = ?"), arguments: [sessionID]) else {
            throw StoreError.unknownSession(sessionID)
        }
        let learnerID: String = row["learner_id"]
        let next = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(sequence) + 1, 0) FROM session_event WHERE session_id = ?"), arguments: [sessionID]) ?? 0
        guard job.rows.first?.event.sequence == next else { throw StoreError.conflict(sessionID: sessionID) }
        for row in job.rows {
            let event = row.event
            try db.cachedStatement(sql: """
                INSERT INTO session_event (session_id, sequence, learner_id, at, change, position, item_id, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [sessionID, event.sequence, learnerID, event.at, event.change.name, event.change.position, itemID(event.change), row.body])
            if case .finished = event.change {
                try db.execute(sql: "UPDATE session SET finished_at = ? WHERE id = ?", arguments: [event.at, sessionID])
            }
        }
    }

    public func deleteLearner(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM learner WHERE id = ?", arguments: [id])
        }
    }

    public func addItemReport(_ r: ItemReport) async throws {
        try await write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM learner WHERE id = ?", arguments: [r.learnerID]) == nil { throw StoreError.unknownLearner(r.learnerID) }
            try db.execute(sql: """
                INSERT INTO item_report (id, learner_id, session_id, question_number, item_id, item_version, credential_id, kind, comment, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.id, r.learnerID, r.sessionID, r.questionNumber, r.itemID, r.itemVersion, r.credentialID, r.kind.rawValue, r.comment, r.at])
        }
    }

    public func itemReports(learnerID: String?) async throws -> [ItemReport] {
        try await pool.read { db in
            let columns = "id, learner_id, session_id, question_number, item_id, item_version, credential_id, kind, comment, created_at"
            let rows = if let learnerID {
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM item_report WHERE learner_id = ? ORDER BY created_at, id", arguments: [learnerID])
            } else {
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM item_report ORDER BY created_at, id")
            }
            return try rows.map { row in
                guard let kind = ItemReport.Kind(rawValue: row["kind"]) else { throw StoreError.corrupt("item report \(row["id"] as String) has kind '\(row["kind"] as String)'") }
                return ItemReport(id: row["id"], learnerID: row["learner_id"], sessionID: row["session_id"], questionNumber: row["question_number"],
                    itemID: row["item_id"], itemVersion: row["item_version"], credentialID: row["credential_id"], kind: kind, comment: row["comment"],
                    at: row["created_at"])
            }
        }
    }

    // MARK: Writing

    /// A write transaction; a disk that is full or cannot be written becomes `StoreError.unavailable` (nothing was
    /// committed), which the API answers 503, not a server fault.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingUnwritable { try await pool.write(updates) }
    }

    func writeWithoutTransaction<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingUnwritable { try await pool.writeWithoutTransaction(updates) }
    }

    static func mappingUnwritable<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
            throw StoreError.unavailable(error.resultCode == .SQLITE_FULL ? "the database's disk is full" : "the database file cannot be written")
        }
    }

    // MARK: Encoding

    private static func stored(_ db: Database, header text: String) throws -> StoredSession {
        let header: SessionHeader = try StoredJSON.decode(text, what: "session header")
        let events = try Row.fetchAll(db, sql: "SELECT sequence, at, body FROM session_event WHERE session_id = ? ORDER BY sequence", arguments: [header.id])
            .map { row -> SessionEvent in
                SessionEvent(sequence: row["sequence"], at: row["at"], change: try StoredJSON.decode(row["body"] as String, what: "event of session \(header.id)"))
            }
        return StoredSession(header: header, events: events)
    }

    private static func learner(from row: Row) throws -> Learner {
        Learner(id: row["id"], displayName: row["display_name"], examDates: try StoredJSON.decode(row["exam_dates"] as String, what: "learner exam dates"))
    }

    static func itemID(_ change: SessionEvent.Change) -> String? {
        switch change {
        case .presented(let item): item.itemID
        case .answered(let answer): answer.itemID
        default: nil
        }
    }
}
