import Foundation
import MLCertContent
import MLCertCore
import MLCertInterchange
import Testing

@Suite("Round trips: export, import, compare")
struct RoundTripTests {
    static let lossyFormats: [InterchangeFormat] = [.gift, .moodle, .qti21, .qti30, .csv, .tsv]

    func roundTrip(_ items: [Item], _ format: InterchangeFormat) throws -> ImportResult {
        let data = try ItemExporter(exportedAt: fixedExportTime).export(items, as: format)
        var result = try ItemImporter.read(data, as: format, file: "bank.\(format.fileExtension)")
        for i in result.items.indices {
            result.items[i] = ImportDefaults().apply(to: result.items[i], catalog: realBank.catalog)
        }
        return result
    }

    @Test func jsonLinesKeepsEveryFieldOfTheRealBank() throws {
        let items = realBank.items + [awkwardItem]
        let back = try roundTrip(items, .jsonl)
        #expect(back.skipped.isEmpty)
        #expect(back.items.compactMap(\.draft.item) == items)
        #expect(back.items.allSatisfy { $0.notes.isEmpty })
    }

    /// Every format but JSON Lines drops the provenance (review records, origin, references, the day the item was
    /// added, a retirement); everything else comes back equal, for every
    /// item of the real bank and for the item full of characters that need escaping.
    @Test(arguments: lossyFormats)
    func everyFieldTheFormatHoldsSurvives(format: InterchangeFormat) throws {
        let items = realBank.items + [awkwardItem]
        let back = try roundTrip(items, format)
        #expect(back.skipped.isEmpty, "\(back.skipped)")
        #expect(back.items.count == items.count)
        var mismatches = 0
        for (original, imported) in zip(items, back.items) {
            #expect(imported.notes.isEmpty, "\(original.id): \(imported.notes)")
            let item = try #require(imported.draft.item, "\(original.id) came back incomplete: \(imported.draft)")
            if item != original.withoutProvenance {
                mismatches += 1
                if mismatches <= 3 { Issue.record("\(format) changed \(original.id):\n\(item)\nexpected\n\(original.withoutProvenance)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func importedYAMLLoadsBackAsTheSameItems() throws {
        let items = Array(realBank.items.prefix(40)) + [awkwardItem]
        let back = try roundTrip(items, .jsonl)
        let files = try ImportedYAML.files(for: back.items)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-yaml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("catalog"), withDestinationURL: repositoryContent.appendingPathComponent("catalog"))
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
        }
        let (loaded, problems) = ContentLoader(root: root).load()
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(Set(loaded.items) == Set(items))
    }

    @Test func exportsAreRepeatable() throws {
        let items = Array(realBank.items.prefix(30))
        for format in InterchangeFormat.allCases where format != .anki {
            let a = try ItemExporter(exportedAt: fixedExportTime).export(items, as: format)
            let b = try ItemExporter(exportedAt: fixedExportTime).export(items, as: format)
            #expect(a == b, "\(format) differs between two exports")
        }
    }
}
