import Foundation
#if Postgres
import MLCertPostgresTesting
#endif
import Testing

/// The calibration loop through the real service: `mlcert serve --recalibrate-interval` on a fresh SQLite file (and, in
/// a build with the `Postgres` trait, on a fresh PostgreSQL schema), and
/// `mlcert simulate api` learners practising over its JSON API. Every link is checked from what the server shows:
/// answers stored (/metrics), a parameter set saved and in use (/metrics and each learner's readiness), readiness
/// changed by it (the simulation's report), and no request answered with a 5xx.
@Suite("Simulated learners over the JSON API of a real mlcert serve", .serialized)
struct APISimulationTests {
    static let credential = "azure-ai-103"
    static let learners = 4

    /// Checked by turning the recalibration service off (`ServeCommand` not adding `RecalibrationService`): no set
    /// appeared, `simulate api` exited 2 after its wait and this test failed; and by making practice ignore the saved
    /// sets (`PracticeService.parameters` returning the writers' estimates): the server still saved set 8, but every
    /// learner's readiness stayed on set 0 with no probability changed, and this test failed on both.
    @Test("answers → recalibration in the server → parameter set in use → changed readiness, with no 5xx", .timeLimit(.minutes(10)),
          arguments: StoreKind.allCases.filter { $0 != .memory })
    func loopThroughTheService(store: StoreKind) async throws {
        let database: String?
        switch store {
        case .memory, .sqlite: database = nil
        #if Postgres
        case .postgres: database = try PostgresTestDatabase.freshURLText()
        #endif
        }
        let token = "metrics-\(UUID().uuidString)"
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-apisim-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logFile) }
        let log = try FileHandle(forWritingTo: logFile)
        // Three answers per item is far too few for a real bank (the default is 50) but enough to see every link at
        // this scale; a one-second interval keeps the wait short.
        let (server, url, _) = try GracefulShutdownTests.serve(
            extra: ["--recalibrate-interval", "1", "--min-responses", "3", "--metrics-token", token, "--bcrypt-cost", "4", "--trust-forwarded-for"], log: log,
            database: database)
        defer {
            if server.isRunning { server.terminate() }
            server.waitUntilExit()
        }
        func serverLog() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

        let (status, output, errors) = try await Self.run(["simulate", "api", "--url", url, "--cert", Self.credential, "--learners", "\(Self.learners)",
            "--concurrency", "2", "--seed", "5", "--settle", "4", "--wait-for-calibration", "120", "--metrics-token", token, "--format", "json",
            "--content", contentDirectory], deadline: .seconds(480))
        try #require(status == 0, "simulate api exited \(status)\n\(output)\n\(errors.suffix(3000))\nserver log:\n\(serverLog().suffix(3000))")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        func int(_ key: String) -> Int { report[key] as? Int ?? -1 }

        // Answers went in and no request failed on the server's side.
        #expect(int("requests") > Self.learners * 20, "\(report)")
        #expect(int("answers_recorded") > Self.learners * 20, "\(report)")
        #expect(int("server_errors") == 0, "\(report)")
        // A parameter set was saved on everyone's answers, calibrates some items and stayed the newest.
        let set = int("calibrated_set")
        #expect(set >= 1, "\(report)")
        #expect(report["settled"] as? Bool == true, "\(report)")
        #expect(int("calibration_learners") == Self.learners, "\(report)")
        #expect(int("calibrated_items") > 0 && int("calibrated_items") <= int("bank_items"), "\(report)")
        // Every learner's readiness used that set afterwards, and it changed their probability of passing.
        let after = try #require((report["after_calibration"] as? [String: Any])?["parameter_set_versions"] as? [String: Int], "\(report)")
        #expect(after == ["\(set)": Self.learners], "\(report)")
        #expect(int("probability_changed") > 0, "\(report)")

        // The same from the server itself, read here rather than through the simulation.
        let metrics = try Self.scrape(url + "/metrics", token: token)
        #expect(metrics.contains("mlcert_parameter_set_version{credential=\"\(Self.credential)\"} \(set)\n"), "\(metrics.suffix(2000))")
        #expect(!metrics.contains("status=\"5xx\""), "\(metrics)")
        let rounds = serverLog().split(separator: "\n").filter {
            $0.contains("mlcert.recalibration:") && $0.contains(" credential=\(Self.credential) ") && $0.hasSuffix(" recalibrated")
        }
        #expect(rounds.count >= 1, "\(serverLog().suffix(3000))")

        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    /// Runs `mlcert` with `arguments` and returns its exit status, standard output and standard error; terminates it
    /// (and fails) past `deadline`.
    static func run(_ arguments: [String], deadline: Duration) async throws -> (Int32, String, String) {
        let directory = FileManager.default.temporaryDirectory
        let out = directory.appendingPathComponent("mlcert-apisim-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("mlcert-apisim-\(UUID().uuidString).err")
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer { for file in [out, err] { try? FileManager.default.removeItem(at: file) } }
        let process = Process()
        process.executableURL = try mlcertExecutable()
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while process.isRunning && clock.now < end { try await Task.sleep(for: .milliseconds(200)) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TestFailure("mlcert \(arguments.prefix(2).joined(separator: " ")) still running after \(deadline): \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        }
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// `/metrics` with the token, through curl.
    static func scrape(_ url: String, token: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sf", "-H", "Authorization: Bearer \(token)", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("curl \(url) exited \(process.terminationStatus)") }
        return text
    }
}
