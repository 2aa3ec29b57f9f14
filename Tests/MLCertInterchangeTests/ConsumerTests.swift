import Foundation
import MLCertContent
import MLCertCore
import MLCertInterchange
import Testing

/// Each export read back by a program mlcert did not write: PyPI's GIFT parser, Moodle-XML parser, QTI converter and
/// the Anki library, lxml, and Python's csv, json and sqlite3 modules (all installed by scripts/test).
@Suite("Exports read by independent consumers")
struct ConsumerTests {
    static let items = realBank.items + [awkwardItem]

    func export(_ format: InterchangeFormat, _ items: [Item] = ConsumerTests.items) throws -> URL {
        try temporaryFile(try ItemExporter(exportedAt: fixedExportTime).export(items, as: format), name: "bank.\(format == .anki ? "apkg" : format.fileExtension)")
    }

    func stem(_ item: Item) -> String { [item.scenario, item.question].filter { !$0.isEmpty }.joined(separator: "\n\n") }

    @Test func pygiftparserReadsEveryQuestionOfTheGIFTExport() throws {
        let questions = try #require(try runReader("gift_reader.py", [try export(.gift).path]) as? [[String: Any]])
        #expect(questions.count == Self.items.count)
        for (item, q) in zip(Self.items, questions) {
            #expect(q["valid"] as? Bool == true, "\(item.id)")
            #expect(q["title"] as? String == item.id)
            #expect(q["markup"] as? String == "html")
            #expect(q["kind"] as? String == (item.type == .single ? "SelectSet" : "MultipleChoicesSet"), "\(item.id)")
            #expect(q["stem"] as? String == stem(item), "\(item.id)")
            #expect(q["options"] as? [String] == item.options.map(\.text), "\(item.id)")
            #expect(q["feedback"] as? [String] == item.options.map(\.rationale), "\(item.id)")
            #expect(q["correct"] as? [Bool] == item.options.map(\.correct), "\(item.id)")
            #expect(q["general_feedback"] as? String == item.explanation, "\(item.id)")
        }
    }

    @Test func moodleXMLHasMoodlesShapeAndParsesBack() throws {
        let report = try #require(try runReader("moodle_reader.py", [try export(.moodle).path]) as? [String: Any])
        #expect((report["problems"] as? [String])?.isEmpty == true, "\(report["problems"] ?? "")")
        let questions = try #require(report["questions"] as? [[String: Any]])
        let library = try #require(report["library"] as? [[String: Any]])
        #expect(questions.count == Self.items.count)
        #expect(library.count == Self.items.count)
        for (item, q) in zip(Self.items, questions) {
            #expect(q["name"] as? String == item.id)
            #expect(q["idnumber"] as? String == item.id)
            #expect(q["category"] as? String == "$course$/top/mlcert/\(item.credential)/\(item.domain)")
            #expect(q["single"] as? Bool == (item.type == .single))
            #expect(q["stem"] as? String == stem(item), "\(item.id)")
            #expect(q["options"] as? [String] == item.options.map(\.text), "\(item.id)")
            #expect(q["feedback"] as? [String] == item.options.map(\.rationale), "\(item.id)")
            #expect(q["general_feedback"] as? String == item.explanation, "\(item.id)")
            #expect(q["tags"] as? [String] == item.tags)
            let fractions = try #require(q["fractions"] as? [Double])
            #expect(fractions.map { $0 > 0 } == item.options.map(\.correct), "\(item.id)")
        }
        for (item, parsed) in zip(Self.items, library) {
            #expect(parsed["name"] as? String == item.id)
            #expect((parsed["fractions"] as? [Double])?.map { $0 > 0 } == item.options.map(\.correct))
        }
    }

    @Test func qtiPackagesPassStructureChecksAndTheIndependentConverterAgrees() throws {
        let report = try #require(try runReader("qti_reader.py", [try export(.qti21).path, try export(.qti30).path]) as? [String: Any])
        #expect((report["problems"] as? [String])?.isEmpty == true, "\((report["problems"] as? [String])?.prefix(5) ?? [])")
        let items = try #require(report["items"] as? [String: [String: Any]])
        #expect(items.count == Self.items.count)
        let ids = Set(Self.items.map(\.id))
        #expect(Set(report["same_as_30"] as? [String] ?? []) == ids, "the 2.1 and 3.0 exports must say the same")
        #expect(Set(report["upgrade_matches_30"] as? [String] ?? []) == ids, "citolab's upgrade of the 2.1 package must match the 3.0 export")
        #expect(Set(report["downgrade_matches_21"] as? [String] ?? []) == ids, "citolab's downgrade of the 3.0 package must match the 2.1 export")
        for item in Self.items {
            let q = try #require(items[item.id])
            #expect(q["cardinality"] as? String == (item.type == .single ? "single" : "multiple"))
            #expect(q["max_choices"] as? Int == item.choose)
            #expect(q["correct"] as? [String] == item.keyLetters)
            #expect(q["choices"] as? [String] == item.options.map(\.text), "\(item.id)")
            #expect(q["feedback"] as? [String] == item.options.map(\.rationale), "\(item.id)")
            #expect(q["prompt"] as? String == item.question)
            #expect(q["scenario"] as? String == item.scenario, "\(item.id)")
            #expect(q["explanation"] as? String == item.explanation, "\(item.id)")
        }
    }

