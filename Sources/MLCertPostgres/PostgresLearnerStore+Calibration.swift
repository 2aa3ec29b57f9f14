#if Postgres
import Foundation
import Logging
import MLCertPractice
import PostgresNIO
import Psychometrics

/// Calibrated parameter sets on PostgreSQL (migration `v3-calibration`). Saving takes a transaction-scoped advisory
/// lock per credential, so two processes recalibrating at once number their sets 1 and 2, never both 1.
extension PostgresLearnerStore {
    public func saveParameterSet(_ set: ItemParameterSet) async throws -> ItemParameterSet {
        let details = try StoredJSON.encode(ParameterSetDetails(set))
        return try await client.withConnection { connection in
            try await PostgresTransaction.run(on: connection, logger: logger) { connection in
                let lockKey = "mlcert-calibration:\(set.credentialID)"
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
                var next = 1
                let rows = try await connection.query(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM parameter_set WHERE credential_id = \(set.credentialID)", logger: logger)
                for try await value in rows.decode(Int.self) { next = value }
                let saved = set.numbered(next)
                try await connection.query("""
                    INSERT INTO parameter_set (credential_id, version, created_at, learners, responses, details)
                    VALUES (\(saved.credentialID), \(saved.version), \(saved.createdAt), \(saved.learners), \(saved.responses), \(details)::jsonb)
                    """, logger: logger)
                for item in saved.items {
                    let p = item.parameters
                    let se = item.standardErrors
                    try await connection.query("""
                        INSERT INTO parameter_set_item (credential_id, version, item_id, item_version, a, b, c, a_se, b_se, c_se, responses, in_use)
                        VALUES (\(saved.credentialID), \(saved.version), \(item.itemID), \(item.itemVersion), \(p.a), \(p.b), \(p.c), \(se.a), \(se.b),
                            \(se.c), \(item.responses), \(item.inUse))
                        """, logger: logger)
                }
                return saved
            }
        }
    }

    public func newestParameterSet(credentialID: String) async throws -> ItemParameterSet? {
        try await client.withConnection { connection in
            try await PostgresTransaction.run(.snapshot, on: connection, logger: logger) { connection in
                var version: Int?
                let rows = try await connection.query("SELECT MAX(version) FROM parameter_set WHERE credential_id = \(credentialID)", logger: logger)
                for try await value in rows.decode(Int?.self) { version = value }
                guard let version else { return nil }
                return try await Self.parameterSet(connection, credentialID: credentialID, version: version, logger: logger)
            }
        }
    }

    public func parameterSet(credentialID: String, version: Int) async throws -> ItemParameterSet? {
        try await client.withConnection { connection in
            try await PostgresTransaction.run(.snapshot, on: connection, logger: logger) { connection in
                try await Self.parameterSet(connection, credentialID: credentialID, version: version, logger: logger)
            }
        }
    }

    public func learnerIDs(credentialID: String) async throws -> [String] {
        try await client.withConnection { connection in
            var ids: [String] = []
            let rows = try await connection.query("SELECT DISTINCT learner_id FROM session WHERE credential_id = \(credentialID)", logger: logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    private static func parameterSet(_ connection: PostgresConnection, credentialID: String, version: Int, logger: Logger) async throws
        -> ItemParameterSet?
    {
        var header: (Date, Int, Int, String)?
        let rows = try await connection.query("""
            SELECT created_at, learners, responses, details::text FROM parameter_set WHERE credential_id = \(credentialID) AND version = \(version)
            """, logger: logger)
        for try await row in rows.decode((Date, Int, Int, String).self) { header = row }
        guard let (createdAt, learners, responses, text) = header else { return nil }
        let details: ParameterSetDetails = try StoredJSON.decode(text, what: "parameter set \(credentialID) v\(version)")
        var items: [ItemParameterSet.Entry] = []
        let itemRows = try await connection.query("""
            SELECT item_id, item_version, a, b, c, a_se, b_se, c_se, responses, in_use FROM parameter_set_item
            WHERE credential_id = \(credentialID) AND version = \(version) ORDER BY item_id
            """, logger: logger)
        for try await (id, itemVersion, a, b, c, aSE, bSE, cSE, count, inUse) in itemRows.decode(
            (String, Int, Double, Double, Double, Double, Double, Double, Int, Bool).self)
        {
            items.append(ItemParameterSet.Entry(itemID: id, itemVersion: itemVersion, parameters: ItemParameters(a: a, b: b, c: c),
                standardErrors: ItemStandardErrors(a: aSE, b: bSE, c: cSE), responses: count, inUse: inUse))
        }
        return details.set(credentialID: credentialID, version: version, createdAt: createdAt, learners: learners, responses: responses, items: items)
    }
}
#endif
