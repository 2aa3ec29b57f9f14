#if Postgres
import Foundation
import Logging
import MLCertPractice
import PostgresNIO

/// The learner store on PostgreSQL, for deployments where several server processes share one database.
///
/// Everything a process would otherwise keep in memory is a row: learners, session headers (with the exam deadline
/// the server's clock enforces), the append-only event log, accounts, logins and sign-in attempts. Any process can
/// therefore continue a session another one started. An append locks the session row (`SELECT ... FOR UPDATE`) and
/// checks the next sequence number inside its transaction, and the primary key (session_id, sequence) backs that
/// up, so two processes racing for one sequence number get one success and one `StoreError.conflict`. Appends that
/// arrive together share a transaction (`GroupCommit`, in a few lanes), so one WAL flush acknowledges many answers.
///
/// ```swift
/// let store = try await PostgresLearnerStore.connect(PostgresURL("postgres://mlcert@db/mlcert"))
/// try await withThrowingTaskGroup(of: Void.self) { group in
///     group.addTask { await store.client.run() }   // or put `store.client` in the ServiceGroup
///     let service = PracticeService(catalog: catalog, items: items, store: store)
///     ...
///     group.cancelAll()
/// }
/// ```
public final class PostgresLearnerStore: LearnerStore {
    /// The connection pool; it serves queries only while its `run()` is running (it is a ServiceLifecycle `Service`).
    public let client: PostgresClient
    public let url: PostgresURL
    let logger: Logger
    let lanes: [GroupCommit<PendingAppend>]

    /// The logger used when the caller gives none: errors only, so a CLI command prints nothing extra. (PostgresNIO
    /// warns when the first query arrives before the pool's `run()` task has started, which is harmless: the query
    /// waits for it.)
    public static var quietLogger: Logger {
        var logger = Logger(label: "mlcert.postgres")
        logger.logLevel = .error
        return logger
    }

    /// A store over `client`, which must be configured from `url` (use `connect` unless you build the client yourself)
    /// and whose schema must already be migrated.
    public init(client: PostgresClient, url: PostgresURL, logger: Logger = PostgresLearnerStore.quietLogger) {
        self.client = client
        self.url = url
        self.logger = logger
        lanes = (0..<Self.laneCount).map { _ in GroupCommit { jobs in try await PostgresLearnerStore.write(jobs, client: client, logger: logger) } }
    }

    /// Checks that the database is reachable, brings its schema up to date, and returns a store whose pool the
    /// caller runs.
    ///
    /// A wrong host, port, password or database fails within `connectTimeout` (or a little over: the server may be
    /// slow to answer after accepting the connection) with a `PostgresStoreError` that says what happened.
    public static func connect(_ url: PostgresURL, connectTimeout: Duration = .seconds(10), logger: Logger = PostgresLearnerStore.quietLogger)
        async throws -> PostgresLearnerStore
    {
        try await PostgresConnector(url: url, timeout: connectTimeout, logger: logger).migrate()
        let client = PostgresClient(configuration: url.clientConfiguration(connectTimeout: connectTimeout), backgroundLogger: logger)
        return PostgresLearnerStore(client: client, url: url, logger: logger)
    }

    /// Migration identifiers applied to this database, sorted.
    public func appliedMigrations() async throws -> [String] {
        try await withConnection { try await PostgresMigrations.applied($0, logger: logger) }
    }

    public func learner(id: String) async throws -> Learner? {
        try await withConnection { connection in
            var learner: Learner?
            let rows = try await connection.query("SELECT id, display_name, exam_dates::text FROM learner WHERE id = \(id)", logger: logger)
            for try await (id, name, dates) in rows.decode((String, String, String).self) {
                learner = Learner(id: id, displayName: name, examDates: try StoredJSON.decode(dates, what: "learner exam dates"))
            }
            return learner
        }
    }

    public func save(_ learner: Learner) async throws {
        let dates = try StoredJSON.encode(learner.examDates)
        try await withConnection { connection in
            try await Self.upsert(learner, dates: dates, createdAt: Date(), on: connection, logger: logger)
        }
    }

