import Foundation
import Testing

/// Runs the built `mlcert` executable, which `swift test` builds next to the test bundle.
struct CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        var dir = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("mlcert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("mlcert")
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Drain standard error on another thread while standard output is read here: a child that fills one pipe while
        // the parent waits on the other would block forever (a lint run with hundreds of problems does).
        let stderrBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        let stderrData = stderrBox.data
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// Holds what the background reader collected; the semaphore orders its write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

@Suite("mlcert catalog and content lint, end to end")
struct CatalogCLITests {
    static let ids = [
        "google-pmle", "aws-mls-c01", "aws-mla-c01", "azure-ai-102", "azure-ai-103", "azure-ai-300", "azure-dp-100",
        "databricks-ml-professional", "databricks-ml-associate", "coursera-professional-certificate", "edx-professional-certificate",
    ]

    @Test func catalogListsEveryCredentialInTableAndJSON() throws {
        let table = try CLI.run(["catalog", "--content", repositoryContent.path])
        #expect(table.status == 0, "\(table.stderr)")
        for id in Self.ids { #expect(table.stdout.contains(id)) }
        #expect(table.stdout.contains("retired 2026-03-31 -> aws-mla-c01"))

        let json = try CLI.run(["catalog", "--format", "json", "--content", repositoryContent.path])
        #expect(json.status == 0)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["id"] as? String }) == Set(Self.ids))
        let mls = try #require(rows.first { $0["id"] as? String == "aws-mls-c01" })
        #expect(mls["status"] as? String == "retired")
        #expect(mls["successor"] as? String == "aws-mla-c01")
        #expect(mls["retired_on"] as? String == "2026-03-31")
        // The exam code follows the guide in force, not the catalog id (which names the credential).
        let mla = try #require(rows.first { $0["id"] as? String == "aws-mla-c01" })
        #expect(mla["exam_code"] as? String == "MLA-C02")
        #expect(mla["current_blueprint"] as? String == "2026-09")
        let dp100 = try #require(rows.first { $0["id"] as? String == "azure-dp-100" })
        #expect(dp100["successor"] as? String == "azure-ai-300")
    }

    @Test func showGivesTheExamCodeInForceAndTheBetaForm() throws {
        let text = try CLI.run(["catalog", "show", "aws-mla-c01", "--content", repositoryContent.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Exam code: MLA-C02"))
        #expect(text.stdout.contains("BLUEPRINT 2026-09 (CURRENT) [exam MLA-C02]"))
        #expect(text.stdout.contains("BLUEPRINT 2024-10 [exam MLA-C01]"))
        #expect(text.stdout.contains("in force 2024-10-08 to 2026-09-28"))
        #expect(text.stdout.contains("OTHER FORM beta [exam ME1-C02]"))
        #expect(text.stdout.contains("170 minutes"))
        #expect(text.stdout.contains("85"))
        let json = try CLI.run(["catalog", "show", "aws-mla-c01", "--format", "json", "--content", repositoryContent.path])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["exam_code_in_force"] as? String == "MLA-C02")
        let ids = (object["sources"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains("aws-mla-c02-comparison"))
    }

    @Test(arguments: ids)
    func showWorksForEveryCredential(id: String) throws {
        let text = try CLI.run(["catalog", "show", id, "--content", repositoryContent.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("[\(id)]"))
        #expect(text.stdout.contains("SOURCES"))
        let json = try CLI.run(["catalog", "show", id, "--format", "json", "--content", repositoryContent.path])
        #expect(json.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let credential = try #require(object["credential"] as? [String: Any])
        #expect(credential["id"] as? String == id)
        #expect((object["sources"] as? [Any])?.isEmpty == false)
    }

    @Test func showDrawsWeightBarsAndShowsConflicts() throws {
        let pmle = try CLI.run(["catalog", "show", "google-pmle", "--content", repositoryContent.path])
        #expect(pmle.stdout.contains("BLUEPRINT 2026-06 (CURRENT)"))
        #expect(pmle.stdout.contains("█"))
        #expect(pmle.stdout.contains("SOURCES DISAGREE"))
        let mls = try CLI.run(["catalog", "show", "aws-mls-c01", "--content", repositoryContent.path])
        #expect(mls.stdout.contains("RETIRED on 2026-03-31"))
        #expect(mls.stdout.contains("[aws-mla-c01] instead"))
    }

    @Test func lintFlagsStaleContentAsWarningsWithAConfigurableAge() throws {
        let minimal = minimalFixture.path
        let stale = try CLI.run(["content", "lint", "--content", minimal, "--today", "2027-06-01"])
        #expect(stale.status == 0, "stale content is a warning, not an error: \(stale.stdout)")
        #expect(stale.stdout.contains("[content.stale]"))
        #expect(stale.stdout.contains("more than 180"))
        let longer = try CLI.run(["content", "lint", "--content", minimal, "--today", "2027-06-01", "--max-age-days", "400"])
        #expect(!longer.stdout.contains("[content.stale]"), "\(longer.stdout)")
        let setting = try CLI.run(["content", "lint", "--content", minimal, "--today", "2027-06-01"], environment: ["MLCERT_MAX_AGE_DAYS": "400"])
        #expect(!setting.stdout.contains("[content.stale]"), "\(setting.stdout)")
        let flagWins = try CLI.run(["content", "lint", "--content", minimal, "--today", "2027-06-01", "--max-age-days", "30"], environment: ["MLCERT_MAX_AGE_DAYS": "400"])
        #expect(flagWins.stdout.contains("more than 30"))
        let bad = try CLI.run(["content", "lint", "--content", minimal], environment: ["MLCERT_MAX_AGE_DAYS": "half a year"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("MLCERT_MAX_AGE_DAYS: expected a whole number of days, found 'half a year'"))
        let rules = try CLI.run(["content", "lint", "--rules"])
        for id in ["content.stale", "names.retired", "items.unavailable-service", "items.current-guide", "catalog.renames"] {
            #expect(rules.stdout.contains(id))
        }
    }

    @Test func unknownIDSuggestsTheClosest() throws {
        let result = try CLI.run(["catalog", "show", "google-pml", "--content", repositoryContent.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("did you mean 'google-pmle'"))
    }

    @Test func lintPassesOnRealContentAndFailsOnEachBrokenFixture() throws {
        let ok = try CLI.run(["content", "lint", "--content", repositoryContent.path])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("0 error(s)"))
        for fixture in CatalogRuleTests.broken {
            let root = try fixture.materialize()
            defer { try? FileManager.default.removeItem(at: root) }
            let result = try CLI.run(["content", "lint", "--content", root.path])
            #expect(result.status == 1, "\(fixture.name) passed lint")
            #expect(result.stdout.contains("[\(fixture.rule)]"), "\(fixture.name): \(result.stdout)")
        }
    }
}
