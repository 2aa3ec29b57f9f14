import Foundation
import MLCertCore
import MLCertInterchange
import Testing

@Suite("mlcert content export and import, end to end")
struct InterchangeCLITests {
    @Test func exportThenImportJSONLinesWritesLintCleanYAML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mla.jsonl").path
        let export = try runCLI(["content", "export", "--format", "jsonl", "--cert", "aws-mla-c01", "--domain", "data-preparation", "-o", file, "--content", repositoryContent.path])
        #expect(export.status == 0, "\(export.stderr)")
        let count = realBank.items.filter { $0.credential == "aws-mla-c01" && $0.domain == "data-preparation" }.count
        #expect(export.stdout.contains("wrote \(count) items"))

        let out = dir.appendingPathComponent("imported").path
        let imported = try runCLI(["content", "import", "--format", "jsonl", file, "-o", out, "--content", repositoryContent.path])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("imported \(count) item(s)"))
        #expect(imported.stdout.contains("lint: 0 error(s)"))
        // Every id is already in the bank, and the report says so item by item.
        #expect(imported.stdout.components(separatedBy: "is already used by an item in the bank").count == count + 1)
        let yaml = try String(contentsOfFile: out + "/items/aws-mla-c01/data-preparation.yaml", encoding: .utf8)
        #expect(yaml.hasPrefix("items:"))

        let again = try runCLI(["content", "import", "--format", "jsonl", file, "-o", out, "--content", repositoryContent.path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("exists; choose another -o directory"))
    }

    @Test func importedGIFTIsHeldToTheBanksRules() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("teacher.gift")
        try """
            ::t1::A retailer's nightly batch job scores 2 million customers with a gradient-boosted model.\\n\\nWhich store should hold the scores for the web app?{
              =A key-value store keyed by customer id#Point reads at low latency.
              ~A data warehouse table#Analytical scans, not point reads.
              ~A CSV file in object storage#No indexed lookups.
            }
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("imported").path
        let result = try runCLI(["content", "import", "--format", "gift", file.path, "--cert", "aws-mla-c01", "--domain", "data-preparation",
            "--objective", "1.1", "--skill-area", "data_preparation", "--difficulty", "easy", "--checked", "2026-11-22", "-o", out,
            "--content", repositoryContent.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("objective not in the source; set to '1.1' from the command line"))
        #expect(result.stdout.contains("blueprint not in the source; set to '2026-09' (the credential's current guide)"))
        #expect(result.stdout.contains("missing explanation, tags"))
        // Three options (the bank wants 4 to 6), no tags, no explanation, no review: each named at its file and line.
        let yamlFile = "\(out)/items/aws-mla-c01/data-preparation.yaml"
        #expect(result.stdout.contains("\(yamlFile):13: error: items[0].options: has 3 options; expected 4 to 6 [items.option-count]"), "\(result.stdout)")
        #expect(result.stdout.contains("explanation is empty or too short [items.rationales]"))
        #expect(result.stdout.contains("at least one concept tag is required [items.rationales]"))
        #expect(result.stdout.contains("no review record"))
    }
}