    static func upsert(_ learner: Learner, dates: String, createdAt: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO learner (id, display_name, exam_dates, created_at) VALUES (\(learner.id), \(learner.displayName), \(dates)::jsonb, \(createdAt))
            ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, exam_dates = excluded.exam_dates
            """, logger: logger)
    }

    public func create(_ header: SessionHeader) async throws {
        let body = try StoredJSON.encode(header)
        try await withConnection { connection in
            do {
                try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                    guard try await Self.exists("SELECT 1 FROM learner WHERE id = \(header.learnerID)", on: connection, logger: logger) else {
                        throw StoreError.unknownLearner(header.learnerID)
                    }
                    try await Self.insert(header, body: body, on: connection, logger: logger)
                }
            } catch let error as PSQLError where error.sqlState == PSQLError.uniqueViolation {
                throw StoreError.duplicateSession(header.id)
            } catch let error as PSQLError where error.sqlState == PSQLError.foreignKeyViolation {
                // The learner was deleted between the check and the insert.
                throw StoreError.unknownLearner(header.learnerID)
            }
        }
    }

    /// Locks the learner's row first (`SELECT ... FOR UPDATE`), so two processes starting the same exam for one
    /// learner run one after the other, and the second finds the first one's session.
    public func createUnlessOpen(_ header: SessionHeader, now: Date) async throws -> SessionHeader {
        let body = try StoredJSON.encode(header)
        return try await withConnection { connection in
            do {
                return try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                    guard try await Self.exists("SELECT 1 FROM learner WHERE id = \(header.learnerID) FOR UPDATE", on: connection, logger: logger) else {
                        throw StoreError.unknownLearner(header.learnerID)
                    }
                    let rows = try await connection.query("""
                        SELECT header::text FROM session
                        WHERE learner_id = \(header.learnerID) AND kind = \(header.kind.rawValue) AND credential_id = \(header.credentialID)
                          AND finished_at IS NULL AND (deadline IS NULL OR deadline > \(now))
                        ORDER BY started_at DESC, id DESC LIMIT 1
                        """, logger: logger)
                    for try await text in rows.decode(String.self) { return try StoredJSON.decode(text, what: "session header") as SessionHeader }
                    try await Self.insert(header, body: body, on: connection, logger: logger)
                    return header
                }
            } catch let error as PSQLError where error.sqlState == PSQLError.uniqueViolation {
                throw StoreError.duplicateSession(header.id)
            }
        }
    }

    public func session(id: String) async throws -> StoredSession? {
        try await withConnection { connection in
            try await PostgresTransaction.run(.snapshot, on: connection, logger: logger) { connection in
                var header: String?
                for try await text in try await connection.query("SELECT header::text FROM session WHERE id = \(id)", logger: logger).decode(String.self) {
                    header = text
                }
                guard let header else { return nil }
                return try await Self.stored(header: header, on: connection, logger: logger)
            }
        }
    }

    /// One statement (one round trip), where reading the session takes four (a snapshot transaction around two queries).
    public func nextSequence(session id: String) async throws -> Int? {
        try await withConnection { connection in
            var next: Int?
            let rows = try await connection.query("""
                SELECT (SELECT COALESCE(MAX(sequence) + 1, 0) FROM session_event WHERE session_id = session.id) FROM session WHERE id = \(id)
                """, logger: logger)
            for try await value in rows.decode(Int.self) { next = value }
            return next
        }
    }

    public func sessions(learnerID: String) async throws -> [StoredSession] {
        try await withConnection { connection in
            // One snapshot for the headers and their events, so a list never shows an event without its session.
            try await PostgresTransaction.run(.snapshot, on: connection, logger: logger) { connection in
                var headers: [SessionHeader] = []
                let rows = try await connection.query("SELECT header::text FROM session WHERE learner_id = \(learnerID) ORDER BY started_at, id", logger: logger)
                for try await text in rows.decode(String.self) { headers.append(try StoredJSON.decode(text, what: "session header")) }
                // Every event of the learner in one query (events carry their learner's id), not one query per session.
                var events: [String: [SessionEvent]] = [:]
                let eventRows = try await connection.query("""
                    SELECT session_id, sequence, at, body::text FROM session_event WHERE learner_id = \(learnerID) ORDER BY session_id, sequence
                    """, logger: logger)
                for try await (sessionID, sequence, at, body) in eventRows.decode((String, Int, Date, String).self) {
                    events[sessionID, default: []].append(
                        SessionEvent(sequence: sequence, at: at, change: try StoredJSON.decode(body, what: "event of session \(sessionID)")))
                }
                return headers.map { StoredSession(header: $0, events: events[$0.id] ?? []) }
            }
        }
    }

    /// Appends through one of `lanes`: concurrent appends of many sessions share a transaction (one WAL flush), and
    /// each returns only after that commit. A session always uses the same lane.
    public func append(_ events: [SessionEvent], to sessionID: String) async throws {
        guard !events.isEmpty else { return }
        let lane = lanes[Int(UInt(bitPattern: sessionID.hashValue) % UInt(lanes.count))]
        try await lane.submit(try PendingAppend(events, to: sessionID))
    }

    /// How many group commits run side by side, each on its own connection: a batch is written one session at a time,
    /// so a few lanes keep the pool and the server's cores busy while PostgreSQL merges their flushes.
    static let laneCount = 4

    /// Writes a batch in one transaction, in a fixed number of statements whatever its size: one locks every session
    /// of the batch in id order (`SELECT ... FOR UPDATE`, so two processes' batches can never wait on each other in a
    /// cycle), one reads their next sequence numbers (after the locks), one inserts every accepted event. A job whose
    /// numbers are taken (or whose session is gone) is refused alone and writes nothing; the others commit. Round trips,
    /// not PostgreSQL's work, are what a per-job statement sequence cost (three per job, in series on the lane's
    /// connection).
    static func write(_ jobs: [PendingAppend], client: PostgresClient, logger: Logger) async throws -> [Result<Void, any Error>] {
        var results = [Result<Void, any Error>](repeating: .success(()), count: jobs.count)
        let ids = Array(Set(jobs.map(\.sessionID))).sorted()
        do {
            try await client.withConnection { connection in
                try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                    var learners: [String: String] = [:]
                    let locked = try await connection.query("SELECT id, learner_id FROM session WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE", logger: logger)
                    for try await (id, learner) in locked.decode((String, String).self) { learners[id] = learner }
                    var next: [String: Int] = [:]
                    let max = try await connection.query("""
                        SELECT session_id, MAX(sequence) + 1 FROM session_event WHERE session_id = ANY(\(ids)) GROUP BY session_id
                        """, logger: logger)
                    for try await (id, value) in max.decode((String, Int).self) { next[id] = value }
                    var rows = EventRows()
                    var finished: [(session: String, at: Date)] = []
                    // In arrival order, so two jobs of one session in one batch are judged one after the other.
                    for (index, job) in jobs.enumerated() {
                        guard let learnerID = learners[job.sessionID] else {
                            results[index] = .failure(StoreError.unknownSession(job.sessionID))
                            continue
                        }
                        let expected = next[job.sessionID] ?? 0
                        guard job.rows.first?.event.sequence == expected else {
                            results[index] = .failure(StoreError.conflict(sessionID: job.sessionID))
                            continue
                        }
                        for row in job.rows {
                            rows.append(row, session: job.sessionID, learner: learnerID)
                            if case .finished = row.event.change { finished.append((job.sessionID, row.event.at)) }
                        }
                        next[job.sessionID] = expected + job.rows.count
                    }
                    guard !rows.sessions.isEmpty else { return }
                    try await connection.query("""
                        INSERT INTO session_event (session_id, sequence, learner_id, at, change, position, item_id, body)
                        SELECT s, q, l, a, c, NULLIF(p, -1), NULLIF(i, ''), b::jsonb
                        FROM unnest(\(rows.sessions), \(rows.sequences), \(rows.learners), \(rows.times), \(rows.changes), \(rows.positions),
                                    \(rows.itemIDs), \(rows.bodies)) AS t(s, q, l, a, c, p, i, b)
                        """, logger: logger)
                    for (session, at) in finished {
                        try await connection.query("UPDATE session SET finished_at = \(at) WHERE id = \(session)", logger: logger)
                    }
                }
            }
        } catch let error as PSQLError where error.sqlState == PSQLError.uniqueViolation {
            // Not expected while every writer locks the session row first; the whole batch is refused as a conflict.
            throw StoreError.conflict(sessionID: jobs.first?.sessionID ?? "")
        } catch let error as PSQLError where error.meansUnavailable {
            // No connection, or it broke (the server is down or restarting). The batch is not acknowledged; if its
            // COMMIT reached the server before the break, its answers are stored without having been acknowledged.
            throw StoreError.unavailable(describePostgresError(error))
        }
        return results
    }

    /// A batch's events as columns, for one `INSERT ... SELECT FROM unnest(...)`. Arrays of optionals cannot be bound,
    /// so a missing position is -1 and a missing item id is empty (neither occurs in real events), turned back into
    /// NULL by the insert.
    private struct EventRows {
        var sessions: [String] = []
        var sequences: [Int] = []
        var learners: [String] = []
        var times: [Date] = []
        var changes: [String] = []
        var positions: [Int] = []
        var itemIDs: [String] = []
        var bodies: [String] = []

        mutating func append(_ row: PendingAppend.Row, session: String, learner: String) {
            sessions.append(session)
            sequences.append(row.event.sequence)
            learners.append(learner)
            times.append(row.event.at)
            changes.append(row.event.change.name)
            positions.append(row.event.change.position ?? -1)
            itemIDs.append(PostgresLearnerStore.itemID(row.event.change) ?? "")
            bodies.append(row.body)
        }
    }

    public func deleteLearner(id: String) async throws {
        try await execute("DELETE FROM learner WHERE id = \(id)")
    }

    public func addItemReport(_ r: ItemReport) async throws {
        do {
            try await execute("""
                INSERT INTO item_report (id, learner_id, session_id, question_number, item_id, item_version, credential_id, kind, comment, created_at)
                VALUES (\(r.id), \(r.learnerID), \(r.sessionID), \(r.questionNumber), \(r.itemID), \(r.itemVersion), \(r.credentialID), \(r.kind.rawValue), \(r.comment), \(r.at))
                """)
        } catch let error as PSQLError where error.sqlState == PSQLError.foreignKeyViolation {
            throw StoreError.unknownLearner(r.learnerID)
        }
    }

    public func itemReports(learnerID: String?) async throws -> [ItemReport] {
        try await withConnection { connection in
            let query: PostgresQuery = if let learnerID {
                """
                SELECT id, learner_id, session_id, question_number, item_id, item_version, credential_id, kind, comment, created_at
                FROM item_report WHERE learner_id = \(learnerID) ORDER BY created_at, id
                """
            } else {
                """
                SELECT id, learner_id, session_id, question_number, item_id, item_version, credential_id, kind, comment, created_at
                FROM item_report ORDER BY created_at, id
                """
            }
            var reports: [ItemReport] = []
            let rows = try await connection.query(query, logger: logger)
            for try await (id, learner, session, number, item, version, credential, kindText, comment, at)
                in rows.decode((String, String, String, Int, String, Int, String, String, String, Date).self)
            {
                guard let kind = ItemReport.Kind(rawValue: kindText) else { throw StoreError.corrupt("item report \(id) has kind '\(kindText)'") }
                reports.append(ItemReport(id: id, learnerID: learner, sessionID: session, questionNumber: number, itemID: item, itemVersion: version,
                    credentialID: credential, kind: kind, comment: comment, at: at))
            }
            return reports
        }
    }

    /// Leases a connection from the pool. A failure to reach the server (it is down or restarting) becomes
    /// `StoreError.unavailable`, which the API answers 503, not a server fault.
    func withConnection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection(body)
        } catch let error as PSQLError where error.meansUnavailable {
            throw StoreError.unavailable(describePostgresError(error))
        }
    }

    // MARK: Rows

    private static func insert(_ header: SessionHeader, body: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO session (id, learner_id, kind, credential_id, started_at, deadline, header)
            VALUES (\(header.id), \(header.learnerID), \(header.kind.rawValue), \(header.credentialID), \(header.startedAt), \(header.deadline), \(body)::jsonb)
            """, logger: logger)
    }

    static func exists(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var found = false
        for try await _ in try await connection.query(query, logger: logger) { found = true }
        return found
    }

    private static func stored(header text: String, on connection: PostgresConnection, logger: Logger) async throws -> StoredSession {
        let header: SessionHeader = try StoredJSON.decode(text, what: "session header")
        var events: [SessionEvent] = []
        let rows = try await connection.query("SELECT sequence, at, body::text FROM session_event WHERE session_id = \(header.id) ORDER BY sequence", logger: logger)
        for try await (sequence, at, body) in rows.decode((Int, Date, String).self) {
            events.append(SessionEvent(sequence: sequence, at: at, change: try StoredJSON.decode(body, what: "event of session \(header.id)")))
        }
        return StoredSession(header: header, events: events)
    }

    static func itemID(_ change: SessionEvent.Change) -> String? {
        switch change {
        case .presented(let item): item.itemID
        case .answered(let answer): answer.itemID
        default: nil
        }
    }
}
#endif
