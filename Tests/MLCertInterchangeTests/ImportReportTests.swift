import Foundation
import MLCertContent
import MLCertCore
import MLCertInterchange
import Testing

/// What cannot be represented is reported item by item, and bad input fails with its file and line.
@Suite("Import reports")
struct ImportReportTests {
    @Test func giftQuestionsThatAreNotChoiceItemsAreSkippedWithAReason() throws {
        let gift = """
            // a file from a teacher
            $CATEGORY: $course$/top/Course/Week 1

            ::essay::Describe drift monitoring.{}

            ::tf::Batch inference needs a GPU.{FALSE}

            ::num::How many folds?{#5}

            ::match::Match.{ =a -> b =c -> d =e -> f }

            ::short::Name the metric.{=AUC =ROC AUC}

            ::blank::The metric {=AUC ~accuracy} is threshold-free.

            ::mc::[html]<p>Scenario here <img src="x.png">.</p><p>Which one?</p>{
              ~%50%Half right#partly
              =Right#yes
              ~Wrong#no
            }
            """
        let result = GIFTReader.read(gift, file: "t.gift")
        #expect(result.skipped.map(\.source) == ["t.gift:4", "t.gift:6", "t.gift:8", "t.gift:10", "t.gift:12", "t.gift:14"])
        #expect(result.skipped.map(\.reason).joined(separator: "|").contains("essay"))
        #expect(result.skipped[1].reason.contains("true/false"))
        #expect(result.skipped[2].reason.contains("numeric"))
        #expect(result.skipped[3].reason.contains("matching"))
        #expect(result.skipped[4].reason.contains("short-answer"))
        #expect(result.skipped[5].reason.contains("missing-word"))
        let item = try #require(result.items.first)
        #expect(item.source == "t.gift:16")
        #expect(item.draft.id == "mc")
        #expect(item.draft.domain == "Week 1")
        #expect(item.draft.scenario == "Scenario here .")
        #expect(item.draft.question == "Which one?")
        #expect(item.notes.contains { $0.contains("media dropped") && $0.contains("x.png") })
        #expect(item.notes.contains { $0.contains("partial-credit") })
        let completed = ImportDefaults().apply(to: item, catalog: realBank.catalog)
        #expect(item.draft.credential == "Course")
        #expect(completed.notes.contains { $0.hasPrefix("missing blueprint, objective, skill_area, difficulty, explanation, last_checked, tags") }, "\(completed.notes)")
    }

    @Test func moodleReportsOtherTypesAndPartialCredit() throws {
        let xml = """
            <?xml version="1.0"?>
            <quiz>
              <question type="truefalse"><name><text>tf1</text></name></question>
              <question type="multichoice">
                <name><text>q1</text></name>
                <questiontext format="html"><text><![CDATA[<p>Pick one.</p>]]></text></questiontext>
                <single>true</single>
                <answer fraction="100"><text>A</text></answer>
                <answer fraction="50"><text>B</text></answer>
                <answer fraction="0"><text>C</text></answer>
                <hint><text>think</text></hint>
              </question>
            </quiz>
            """
        let result = try MoodleXMLReader.read(Data(xml.utf8), file: "m.xml")
        #expect(result.skipped.count == 1)
        #expect(result.skipped[0].source == "m.xml:3")
        #expect(result.skipped[0].reason.contains("truefalse"))
        let item = try #require(result.items.first)
        #expect(item.notes.contains { $0.contains("partial credit") })
        #expect(item.notes.contains { $0.contains("hint") })
    }

    @Test func badInputNamesFileAndLine() throws {
        #expect(throws: InterchangeError("bad.csv:3", "expected 4 fields as in the header, found 2")) {
            try DelimitedTextFormat.csv.read("question,option_a,option_b,key\nQ?,a,b,A\nonly,two\n", file: "bad.csv")
        }
        #expect(throws: InterchangeError("bad.csv:2", "key: 'Z' is not an option letter A to F")) {
            try DelimitedTextFormat.csv.read("question,option_a,option_b,key\nQ?,a,b,Z\n", file: "bad.csv")
        }
        let jsonl = try JSONLinesFormat.write([awkwardItem]) + "{\"id\": \"x\"}\n"
        #expect(throws: InterchangeError.self) { try JSONLinesFormat.read(jsonl, file: "b.jsonl") }
        do {
            _ = try JSONLinesFormat.read(jsonl, file: "b.jsonl")
        } catch {
            #expect(error.location == "b.jsonl:2")
            #expect(error.message.contains("missing required field"))
        }
        #expect(throws: InterchangeError.self) { try MoodleXMLReader.read(Data("<quiz><question>".utf8), file: "x.xml") }
    }

    @Test func csvQuotingHoldsDelimitersQuotesAndLineBreaks() throws {
        let csv = try DelimitedTextFormat.csv.write([awkwardItem])
        #expect(csv.contains("\"First line: the principle.\nSecond line: 50% of 4 = 2, so {2} options.\""))
        #expect(csv.contains("\"Disable logging: it's \"\"noise\"\"\""))
    }
}
