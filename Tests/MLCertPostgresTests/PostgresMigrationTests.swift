#if Postgres
import MLCertPostgresTesting
import MLCertPractice
import PostgresNIO
import Testing

@testable import MLCertPostgres

@Suite("PostgreSQL migrations")
struct PostgresMigrationTests {
    static let identifiers = ["v1-learners-sessions-events", "v2-accounts", "v3-item-reports", "v3-security"]

    @Test("a fresh schema gets every migration, recorded in schema_migrations, and the tables live in that schema")
    func fresh() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let applied = try await PostgresConnector(url: url, timeout: .seconds(60), logger: PostgresTestDatabase.logger).migrate()
        #expect(applied == Self.identifiers)
        let tables = try await PostgresConnector(url: url, timeout: .seconds(60), logger: PostgresTestDatabase.logger).withConnection { connection in
            var names: [String] = []
            let rows = try await connection.query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(url.schema!) ORDER BY 1",
                logger: PostgresTestDatabase.logger)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
        #expect(tables == ["account", "item_report", "known_device", "learner", "login_session", "rate_attempt", "schema_migrations", "session", "session_event"])
    }

    @Test("migrating again applies nothing and keeps the data")
    func idempotent() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let first = try await PostgresTestDatabase.runningStore(url)
        try await first.save(Learner(id: "ada", displayName: "Ada"))
        let again = try await PostgresConnector(url: url, timeout: .seconds(60), logger: PostgresTestDatabase.logger).migrate()
        #expect(again.isEmpty)
        let second = try await PostgresTestDatabase.runningStore(url)
        #expect(try await second.appliedMigrations() == Self.identifiers)
        #expect(try await second.learner(id: "ada")?.displayName == "Ada")
    }

    @Test("eight processes starting together on one fresh schema migrate it exactly once")
    func concurrent() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { try await PostgresConnector(url: url, timeout: .seconds(60), logger: PostgresTestDatabase.logger).migrate() }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == Self.identifiers }.count == 1, "one process applies both migrations")
        #expect(results.filter(\.isEmpty).count == 7, "the others find nothing to do")
        let store = try await PostgresTestDatabase.runningStore(url)
        #expect(try await store.appliedMigrations() == Self.identifiers)
    }

    @Test("schemas are isolated: a learner saved in one is not seen from another")
    func isolation() async throws {
        let a = try await PostgresTestDatabase.freshStore()
        let b = try await PostgresTestDatabase.freshStore()
        try await a.save(Learner(id: "ada", displayName: "Ada"))
        #expect(try await a.learner(id: "ada") != nil)
        #expect(try await b.learner(id: "ada") == nil)
    }

    @Test("a row the store cannot decode is reported as corrupt, naming what it was")
    func corruptRow() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let store = try await PostgresTestDatabase.runningStore(url)
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await PostgresConnector(url: url, timeout: .seconds(60), logger: PostgresTestDatabase.logger).withConnection { connection in
            for try await _ in try await connection.query("UPDATE learner SET exam_dates = '[1, 2]'::jsonb", logger: PostgresTestDatabase.logger) {}
        }
        await #expect {
            _ = try await store.learner(id: "ada")
        } throws: { error in
            guard case StoreError.corrupt(let what) = error else { return false }
            return what.contains("learner exam dates")
        }
    }
}
#endif
