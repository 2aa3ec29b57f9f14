import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice
import MLCertSQLite
import ServiceLifecycle

/// Options every learner-facing command takes: where the learner store is and whose data to use.
struct StoreOptions: ParsableArguments {
    @Option(help: "The learner database (default: $MLCERT_DATABASE, else mlcert.sqlite in the platform's data directory).")
    var database: String?
    @Option(help: "Learner id (default: $MLCERT_LEARNER, else 'local').")
    var learner: String?

    var learnerID: String { learner ?? ProcessInfo.processInfo.environment["MLCERT_LEARNER"] ?? "local" }

    /// The database path: the flag, the environment, or the platform's data directory
    /// ($XDG_DATA_HOME/mlcert or ~/.local/share/mlcert on Linux, ~/Library/Application Support/mlcert on macOS).
    var databasePath: String {
        if let database { return database }
        return Self.defaultDatabasePath()
    }

    /// `$MLCERT_DATABASE`, else `mlcert.sqlite` in the platform's data directory.
    static func defaultDatabasePath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["MLCERT_DATABASE"], !path.isEmpty { return path }
        #if os(macOS)
        let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent("Library/Application Support").path
        #else
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share").path
        #endif
        return base + "/mlcert/mlcert.sqlite"
    }

    /// Runs `body` with the practice engine over the bundled content and this store.
    ///
    /// A `postgres://` (or `postgresql://`) database opens the PostgreSQL store, whose connection pool runs for the
    /// duration of `body`; anything else is a SQLite file path.
    func withService<T>(content options: ContentOptions, _ body: (PracticeService) async throws -> T) async throws -> T {
        try await Self.withService(at: databasePath, content: options, body)
    }

    /// `withService` for a database given by location (a SQLite path or a `postgres://` URL).
    static func withService<T>(at location: String, content options: ContentOptions, _ body: (PracticeService) async throws -> T) async throws -> T {
        let content = try options.loadContent(includeItems: true, allItemRules: false)
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            #if Postgres
            let (store, client) = try await openPostgresStore(url: location)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                return try await body(PracticeService(catalog: content.catalog, items: content.practiceItems, store: store))
            }
            #else
            throw ValidationFailure(message: "--database \(location.prefix(while: { $0 != ":" }))://...: this build has no PostgreSQL support: build with --traits Postgres")
            #endif
        }
        let store: SQLiteLearnerStore
        do {
            store = try SQLiteLearnerStore(path: location)
        } catch {
            throw ValidationFailure(message: "cannot open the learner database at \(location): \(error)")
        }
        return try await body(PracticeService(catalog: content.catalog, items: content.practiceItems, store: store))
    }
}

/// The store behind `mlcert serve`, chosen by the database string: a `postgres://` or `postgresql://` URL needs a build
/// with the `Postgres` trait; anything else is a SQLite path (nil: the default path). The services are what the store
/// needs running beside the server (a PostgreSQL connection pool), and go into the application's service group.
func openPracticeStore(database: String?) async throws -> (store: any PracticeStore, services: [any Service]) {
    let database = database ?? StoreOptions.defaultDatabasePath()
    if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
        #if Postgres
        // The pool goes into the server's service group: it starts before the server takes requests and shuts down
        // after the last in-flight request has finished.
        let (store, client) = try await openPostgresStore(url: database)
        return (store, [client])
        #else
        throw ValidationFailure(message: "this build has no PostgreSQL support: build with --traits Postgres")
        #endif
    }
    do {
        return (try SQLiteLearnerStore(path: database), [])
    } catch {
        throw ValidationFailure(message: "cannot open the learner database at \(database): \(error)")
    }
}

/// JSON for the practice commands: one compact object per line (JSON Lines), snake_case keys, ISO-8601 times.
enum PracticeJSON {
    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{\"event\":\"error\",\"message\":\"unencodable output\"}"
    }

    /// An event: `{"event": name, ...payload}`.
    static func event<T: Encodable>(_ name: String, _ payload: T) -> String {
        line(EventEnvelope(event: name, payload: payload))
    }
}

/// A payload's fields with an "event" field added beside them.
struct EventEnvelope<T: Encodable>: Encodable {
    let event: String
    let payload: T

    func encode(to encoder: any Encoder) throws {
        try payload.encode(to: encoder)
        var c = encoder.container(keyedBy: EventKey.self)
        try c.encode(event, forKey: EventKey(stringValue: "event"))
    }

    struct EventKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Writes a line straight to the file descriptor, so that a program reading the pipe sees each event as it happens.
///
/// Not `print` plus `fflush(nil)`: flushing every stream also waits for the lock of the input stream, which the line
/// reader holds while it waits for the next key, and that delayed every acknowledgement until the learner typed again.
func emitLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
