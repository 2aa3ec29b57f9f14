import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MLCertContent
import MLCertCore
import MLCertPractice
import MLCertSQLite
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

/// Which store a route test runs on; every route test runs on each.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    func make() throws -> any PracticeStore {
        switch self {
        case .memory: InMemoryLearnerStore()
        case .sqlite:
            try SQLiteLearnerStore(path: FileManager.default.temporaryDirectory
                .appendingPathComponent("mlcert-server-\(UUID().uuidString)/learner.sqlite").path)
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

    init(store kind: StoreKind, secureCookies: Bool = false, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes) throws {
        store = try kind.make()
        let clock = TestClock()
        self.clock = clock
        var logger = Logger(label: "mlcert.test")
        logger.logLevel = .critical
        dependencies = ServerDependencies(catalog: bundledContent.catalog, items: bundledContent.items, store: store,
            clock: { clock.read() }, logger: logger)
        configuration = ServerConfiguration(secureCookies: secureCookies, bcryptCost: 4, maxBodyBytes: maxBodyBytes)
    }

    mutating func trustForwardedFor(_ trust: Bool) {
        configuration.trustForwardedFor = trust
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

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