    @Test func ankiOpensThePackageAndSQLiteShowsEveryNote() throws {
        let report = try #require(try runReader("anki_reader.py", [try export(.anki).path]) as? [String: Any])
        #expect((report["problems"] as? [String])?.isEmpty == true, "\(report["problems"] ?? "")")
        #expect(report["version"] as? Int == 11)
        let notes = try #require(report["notes"] as? [[String: Any]])
        #expect(notes.count == Self.items.count)
        let byGUID = Dictionary(uniqueKeysWithValues: notes.map { ($0["guid"] as? String ?? "", $0) })
        for item in Self.items {
            let note = try #require(byGUID["mlcert:\(item.id)"])
            let fields = try #require(note["fields"] as? [String: String])
            #expect(fields["ID"] == HTMLText.escape(item.id))
            #expect(fields["Scenario"] == HTMLText.escape(item.scenario))
            #expect(fields["Question"] == HTMLText.escape(item.question))
            #expect(fields["Explanation"] == HTMLText.escape(item.explanation))
            #expect(fields["Options"]?.components(separatedBy: "<li>").count == item.options.count + 1)
            #expect(item.keyLetters.allSatisfy { fields["Answer"]?.contains("<b>\($0)</b>") == true })
            #expect(note["decks"] as? [String] == ["mlcert::\(item.credential)::\(item.domain)"])
            let tags = try #require(note["tags"] as? [String])
            #expect(tags.contains("mlcert::\(item.credential)::objective::\(item.objective)"))
            #expect(Set(item.tags.map { $0.replacingOccurrences(of: " ", with: "_") }).isSubset(of: tags))
        }
        let anki = try #require(report["anki"] as? [String: Any])
        #expect(anki["new"] as? Int == Self.items.count, "the Anki library must add every note: \(anki)")
        #expect(anki["cards"] as? Int == Self.items.count)
        #expect(anki["renders_question"] as? Bool == true)
        let decks = Set(anki["decks"] as? [String] ?? [])
        #expect(Set(Self.items.map { "mlcert::\($0.credential)::\($0.domain)" }).isSubset(of: decks))
    }

    @Test(arguments: [InterchangeFormat.csv, .tsv])
    func pythonsCSVModuleReadsEveryRow(format: InterchangeFormat) throws {
        let rows = try #require(try runReader("delimited_reader.py", [try export(format).path, format == .csv ? "comma" : "tab"]) as? [[String: String]])
        #expect(rows.count == Self.items.count)
        for (item, row) in zip(Self.items, rows) {
            #expect(row["id"] == item.id)
            #expect(row["scenario"] == item.scenario)
            #expect(row["question"] == item.question)
            #expect(row["explanation"] == item.explanation, "\(item.id)")
            #expect(row["key"] == item.keyLetters.joined(separator: ","))
            for (index, option) in item.options.enumerated() {
                let letter = ItemOption.letter(for: index).lowercased()
                #expect(row["option_\(letter)"] == option.text)
                #expect(row["rationale_\(letter)"] == option.rationale)
            }
        }
    }

    @Test func pythonsJSONModuleReadsEveryLine() throws {
        let objects = try #require(try runReader("jsonl_reader.py", [try export(.jsonl).path]) as? [[String: Any]])
        #expect(objects.count == Self.items.count)
        for (item, object) in zip(Self.items, objects) {
            #expect(object["id"] as? String == item.id)
            #expect(object["skill_area"] as? String == item.skillArea.rawValue)
            #expect((object["options"] as? [[String: Any]])?.map { $0["text"] as? String } == item.options.map(\.text))
            #expect(((object["review"] as? [String: Any])?["reviewer"] as? String) == item.review?.reviewer)
        }
    }
}
