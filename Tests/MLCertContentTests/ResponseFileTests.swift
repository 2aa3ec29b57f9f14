import Foundation
import MLCertContent
import Psychometrics
import Testing

/// The `person,item,correct` reader behind `mlcert calibrate --responses`: what it accepts, what it builds, and how it
/// names the line and field of bad input.
@Suite("Response file reader")
struct ResponseFileTests {
    /// The reader's result as (person id, item id, correct) triples in person-then-item order, for comparisons.
    func triples(_ file: ResponseFile) -> [String] {
        var out: [String] = []
        for p in 0..<file.data.personCount {
            for r in file.data.rowStart[p]..<file.data.rowStart[p + 1] {
                out.append("\(file.personIDs[p])|\(file.itemIDs[Int(file.data.items[r])])|\(file.data.correct[r])")
            }
        }
        return out
    }

    func problems(_ text: String) -> [ContentProblem] {
        do {
            _ = try ResponseFile(csv: text, file: "r.csv")
            return []
        } catch {
            return error.problems
        }
    }

    /// A plain file read with the simplest possible reader (split on newlines and commas), shuffled, with ids that
    /// repeat in any order: the byte reader must find the same people, items, answers and grouping.
    @Test func matchesAStraightforwardReaderOnAShuffledFile() throws {
        var rng = SeededGenerator(seed: 11)
        var rows: [String] = []
        for p in 0..<300 {
            for i in 0..<40 where rng.next() % 3 != 0 {
                rows.append("person-\(p * 7919 % 1000),item \(i),\(rng.next() % 2)")
            }
        }
        for k in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
        let text = "person,item,correct\n" + rows.joined(separator: "\n") + "\n"
        let file = try ResponseFile(csv: text, file: "r.csv")

        var expected: [String: [(item: String, value: String)]] = [:]
        var personOrder: [String] = []
        var itemOrder: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if expected[f[0]] == nil { personOrder.append(f[0]) }
            if !itemOrder.contains(f[1]) { itemOrder.append(f[1]) }
            expected[f[0], default: []].append((f[1], f[2]))
        }
        #expect(file.personIDs == personOrder)
        #expect(file.itemIDs == itemOrder)
        #expect(file.data.responseCount == rows.count)
        let reference = personOrder.flatMap { person in
            expected[person]!.sorted { itemOrder.firstIndex(of: $0.item)! < itemOrder.firstIndex(of: $1.item)! }
                .map { "\(person)|\($0.item)|\($0.value)" }
        }
        #expect(triples(file) == reference)
    }

    /// Rows already grouped by person with items in order (what exports and bench/generate.py write) give the same
    /// data as the same rows shuffled.
    @Test func orderOfRowsDoesNotChangeTheData() throws {
        let sorted = "person,item,correct\na,x,1\na,y,0\na,z,1\nb,x,0\nb,z,1\nc,y,1\n"
        let shuffled = "person,item,correct\nb,z,1\na,z,1\nc,y,1\na,x,1\nb,x,0\na,y,0\n"
        let one = try ResponseFile(csv: sorted, file: "s.csv")
        let two = try ResponseFile(csv: shuffled, file: "t.csv")
        #expect(Set(triples(one)) == Set(triples(two)))
        #expect(triples(one) == ["a|x|1", "a|y|0", "a|z|1", "b|x|0", "b|z|1", "c|y|1"])
        #expect(one.data.rowStart == [0, 3, 5, 6])
    }

    @Test(arguments: [
        // CRLF line ends, a byte-order mark, no newline at the end.
        "\u{FEFF}person,item,correct\r\np1,q1,1\r\np1,q2,0\r\np2,q1,1",
        // Columns in another order, upper-case header, an extra column, spaces around fields.
        "Item , CORRECT,person,note\n q1 ,1, p1 ,x\nq2,0,p1,\nq1, 1 ,p2,\"a, b\"\n",
        // Quoted fields: a comma and a doubled quote inside quotes, a line break inside a quoted note.
        "person,item,correct,note\n\"p1\",\"q1\",\"1\",\"line\nbreak\"\np1,\"q2\",0,\"say \"\"no\"\"\"\n\"p2\",q1,1,\n",
        // Blank lines, words for the answer in any case.
        "person,item,correct\n\np1,q1,TRUE\np1,q2,no\n\np2,q1,Yes\n",
    ])
    func acceptsTheVariantsOfCSV(text: String) throws {
        let file = try ResponseFile(csv: text, file: "v.csv")
        #expect(triples(file) == ["p1|q1|1", "p1|q2|0", "p2|q1|1"])
    }

    @Test func quotedIdsKeepTheirCommasAndQuotes() throws {
        let file = try ResponseFile(csv: "person,item,correct\n\"Smith, J\",\"say \"\"hi\"\"\",1\n", file: "q.csv")
        #expect(file.personIDs == ["Smith, J"])
        #expect(file.itemIDs == ["say \"hi\""])
    }

    @Test func badRowsNameTheirLineAndField() {
        let text = "person,item,correct\np1,q1,1\np1,q2,maybe\np2,q1\n,q3,1\np3,,0\np1,q1,0\n"
        let found = problems(text).map { "\($0.line.map(String.init) ?? "-")/\($0.field)/\($0.rule)" }
        #expect(found == ["3/correct/csv.value", "4/(row)/csv.row", "5/person/csv.value", "6/item/csv.value"])
        let message = problems(text).map(\.description).joined(separator: "\n")
        #expect(message.contains("r.csv:3"), "\(message)")
        #expect(message.contains("'maybe' is not 1/0"), "\(message)")
        #expect(message.contains("expected 3 fields, found 2"), "\(message)")
    }

    @Test func aRepeatedPairNamesBothLines() {
        let found = problems("person,item,correct\np1,q1,1\np2,q1,0\np1,q1,0\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.field == "item")
        #expect(found.first?.message.contains("already answered 'q1' on line 2") == true, "\(found)")
    }

    @Test func headerAndEmptyFilesAreRefused() {
        #expect(problems("").first?.rule == "csv.header")
        #expect(problems("p1,q1,1\n").first?.message.contains("missing person,item,correct") == true)
        #expect(problems("person,item\np1,q1\n").first?.message.contains("missing correct") == true)
        #expect(problems("person,item,correct\n").first?.field == "(rows)")
    }

    @Test func anUnclosedQuoteIsAnErrorAtTheLineItOpens() {
        let found = problems("person,item,correct\np1,q1,1\np2,\"q1,1\np3,q2,0\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.field == "item")
        #expect(found.first?.message.contains("quote") == true, "\(found)")
    }

    @Test func progressRisesToOne() throws {
        var text = "person,item,correct\n"
        for p in 0..<2000 { for i in 0..<5 { text += "p\(p),q\(i),\((p + i) % 2)\n" } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-progress.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        nonisolated(unsafe) var seen: [Double] = []
        let file = try ResponseFile(contentsOf: url.path) { seen.append($0) }
        #expect(file.data.responseCount == 10_000)
        #expect(seen.count > 10)
        #expect(seen == seen.sorted())
        #expect(seen.last == 1)
    }

    @Test func aMissingFileNamesItsPath() {
        do {
            _ = try ResponseFile(contentsOf: "/nonexistent/responses.csv")
            Issue.record("read a file that does not exist")
        } catch {
            #expect(error.problems.first?.file == "/nonexistent/responses.csv")
            #expect(error.problems.first?.rule == "csv.file")
        }
    }
}
