/// A small CSV reader for the data files mlcert takes in (responses, anchors, review logs): a required header, comma
/// separated fields, optional double quotes, and errors that name the file and line.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String: String]
    }

    public let rows: [Row]

    /// Parses `text`, requiring the header to contain every name in `required` (in any order, any case).
    public init(_ text: String, file: String, required: [String]) throws(ContentErrors) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .init(charactersIn: "\r")) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw ContentErrors(problems: [ContentProblem(file: file, line: 1, field: "(header)", message: "the file is empty; expected a header: \(required.joined(separator: ","))", rule: "csv.header")])
        }
        let header = CSVTable.split(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            throw ContentErrors(problems: [ContentProblem(file: file, line: 1, field: "(header)",
                message: "the header must name \(required.joined(separator: ",")); missing \(missing.joined(separator: ","))", rule: "csv.header")])
        }
        var rows: [Row] = []
        var problems: [ContentProblem] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let values = CSVTable.split(line)
            if values.count != header.count {
                problems.append(ContentProblem(file: file, line: i + 1, field: "(row)",
                    message: "expected \(header.count) fields, found \(values.count)", rule: "csv.row"))
                continue
            }
            rows.append(Row(line: i + 1, fields: Dictionary(zip(header, values.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { a, _ in a })))
        }
        if !problems.isEmpty { throw ContentErrors(problems: problems) }
        self.rows = rows
    }

    /// Splits one line on commas outside double quotes; `""` inside quotes is a literal quote.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }
}
