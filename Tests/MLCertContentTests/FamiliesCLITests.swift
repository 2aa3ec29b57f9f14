import Foundation
import Testing

/// The computed families from the command line: listing, rendering one instance, exporting instances with the bank.
@Suite("mlcert content families, generate and export with instances, end to end")
struct FamiliesCLITests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func familiesListsAtLeastSixteenWithTheirTargets() throws {
        let out = try CLI.run(["content", "families", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let families = try #require(try Self.json(out.stdout) as? [[String: Any]])
        #expect(families.count >= 16)
        var credentials = Set<String>()
        for family in families {
            let targets = try #require(family["targets"] as? [[String: Any]], "\(family["id"] ?? "?") has no targets")
            #expect(!targets.isEmpty)
            for target in targets {
                let credential = try #require(target["credential"] as? String)
                #expect((target["objective"] as? String)?.isEmpty == false)
                credentials.insert(credential)
            }
        }
        #expect(credentials.isSuperset(of: ["google-pmle", "aws-mla-c01", "azure-ai-103", "azure-ai-300", "databricks-ml-professional"]))
    }

    @Test func generateIsReproducibleAndShowsItsWorking() throws {
        let first = try CLI.run(["content", "generate", "--family", "psi-drift", "--seed", "17", "--format", "json"])
        let again = try CLI.run(["content", "generate", "--family", "psi-drift", "--seed", "17", "--format", "json"])
        let other = try CLI.run(["content", "generate", "--family", "psi-drift", "--seed", "18", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == again.stdout)
        #expect(first.stdout != other.stdout)
        let rendered = try #require(try Self.json(first.stdout) as? [String: Any])
        #expect((rendered["key"] as? [String])?.count == 1)
        #expect(((rendered["working"] as? [String]) ?? []).count >= 2)
        let unknown = try CLI.run(["content", "generate", "--family", "no-such-family", "--seed", "1"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no-such-family"))
    }

    @Test func exportCarriesTheChosenNumberOfInstancesPerFamily() throws {
        let list = try CLI.run(["content", "families", "--cert", "google-pmle", "--format", "json"])
        let families = try #require(try Self.json(list.stdout) as? [[String: Any]])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-export-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try CLI.run(["content", "export", "--format", "jsonl", "--cert", "google-pmle", "--instances-per-family", "3", "-o", file.path])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let generated = lines.filter { $0.contains("\"gen-") }
        #expect(generated.count == 3 * families.count, "\(generated.count) generated lines for \(families.count) families")
        let tooMany = try CLI.run(["content", "export", "--format", "jsonl", "--instances-per-family", "5000", "-o", file.path])
        #expect(tooMany.status != 0 && tooMany.stderr.contains("--instances-per-family"))
    }
}
