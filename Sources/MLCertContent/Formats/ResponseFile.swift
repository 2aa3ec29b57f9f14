import Foundation
import Psychometrics

/// Response data read from `person,item,correct` CSV: the ids as written, and the compact form the calibrator uses.
///
/// The reader works on the file's bytes (memory-mapped when read from a path): ids are interned without a `String`
/// per row, rows go straight into flat arrays sized once, and rows not already grouped by person are grouped by two
/// counting sorts. Memory is proportional to the rows: 9 bytes a row while reading (18 when the rows must be
/// regrouped), 5 kept, besides the mapped file.
public struct ResponseFile: Sendable {
    public let personIDs: [String]
    public let itemIDs: [String]
    public let data: ResponseData

    /// Most problems reported from one file; a file with more is plainly not a response file.
    static let maximumProblems = 100

    /// Reads the file at `path`; `progress` receives the share of bytes read, about every 1%.
    public init(contentsOf path: String, progress: ((Double) -> Void)? = nil) throws(ContentErrors) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ContentErrors(problems: [ContentProblem(file: path, line: nil, field: "(file)", message: "cannot read: \(error.localizedDescription)", rule: "csv.file")])
        }
        let read = bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Result<ResponseFile, ContentErrors> in
            Result { () throws(ContentErrors) in try ResponseFile(bytes: buffer, file: path, progress: progress) }
        }
        self = try read.get()
    }

    /// Parses CSV text. `correct` is 1/0, true/false or yes/no; a person answering an item twice is an error, since
    /// calibration assumes one response per pair.
    public init(csv text: String, file: String) throws(ContentErrors) {
        var text = text
        let read = text.withUTF8 { (buffer: UnsafeBufferPointer<UInt8>) -> Result<ResponseFile, ContentErrors> in
            Result { () throws(ContentErrors) in try ResponseFile(bytes: UnsafeRawBufferPointer(buffer), file: file, progress: nil) }
        }
        self = try read.get()
    }

    /// The parser itself: bytes in, response data out, no I/O. Rows are read in place (`CSVByteReader`); ids are
    /// interned straight from the bytes (`ByteStringTable`), and a row naming the same person as the row before reuses
    /// that person's index without hashing; the arrays are sized once from the number of line ends. Rows already
    /// grouped by person and ordered by item (what exports and most tools write) become the result as they are; any
    /// other order is regrouped by two counting sorts (by item, then by person).
    init(bytes: UnsafeRawBufferPointer, file: String, progress: ((Double) -> Void)?) throws(ContentErrors) {
        var reader = CSVByteReader(bytes: bytes)
        var problems: [ContentProblem] = []
        func problem(_ line: Int?, _ field: String, _ message: String, _ rule: String) {
            if problems.count < Self.maximumProblems { problems.append(ContentProblem(file: file, line: line, field: field, message: message, rule: rule)) }
        }
        guard reader.nextRow() else {
            throw ContentErrors(problems: [ContentProblem(file: file, line: 1, field: "(header)",
                message: "the file is empty; expected a header: person,item,correct", rule: "csv.header")])
        }
        let names = (0..<reader.fieldCount).map { reader.string($0).lowercased() }
        let required = ["person", "item", "correct"]
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw ContentErrors(problems: [ContentProblem(file: file, line: 1, field: "(header)",
                message: "the header must name person,item,correct; missing \(missing.joined(separator: ","))", rule: "csv.header")])
        }
        let columns = required.map { names.firstIndex(of: $0)! }
        var people = ByteStringTable()
        var itemTable = ByteStringTable()
        // At most one row per line end (a line break inside quotes only over-counts), so the arrays never regrow.
        let rowBound = Self.lineEnds(bytes, from: reader.position) + 1
        var persons: [Int32] = []
        var items: [Int32] = []
        var correct: [UInt8] = []
        persons.reserveCapacity(rowBound)
        items.reserveCapacity(rowBound)
        correct.reserveCapacity(rowBound)
        var lastPerson = -1
        let step = max(bytes.count / 100, 1)
        var nextReport = step
        while reader.nextRow() {
            if let progress, reader.position >= nextReport {
                progress(Double(reader.position) / Double(bytes.count))
                nextReport = reader.position + step
            }
            if let field = reader.unclosedQuoteField {
                problem(reader.line, field < names.count ? names[field] : "(row)", "a quote opened on this line is never closed", "csv.quote")
                break
            }
            if reader.isBlank { continue }
            guard reader.fieldCount == names.count else {
                problem(reader.line, "(row)", "expected \(names.count) fields, found \(reader.fieldCount)", "csv.row")
                continue
            }
            let person = reader.withField(columns[0]) { id -> Int in
                if id.isEmpty { return -1 }
                if lastPerson >= 0 && people.equal(lastPerson, id) { return lastPerson }
                return people.index(of: id)
            }
            let item = reader.withField(columns[1]) { $0.isEmpty ? -1 : itemTable.index(of: $0) }
            guard person >= 0, item >= 0 else {
                problem(reader.line, person < 0 ? "person" : "item", "empty id", "csv.value")
                continue
            }
            lastPerson = person
            guard let value = reader.withField(columns[2], CSVByteReader.boolean) else {
                problem(reader.line, "correct", "'\(reader.string(columns[2]))' is not 1/0, true/false or yes/no", "csv.value")
                continue
            }
            persons.append(Int32(person))
            items.append(Int32(item))
            correct.append(value ? 1 : 0)
        }
        progress?(1)
        guard problems.isEmpty else { throw ContentErrors(problems: problems) }
        guard !persons.isEmpty else {
            throw ContentErrors(problems: [ContentProblem(file: file, line: nil, field: "(rows)", message: "no responses", rule: "csv.row")])
        }
        let personCount = people.count
        var rowStart = [Int](repeating: 0, count: personCount + 1)
        for p in persons { rowStart[Int(p) + 1] += 1 }
        for p in 0..<personCount { rowStart[p + 1] += rowStart[p] }
        personIDs = (0..<personCount).map(people.string)
        itemIDs = (0..<itemTable.count).map(itemTable.string)
        if Self.isGroupedAndOrdered(persons: persons, items: items) {
            persons = []
            data = ResponseData(personCount: personCount, itemCount: itemTable.count, rowStart: rowStart, items: items, correct: correct)
            return
        }
        // Two stable counting sorts, no comparisons: rows by item, then those by person, so each person's rows come
        // out ordered by item (in file order for equal items) and a repeated pair lands next to its first answer.
        let itemCount = itemTable.count
        var byItem = [Int32](repeating: 0, count: items.count)
        var itemFill = [Int](repeating: 0, count: itemCount + 1)
        for i in items { itemFill[Int(i) + 1] += 1 }
        for i in 0..<itemCount { itemFill[i + 1] += itemFill[i] }
        for (row, i) in items.enumerated() {
            byItem[itemFill[Int(i)]] = Int32(row)
            itemFill[Int(i)] += 1
        }
        var fill = rowStart
        var previousRow = [Int32](repeating: -1, count: personCount)
        var sortedItems = [Int32](repeating: 0, count: items.count)
        var sortedCorrect = [UInt8](repeating: 0, count: items.count)
        var repeats: [(row: Int, first: Int, person: Int, item: Int)] = []
        for row32 in byItem {
            let row = Int(row32)
            let p = Int(persons[row])
            let k = fill[p]
            if k > rowStart[p], sortedItems[k - 1] == items[row], repeats.count < Self.maximumProblems {
                repeats.append((row, Int(previousRow[p]), p, Int(items[row])))
            }
            sortedItems[k] = items[row]
            sortedCorrect[k] = correct[row]
            previousRow[p] = row32
            fill[p] = k + 1
        }
        guard repeats.isEmpty else {
            // Line numbers are not kept per row (4 bytes a row for a rare error); read the file again to find them.
            let lines = Self.lines(ofRows: Set(repeats.flatMap { [$0.row, $0.first] }), in: bytes)
            throw ContentErrors(problems: repeats.map {
                ContentProblem(file: file, line: lines[$0.row], field: "item",
                    message: "person '\(people.string($0.person))' already answered '\(itemTable.string($0.item))' on line \(lines[$0.first] ?? 0)",
                    rule: "csv.duplicate")
            }.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        data = ResponseData(personCount: personCount, itemCount: itemTable.count, rowStart: rowStart, items: sortedItems, correct: sortedCorrect)
    }

    /// Number of `\n` bytes from `start` on.
    static func lineEnds(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var count = 0
        for k in start..<bytes.count where bytes[k] == 0x0A { count += 1 }
        return count
    }

    /// Whether person indices never decrease and items rise strictly within each person: the rows are then already
    /// the compressed sparse rows `ResponseData` holds (people are numbered in order of first appearance).
    static func isGroupedAndOrdered(persons: [Int32], items: [Int32]) -> Bool {
        for k in 1..<persons.count {
            if persons[k] < persons[k - 1] || (persons[k] == persons[k - 1] && items[k] <= items[k - 1]) { return false }
        }
        return true
    }

    /// The line each of `rows` (counted as the parser counts responses: header, blank rows left out) starts on.
    /// Only called for a file already read without error.
    static func lines(ofRows rows: Set<Int>, in bytes: UnsafeRawBufferPointer) -> [Int: Int] {
        var reader = CSVByteReader(bytes: bytes)
        _ = reader.nextRow()
        var out: [Int: Int] = [:]
        var row = 0
        while reader.nextRow(), out.count < rows.count {
            if reader.isBlank { continue }
            if rows.contains(row) { out[row] = reader.line }
            row += 1
        }
        return out
    }

    /// Reads anchors from `item,a,b,c` CSV (c optional), keyed by the item's index in this file.
    public func anchors(csv text: String, file: String) throws(ContentErrors) -> [Int: ItemParameters] {
        let table = try CSVTable(text, file: file, required: ["item", "a", "b"])
        var out: [Int: ItemParameters] = [:]
        var problems: [ContentProblem] = []
        let index = Dictionary(uniqueKeysWithValues: itemIDs.enumerated().map { ($1, $0) })
        for row in table.rows {
            let id = row.fields["item"]!
            guard let a = Double(row.fields["a"]!), a > 0, let b = Double(row.fields["b"]!), b.isFinite else {
                problems.append(ContentProblem(file: file, line: row.line, field: "a,b", message: "expected a > 0 and a finite b", rule: "csv.value"))
                continue
            }
            let c = row.fields["c"].flatMap { $0.isEmpty ? 0 : Double($0) } ?? 0
            guard (0..<1).contains(c) else {
                problems.append(ContentProblem(file: file, line: row.line, field: "c", message: "expected 0 <= c < 1", rule: "csv.value"))
                continue
            }
            guard let i = index[id] else {
                problems.append(ContentProblem(file: file, line: row.line, field: "item", message: "anchor '\(id)' does not appear in the responses", rule: "csv.value"))
                continue
            }
            out[i] = ItemParameters(a: a, b: b, c: c)
        }
        if !problems.isEmpty { throw ContentErrors(problems: problems) }
        return out
    }
}
