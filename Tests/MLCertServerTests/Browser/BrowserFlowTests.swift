import Foundation
#if Postgres
import MLCertPostgresTesting
#endif
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole learner journey in a real browser: starts the real `mlcert serve` binary (built by `swift build
/// --build-tests`, next to this test bundle) on a free port with a fresh database, waits for /health, and runs
/// `flow.py` (selenium driving headless Chromium) against it. The script's output is the failure message.
///
/// Set `MLCERT_SKIP_BROWSER_TESTS=1` to leave it out on a machine without Chromium; `scripts/test` installs Chromium,
/// chromedriver and selenium, so there it always runs.
@Suite("Browser flow", .serialized, .enabled(if: ProcessInfo.processInfo.environment["MLCERT_SKIP_BROWSER_TESTS"] != "1"))
struct BrowserFlowTests {
    /// Where the server keeps its data. PostgreSQL joins when `MLCERT_TEST_POSTGRES_URL` is set and the build has the
    /// `Postgres` trait (the binary under test comes from the same build).
    enum Store: CustomTestStringConvertible, Sendable {
        case sqlite
        case postgres(String)

        var testDescription: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgres"
            }
        }

        static var all: [Store] {
            var stores: [Store] = [.sqlite]
            #if Postgres
            // A build with the trait promises the PostgreSQL run: without the variable the case fails (see below), it
            // does not vanish. Each run gets a fresh schema, so reruns never meet an earlier run's accounts.
            stores.append(.postgres((try? PostgresTestDatabase.freshURLText()) ?? ""))
            #endif
            return stores
        }
    }

    /// The scripts in this folder, each run against its own fresh server: the whole journey (`flow.py`), and the checks
    /// of issue 17's fixes at desktop and phone sizes.
    enum Script: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case flow = "flow.py"
        case exam = "exam_checks.py"
        case pages = "pages_checks.py"

        var testDescription: String { rawValue }
    }

    @Test(arguments: Store.all, Script.allCases)
    func browserScript(store: Store, script: Script) async throws {
        let root = Self.packageRoot
        let binary = try #require(Self.serverBinary, "the mlcert binary was not found next to the test bundle; run `swift build --build-tests` first")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let database = switch store {
        case .sqlite: work.appendingPathComponent("learners.sqlite").path
        case .postgres(let url): url
        }
        if case .postgres(let url) = store {
            try #require(!url.isEmpty, "MLCERT_TEST_POSTGRES_URL is not set: this build has the Postgres trait, so the browser flow must run on PostgreSQL too (scripts/test starts a server)")
        }
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port), "--database", database, "--content", root.appendingPathComponent("Content").path]
        server.currentDirectoryURL = root
        let serverLog = work.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: serverLog.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: serverLog)
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        // The server is stopped on every way out of this test, including failed expectations and thrown errors.
        defer {
            if server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
            try? logHandle.close()
        }
        let base = "http://127.0.0.1:\(port)"
        let healthy = await Self.waitForHealth(base: base, server: server, timeout: 120)
        let log = { (try? String(contentsOf: serverLog, encoding: .utf8)) ?? "" }
        try #require(healthy, "the server did not answer /health within 120 s:\n\(log())")

        let path = root.appendingPathComponent("Tests/MLCertServerTests/Browser/\(script.rawValue)")
        let (status, output) = try await Self.run(["python3", path.path, base], timeout: 600)
        #expect(status == 0, "\(script.rawValue) failed (exit \(status)):\n\(output)\n--- server log ---\n\(String(log().suffix(4000)))")
    }

    // MARK: Helpers

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `mlcert` in the directory of the running test bundle (.build/<triple>/debug), else in .build/debug.
    static var serverBinary: URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("mlcert"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/mlcert"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
    }

    /// A port the kernel reports free right now (bind to port 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BrowserTestError.socket }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BrowserTestError.socket }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls /health with curl on a thread of its own. The wait must not depend on Swift's cooperative pool: on a
    /// two-core machine the other suites' long computations can hold both of its threads for minutes, and a wait
    /// polled there (URLSession's async API, `Task.sleep`) then timed out although the server was up.
    static func waitForHealth(base: String, server: Process, timeout: TimeInterval) async -> Bool {
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline, server.isRunning {
                    let curl = Process()
                    curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    curl.arguments = ["curl", "-sf", "-o", "/dev/null", "--max-time", "5", base + "/health"]
                    if (try? curl.run()) != nil {
                        curl.waitUntilExit()
                        if curl.terminationStatus == 0 {
                            continuation.resume(returning: true)
                            return
                        }
                    }
                    Thread.sleep(forTimeInterval: 0.25)
                }
                continuation.resume(returning: false)
            }
        }
    }

    /// Runs a command to completion (killed after `timeout`), returning its exit status and combined output.
    static func run(_ command: [String], timeout: TimeInterval) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-flow-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, Date() >= deadline ? output + "\n(killed after \(Int(timeout)) s)" : output)
    }

    enum BrowserTestError: Error { case socket }
}
