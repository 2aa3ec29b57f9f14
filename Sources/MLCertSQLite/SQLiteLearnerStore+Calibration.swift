import Foundation
import GRDB
import MLCertPractice
import Psychometrics

/// Calibrated parameter sets in the learner database (migration `v3-calibration`).
extension SQLiteLearnerStore {
    public func saveParameterSet(_ set: ItemParameterSet) async throws -> ItemParameterSet {
        let details = try StoredJSON.encode(ParameterSetDetails(set))
        return try await pool.write { db in
            // SQLite serialises writers, so the next version read here is still free when the insert runs.
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM parameter_set WHERE credential_id = ?", arguments: [set.credentialID]) ?? 0) + 1
            let saved = set.numbered(next)
            try db.execute(sql: """
                INSERT INTO parameter_set (credential_id, version, created_at, learners, responses, details) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [saved.credentialID, saved.version, saved.createdAt, saved.learners, saved.responses, details])
            let insert = try db.makeStatement(sql: """
                INSERT INTO parameter_set_item (credential_id, version, item_id, item_version, a, b, c, a_se, b_se, c_se, responses, in_use)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in saved.items {
                let p = item.parameters
                let se = item.standardErrors
                try insert.execute(arguments: [saved.credentialID, saved.version, item.itemID, item.itemVersion, p.a, p.b, p.c, se.a, se.b, se.c,
                    item.responses, item.inUse])
            }
            return saved
        }
    }

    public func newestParameterSet(credentialID: String) async throws -> ItemParameterSet? {
        try await pool.read { db in
            guard let version = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM parameter_set WHERE credential_id = ?", arguments: [credentialID])
            else { return nil }
            return try Self.parameterSet(db, credentialID: credentialID, version: version)
        }
    }

    public func parameterSet(credentialID: String, version: Int) async throws -> ItemParameterSet? {
        try await pool.read { db in try Self.parameterSet(db, credentialID: credentialID, version: version) }
    }

    public func learnerIDs(credentialID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT learner_id FROM session WHERE credential_id = ?", arguments: [credentialID])
        }
    }

    private static func parameterSet(_ db: Database, credentialID: String, version: Int) throws -> ItemParameterSet? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT created_at, learners, responses, details FROM parameter_set WHERE credential_id = ? AND version = ?
            """, arguments: [credentialID, version])
        else { return nil }
        let details: ParameterSetDetails = try StoredJSON.decode(row["details"] as String, what: "parameter set \(credentialID) v\(version)")
        let items = try Row.fetchAll(db, sql: """
            SELECT item_id, item_version, a, b, c, a_se, b_se, c_se, responses, in_use FROM parameter_set_item
            WHERE credential_id = ? AND version = ? ORDER BY item_id
            """, arguments: [credentialID, version]).map { r in
            ItemParameterSet.Entry(itemID: r["item_id"], itemVersion: r["item_version"], parameters: ItemParameters(a: r["a"], b: r["b"], c: r["c"]),
                standardErrors: ItemStandardErrors(a: r["a_se"], b: r["b_se"], c: r["c_se"]), responses: r["responses"], inUse: r["in_use"])
        }
        return details.set(credentialID: credentialID, version: version, createdAt: row["created_at"], learners: row["learners"],
            responses: row["responses"], items: items)
    }
}
