import Foundation
import GRDB
@testable import MLCertSQLite
import Testing

@Suite("SQLite durability")
struct SQLiteDurabilityTests {
    /// An answer is acknowledged after its commit returns, so the commit must be flushed to the disk (synchronous =
    /// FULL: the WAL is synced at every commit). Fails without the PRAGMA after the pool opens: GRDB's WAL set-up
    /// leaves the writer at NORMAL (1), under which a commit is not flushed and a power cut loses acknowledged answers.
    @Test("the connection that commits answers flushes every commit (synchronous = FULL), also on a reopened file")
    func writerIsFullySynchronous() async throws {
        let path = temporaryDatabase()
        for _ in 0..<2 {
            let store = try SQLiteLearnerStore(path: path)
            let level = try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
            #expect(level == 2, "synchronous is \(level.map(String.init) ?? "nil"); 2 is FULL")
            let mode = try await store.pool.write { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }
}
