import GRDB

/// The learner store's schema, one registered migration per version. Migrations are never edited once released:
/// a change is a new migration, so every existing database can be brought forward.
enum LearnerStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-learners-sessions-events") { db in
            try db.execute(sql: """
                CREATE TABLE learner (
                    id TEXT PRIMARY KEY NOT NULL,
                    display_name TEXT NOT NULL,
                    exam_dates TEXT NOT NULL DEFAULT '{}',
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE session (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    credential_id TEXT NOT NULL,
                    started_at DATETIME NOT NULL,
                    deadline DATETIME,
                    finished_at DATETIME,
                    header TEXT NOT NULL
                );
                CREATE INDEX session_by_learner ON session(learner_id, started_at);
                CREATE TABLE session_event (
                    session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    learner_id TEXT NOT NULL,
                    at DATETIME NOT NULL,
                    change TEXT NOT NULL,
                    position INTEGER,
                    item_id TEXT,
                    body TEXT NOT NULL,
                    PRIMARY KEY (session_id, sequence)
                );
                CREATE INDEX session_event_answers ON session_event(learner_id, change, item_id);
                """)
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    email TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE login_session (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL
                );
                CREATE INDEX login_session_by_account ON login_session(account_id);
                CREATE TABLE login_failure (
                    key TEXT NOT NULL,
                    at DATETIME NOT NULL
                );
                CREATE INDEX login_failure_by_key ON login_failure(key, at);
                """)
        }
        migrator.registerMigration("v3-item-reports") { db in
            try db.execute(sql: """
                CREATE TABLE item_report (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    session_id TEXT NOT NULL,
                    question_number INTEGER NOT NULL,
                    item_id TEXT NOT NULL,
                    item_version INTEGER NOT NULL,
                    credential_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX item_report_by_item ON item_report(item_id, created_at);
                CREATE INDEX item_report_by_learner ON item_report(learner_id, created_at);
                """)
        }
        migrator.registerMigration("v3-security") { db in
            // Sign-in, registration and password-change attempts replace the failure-only table: an attempt is
            // recorded before its password is checked (so concurrent guesses cannot all pass the limit), and removed
            // again when it succeeds. Logins gain the time of last use for the idle timeout, and browsers that signed in
            // are remembered by the hash of their device token so that attacks on an account do not lock them out.
            try db.execute(sql: """
                DROP TABLE login_failure;
                CREATE TABLE rate_attempt (
                    key TEXT NOT NULL,
                    attempt_id TEXT NOT NULL,
                    at DATETIME NOT NULL
                );
                CREATE INDEX rate_attempt_by_key ON rate_attempt(key, at);
                CREATE INDEX rate_attempt_by_id ON rate_attempt(attempt_id);
                CREATE INDEX rate_attempt_by_time ON rate_attempt(at);
                ALTER TABLE login_session ADD COLUMN last_seen_at DATETIME;
                CREATE INDEX login_session_by_expiry ON login_session(expires_at);
                CREATE TABLE known_device (
                    token_hash TEXT NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (token_hash, account_id)
                );
                CREATE INDEX known_device_by_account ON known_device(account_id);
                """)
        }
        return migrator
    }
}
