import Foundation
import Psychometrics

/// Response data read from `person,item,correct` CSV: the ids as written, and the compact form the calibrator uses.
///
/// The reader works on the file's bytes (memory-mapped when read from a path): ids are interned without a `String`
/// per row, rows go straight into flat arrays, and the per-person grouping is a counting sort, so a file of millions
/// of rows reads in about a second, in memory proportional to the rows (about 13 bytes per row while reading, 5 kept).
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
        var persons: [Int32] = []
        var items: [Int32] = []
        var correct: [UInt8] = []
        var lines: [Int32] = []
        let estimate = bytes.count / 16
        persons.reserveCapacity(estimate)
        items.reserveCapacity(estimate)
        correct.reserveCapacity(estimate)
        lines.reserveCapacity(estimate)
        var nextReport = bytes.count / 100
        while reader.nextRow() {
            if let progress, reader.position >= nextReport {
                progress(Double(reader.position) / Double(max(bytes.count, 1)))
                nextReport += max(bytes.count / 100, 1)
            }
            if reader.isBlank { continue }
            guard reader.fieldCount == names.count else {
                problem(reader.line, "(row)", "expected \(names.count) fields, found \(reader.fieldCount)", "csv.row")
                continue
            }
            let person = reader.withField(columns[0]) { $0.isEmpty ? -1 : people.index(of: $0) }
            let item = reader.withField(columns[1]) { $0.isEmpty ? -1 : itemTable.index(of: $0) }
            guard person >= 0, item >= 0 else {
                problem(reader.line, person < 0 ? "person" : "item", "empty id", "csv.value")
                continue
            }
            guard let value = reader.withField(columns[2], CSVByteReader.boolean) else {
                problem(reader.line, "correct", "'\(reader.string(columns[2]))' is not 1/0, true/false or yes/no", "csv.value")
                continue
            }
            persons.append(Int32(person))
            items.append(Int32(item))
            correct.append(value ? 1 : 0)
            lines.append(Int32(reader.line))
        }
        progress?(1)
        guard problems.isEmpty else { throw ContentErrors(problems: problems) }
        guard !persons.isEmpty else {
            throw ContentErrors(problems: [ContentProblem(file: file, line: nil, field: "(rows)", message: "no responses", rule: "csv.row")])
        }
        // Group rows by person (counting sort), then order each person's rows by item and refuse repeats.
        let personCount = people.count
        var rowStart = [Int](repeating: 0, count: personCount + 1)
        for p in persons { rowStart[Int(p) + 1] += 1 }
        for p in 0..<personCount { rowStart[p + 1] += rowStart[p] }
        var order = [Int32](repeating: 0, count: persons.count)
        var fill = rowStart
        for (k, p) in persons.enumerated() {
            order[fill[Int(p)]] = Int32(k)
            fill[Int(p)] += 1
        }
        var sortedItems = [Int32](repeating: 0, count: persons.count)
        var sortedCorrect = [UInt8](repeating: 0, count: persons.count)
        for p in 0..<personCount {
            let range = rowStart[p]..<rowStart[p + 1]
            order[range].sort { items[Int($0)] < items[Int($1)] || (items[Int($0)] == items[Int($1)] && $0 < $1) }
            for k in range {
                let row = Int(order[k])
                if k > range.lowerBound, items[Int(order[k - 1])] == items[row] {
                    problem(Int(lines[row]), "item", "person '\(people.string(p))' already answered '\(itemTable.string(Int(items[row])))' on line "
                        + "\(lines[Int(order[k - 1])])", "csv.duplicate")
                }
                sortedItems[k] = items[row]
                sortedCorrect[k] = correct[row]
            }
        }
        guard problems.isEmpty else { throw ContentErrors(problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        personIDs = (0..<personCount).map(people.string)
        itemIDs = (0..<itemTable.count).map(itemTable.string)
        data = ResponseData(personCount: personCount, itemCount: itemTable.count, rowStart: rowStart, items: sortedItems, correct: sortedCorrect)
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
