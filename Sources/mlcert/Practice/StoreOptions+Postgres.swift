#if Postgres
import MLCertPostgres
import MLCertPractice
import PostgresNIO

/// Opens the PostgreSQL learner store named by `url` (postgres://...): parses the URL, connects once within a bounded
/// time, applies pending migrations, and returns the store with its connection pool.
///
/// The pool serves queries only while `client.run()` runs; a command runs it for its own duration, `mlcert serve`
/// puts it in its service group so that it shuts down after the HTTP server. Errors are ready to print: a bad URL
/// names the part at fault, an unreachable server says why, and the password is never shown.
func openPostgresStore(url: String) async throws -> (store: any PracticeStore, client: PostgresClient) {
    let parsed: PostgresURL
    do {
        parsed = try PostgresURL(url)
    } catch let error as PostgresURLError {
        throw ValidationFailure(message: "--database: \(error)")
    }
    do {
        let store = try await PostgresLearnerStore.connect(parsed)
        return (store, store.client)
    } catch let error as PostgresStoreError {
        throw ValidationFailure(message: "\(error)")
    }
}
#endif
