import Psychometrics

/// Response data read from `person,item,correct` CSV: the ids as written, and the compact form the calibrator uses.
public struct ResponseFile: Sendable {
    public let personIDs: [String]
    public let itemIDs: [String]
    public let data: ResponseData

    /// Parses the CSV. `correct` is 1/0, true/false or yes/no; a person answering an item twice is an error, since
    /// calibration assumes one response per pair.
    public init(csv text: String, file: String) throws(ContentErrors) {
        let table = try CSVTable(text, file: file, required: ["person", "item", "correct"])
        var people: [String: Int] = [:]
        var items: [String: Int] = [:]
        var personIDs: [String] = []
        var itemIDs: [String] = []
        var seen: [Int64: Int] = [:]
        var responses: [(person: Int, item: Int, correct: Bool)] = []
        var problems: [ContentProblem] = []
        for row in table.rows {
            let person = row.fields["person"]!
            let item = row.fields["item"]!
            guard !person.isEmpty, !item.isEmpty else {
                problems.append(ContentProblem(file: file, line: row.line, field: person.isEmpty ? "person" : "item", message: "empty id", rule: "csv.value"))
                continue
            }
            let correct: Bool
            switch row.fields["correct"]!.lowercased() {
            case "1", "true", "yes": correct = true
            case "0", "false", "no": correct = false
            case let other:
                problems.append(ContentProblem(file: file, line: row.line, field: "correct", message: "'\(other)' is not 1/0, true/false or yes/no", rule: "csv.value"))
                continue
            }
            let p = people[person] ?? { personIDs.append(person); people[person] = personIDs.count - 1; return personIDs.count - 1 }()
            let i = items[item] ?? { itemIDs.append(item); items[item] = itemIDs.count - 1; return itemIDs.count - 1 }()
            let key = Int64(p) << 32 | Int64(i)
            if let first = seen[key] {
                problems.append(ContentProblem(file: file, line: row.line, field: "item", message: "person '\(person)' already answered '\(item)' on line \(first)", rule: "csv.duplicate"))
                continue
            }
            seen[key] = row.line
            responses.append((p, i, correct))
        }
        if !problems.isEmpty { throw ContentErrors(problems: problems) }
        if responses.isEmpty {
            throw ContentErrors(problems: [ContentProblem(file: file, line: nil, field: "(rows)", message: "no responses", rule: "csv.row")])
        }
        self.personIDs = personIDs
        self.itemIDs = itemIDs
        self.data = ResponseData(personCount: personIDs.count, itemCount: itemIDs.count, responses: responses)
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
