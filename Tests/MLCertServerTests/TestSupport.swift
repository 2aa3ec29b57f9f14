import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MLCertContent
import MLCertCore
import MLCertPractice
import MLCertSQLite
#if Postgres
import MLCertPostgresTesting
#endif
@testable import MLCertServer
import Testing

/// The repository's own content, loaded once for every test (the catalog and the reviewed item bank).
let bundledContent: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    do {
        return try ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules)
    } catch {
        fatalError("cannot load \(root.path): \(error)")
    }
}()

/// Which store a route test runs on; every route test runs on each. PostgreSQL joins in a build with the `Postgres`
/// trait, on a fresh schema of the database `MLCERT_TEST_POSTGRES_URL` names (scripts/test starts one).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite
    #if Postgres
    case postgres
    #endif

    var testDescription: String { rawValue }

    /// A fresh store, and how to open a second connection to the same data, as a second server process would: a
    /// second GRDB pool on the same file, a second PostgreSQL pool on the same schema. Memory has only one.
    func make() async throws -> (store: any PracticeStore, sibling: @Sendable () async throws -> any PracticeStore) {
        switch self {
        case .memory:
            let store = InMemoryLearnerStore()
            return (store, { store })
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-server-\(UUID().uuidString)/learner.sqlite").path
            return (try SQLiteLearnerStore(path: path), { try SQLiteLearnerStore(path: path) })
        #if Postgres
        case .postgres:
            let url = try PostgresTestDatabase.freshURL()
            return (try await PostgresTestDatabase.runningStore(url), { try await PostgresTestDatabase.runningStore(url) })
        #endif
        }
    }
}

/// A clock tests can move forward (exam deadlines, login expiry, rate-limit windows).
final class TestClock: Sendable {
    private let now: NIOLockedBox
    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { now = NIOLockedBox(start) }
    func read() -> Date { now.get() }
    func advance(_ seconds: TimeInterval) { now.set(now.get().addingTimeInterval(seconds)) }
}

/// A tiny lock box so the test target needs no NIO product of its own.
final class NIOLockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ value: Date) { self.value = value }
    func get() -> Date { lock.withLock { value } }
    func set(_ new: Date) { lock.withLock { value = new } }
}

/// The application over a fresh store, with bcrypt at its cheapest cost so tests stay fast.
struct TestApp {
    let store: any PracticeStore
    let clock: TestClock
    let dependencies: ServerDependencies
    private(set) var configuration: ServerConfiguration

    /// Opens another connection to this app's data (see `StoreKind.make()`), for a second application.
    let openSibling: @Sendable () async throws -> any PracticeStore

    init(store kind: StoreKind, secureCookies: Bool = false, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
         items: [Item] = bundledContent.items) async throws {
        (store, openSibling) = try await kind.make()
        let clock = TestClock()
        self.clock = clock
        var logger = Logger(label: "mlcert.test")
        logger.logLevel = .critical
        dependencies = ServerDependencies(catalog: bundledContent.catalog, items: items, store: store,
            clock: { clock.read() }, logger: logger)
        configuration = ServerConfiguration(secureCookies: secureCookies, bcryptCost: 4, maxBodyBytes: maxBodyBytes)
    }

    mutating func trustForwardedFor(_ trust: Bool) {
        configuration.trustForwardedFor = trust
    }

    /// Changes any other setting (a metrics token, the sign-in policy) before `run`.
    mutating func configure(_ change: (inout ServerConfiguration) -> Void) {
        change(&configuration)
    }

    func run<T: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies)
        return try await app.test(.router, test)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw TestFailure("expected a JSON object, got: \(text)")
        }
        return object
    }

    /// The `error.code` of the error shape, or nil.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }
}

/// Runs `process` to its end and returns what it wrote (stdout and stderr, through a file), waiting with `Task.sleep`
/// rather than blocking: Swift concurrency's pool has one thread per core, and a test blocked in `waitUntilExit` for a
/// minute starves every other test's `await`s.
func outputToEnd(of process: Process) async throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-process-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: file) }
    let handle = try FileHandle(forWritingTo: file)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
    try handle.close()
    return try String(contentsOf: file, encoding: .utf8)
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
