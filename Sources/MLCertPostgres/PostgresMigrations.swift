#if Postgres
import Logging
import PostgresNIO

/// The PostgreSQL schema of the learner store: the same migrations, under the same identifiers, as the SQLite store,
/// written in PostgreSQL's types (`timestamptz`, `jsonb`, `bigint`).
///
/// Applied identifiers are recorded in `schema_migrations`. Each run holds a transaction-scoped advisory lock, so
/// when several server processes start against one fresh database, one of them migrates and the others wait and
/// then find nothing left to do. A migration is never edited once released; a change is a new migration.
enum PostgresMigrations {
    /// One migration: an identifier and its statements (PostgresNIO sends one statement per query).
    struct Migration: Sendable {
        let identifier: String
        let statements: [String]
    }

    static let all: [Migration] = [
        Migration(identifier: "v1-learners-sessions-events", statements: [
            """
            CREATE TABLE learner (
                id text PRIMARY KEY,
                display_name text NOT NULL,
                exam_dates jsonb NOT NULL DEFAULT '{}',
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE session (
                id text PRIMARY KEY,
                learner_id text NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                kind text NOT NULL,
                credential_id text NOT NULL,
                started_at timestamptz NOT NULL,
                deadline timestamptz,
                finished_at timestamptz,
                header jsonb NOT NULL
            )
            """,
            "CREATE INDEX session_by_learner ON session (learner_id, started_at)",
            """
            CREATE TABLE session_event (
                session_id text NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                sequence bigint NOT NULL,
                learner_id text NOT NULL,
                at timestamptz NOT NULL,
                change text NOT NULL,
                position bigint,
                item_id text,
                body jsonb NOT NULL,
                PRIMARY KEY (session_id, sequence)
            )
            """,
            "CREATE INDEX session_event_answers ON session_event (learner_id, change, item_id)",
        ]),
        Migration(identifier: "v2-accounts", statements: [
            """
            CREATE TABLE account (
                id text PRIMARY KEY REFERENCES learner(id) ON DELETE CASCADE,
                email text NOT NULL UNIQUE,
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE login_session (
                token_hash text PRIMARY KEY,
                account_id text NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                csrf_token text NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX login_session_by_account ON login_session (account_id)",
            """
            CREATE TABLE login_failure (
                key text NOT NULL,
                at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX login_failure_by_key ON login_failure (key, at)",
        ]),
        Migration(identifier: "v3-item-reports", statements: [
            """
            CREATE TABLE item_report (
                id text PRIMARY KEY,
                learner_id text NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                session_id text NOT NULL,
                question_number bigint NOT NULL,
                item_id text NOT NULL,
                item_version bigint NOT NULL,
                credential_id text NOT NULL,
                kind text NOT NULL,
                comment text NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX item_report_by_item ON item_report (item_id, created_at)",
            "CREATE INDEX item_report_by_learner ON item_report (learner_id, created_at)",
        ]),
        // The same change as SQLite's v3-security: attempts recorded before the password check (and removed on
        // success), the time a login was last used, and remembered devices.
        Migration(identifier: "v3-security", statements: [
            "DROP TABLE login_failure",
            """
            CREATE TABLE rate_attempt (
                key text NOT NULL,
                attempt_id text NOT NULL,
                at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX rate_attempt_by_key ON rate_attempt (key, at)",
            "CREATE INDEX rate_attempt_by_id ON rate_attempt (attempt_id)",
            "CREATE INDEX rate_attempt_by_time ON rate_attempt (at)",
            "ALTER TABLE login_session ADD COLUMN last_seen_at timestamptz",
            "CREATE INDEX login_session_by_expiry ON login_session (expires_at)",
            """
            CREATE TABLE known_device (
                token_hash text NOT NULL,
                account_id text NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (token_hash, account_id)
            )
            """,
            "CREATE INDEX known_device_by_account ON known_device (account_id)",
        ]),
    ]

    /// Brings the schema up to date on `connection` in one transaction and returns the identifiers it applied.
    ///
    /// `schema` (already validated as a plain identifier) is created when missing and used for every table; nil
    /// uses the connection's default search path.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws -> [String] {
        try await PostgresTransaction.run(on: connection, logger: logger) { connection in
            let lockKey = "mlcert-migrations:\(schema ?? "default")"
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
            if let schema {
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \"\(schema)\""), logger: logger)
            }
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            let done = Set(try await applied(connection, logger: logger))
            var appliedNow: [String] = []
            for migration in all where !done.contains(migration.identifier) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_migrations (identifier) VALUES (\(migration.identifier))", logger: logger)
                appliedNow.append(migration.identifier)
            }
            if !appliedNow.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(appliedNow)", "schema": "\(schema ?? "default")"]) }
            return appliedNow
        }
    }

    /// The identifiers recorded in `schema_migrations`, sorted.
    static func applied(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var identifiers: [String] = []
        for try await identifier in try await connection.query("SELECT identifier FROM schema_migrations ORDER BY identifier", logger: logger)
            .decode(String.self)
        {
            identifiers.append(identifier)
        }
        return identifiers
    }
}
#endif
