import Foundation
import MLCertPractice
import MLCertSQLite
import MLCertStudies
import Testing

/// The calibration loop through the commands a maintainer runs on a SQLite learner database: `responses export`,
/// `calibrate --database --cert --apply`, `content item-report`, then `progress` for one learner. Each expectation
/// fails if its command stops doing its part (no first attempts exported, personal ids leaking, no set saved, the
/// saved set not the one in use, no item statistics).
@Suite("The calibration commands, end to end")
struct CalibrationCommandTests {
    /// The `mlcert` executable built next to the test runner.
    static var executable: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mlcert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/mlcert")
    }

    static var contentPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Content").path
    }

    /// Runs `mlcert` with `arguments`; returns the exit status and standard output (standard error goes to a file so
    /// that neither pipe can fill).
    static func mlcert(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--content", contentPath]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    @Test("responses export → calibrate --apply → item-report → progress uses the new set")
    func commands() async throws {
        let credential = "aws-mla-c01"
        let bank = try studyBank(credential)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-calibrate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("learners.sqlite").path
        let learners = CalibrationLoopTests.learners.prefix(60)
        do {
            let store = try SQLiteLearnerStore(path: database)
            let cohort = SimulatedCohort(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items, seed: 5)
            try await CalibrationLoopTests.record(learners, cohort: cohort, into: store)
        }

        let csv = dir.appendingPathComponent("responses.csv").path
        let export = try Self.mlcert(["responses", "export", "--database", database, "--cert", credential, "-o", csv])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "person,item,correct")
        #expect(rows.count > 2_500, "\(rows.count - 1) first attempts exported")
        #expect(Set(rows.dropFirst().map { $0.split(separator: ",")[0] }).count == 60)
        #expect(!rows.contains { row in learners.contains { row.hasPrefix($0.id + ",") } }, "learner ids must not leave the store")

        let calibrate = try Self.mlcert(["calibrate", "--database", database, "--cert", credential, "--apply", "--min-responses", "15", "--format", "json"])
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        let set = try #require(try JSONSerialization.jsonObject(with: Data(calibrate.stdout.utf8)) as? [String: Any])
        #expect(set["saved"] as? Bool == true && set["version"] as? Int == 1 && set["learners"] as? Int == 60)
        let inUse = try #require(set["items_in_use"] as? Int)
        #expect(inUse > bank.items.count / 2, "\(inUse) items in use")
        let stored = try await SQLiteLearnerStore(path: database).newestParameterSet(credentialID: credential)
        #expect(stored?.version == 1 && stored?.itemsInUse == inUse)

        let report = try Self.mlcert(["content", "item-report", "--database", database, "--cert", credential, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8))
        let itemReport = try #require((parsed as? [String: Any]) ?? (parsed as? [[String: Any]])?.first)
        #expect(itemReport["learners"] as? Int == 60 && itemReport["parameter_set"] as? Int == 1)
        #expect(((itemReport["items"] as? [Any])?.count ?? 0) > bank.items.count / 2)

        let progress = try Self.mlcert(["progress", "--cert", credential, "--database", database, "--learner", learners.first!.id, "--format", "json"])
        #expect(progress.status == 0, "\(progress.stderr)")
        let readiness = try #require((try JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [String: Any])?["readiness"] as? [String: Any])
        let parameters = try #require(readiness["parameters"] as? [String: Any])
        #expect(parameters["set_version"] as? Int == 1 && parameters["calibrated_items"] as? Int == inUse)
    }
}
