import Foundation
import MLCertCore

/// CSV and TSV: one item a row, for spreadsheets and for platforms that bulk-load questions from a table.
///
/// Fields are quoted as RFC 4180 says (a field holding the delimiter, a quote or a line break is wrapped in double
/// quotes, a quote inside doubled), with a comma or a tab between fields. Six option columns, each with its
/// rationale; `key` holds the correct letters (`B` or `A,D`); `tags` are separated by `;`. The review record and the
/// origin have no column.
public struct DelimitedTextFormat: Sendable {
    public let delimiter: Character

    public static let csv = DelimitedTextFormat(delimiter: ",")
    public static let tsv = DelimitedTextFormat(delimiter: "\t")

    /// The most options a row holds; the linter allows four to six.
    public static let optionColumns = 6
    static let letters = (0..<optionColumns).map(ItemOption.letter(for:))

    public static let header: [String] =
        ["id", "version", "credential", "blueprint", "domain", "objective", "skill_area", "type", "choose", "difficulty", "scenario", "question"]
        + letters.map { "option_\($0.lowercased())" } + letters.map { "rationale_\($0.lowercased())" }
        + ["key", "explanation", "tags", "last_checked"]

    public func write(_ items: [Item]) throws(InterchangeError) -> String {
        var out = row(Self.header)
        for item in items {
            guard item.options.count <= Self.optionColumns else {
                throw InterchangeError("item \(item.id)", "has \(item.options.count) options; a row holds at most \(Self.optionColumns)")
            }
            let texts = (0..<Self.optionColumns).map { $0 < item.options.count ? item.options[$0].text : "" }
            let rationales = (0..<Self.optionColumns).map { $0 < item.options.count ? item.options[$0].rationale : "" }
            out += row(
                [item.id, String(item.version), item.credential, item.blueprint, item.domain, item.objective, item.skillArea.rawValue,
                 item.type.rawValue, String(item.choose), item.difficulty.rawValue, item.scenario, item.question]
                    + texts + rationales
                    + [item.keyLetters.joined(separator: ","), item.explanation, item.tags.joined(separator: "; "), item.lastChecked.description])
        }
        return out
    }

    func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: String(delimiter)) + "\r\n"
    }

    func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Splits `text` into records of fields, each with the line it starts on; line breaks inside quotes stay in the
    /// field.
    func records(_ text: String, file: String) throws(InterchangeError) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var atFieldStart = true
        var chars = Array(text.unicodeScalars.map(Character.init))[...]
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else {
                    if ch == "\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case delimiter:
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\r":
                continue
            case "\n":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []
                field = ""
                atFieldStart = true
                line += 1
                recordLine = line
            default:
                field.append(ch)
                atFieldStart = false
            }
        }
        if quoted { throw InterchangeError("\(file):\(recordLine)", "a quoted field is never closed") }
        if !fields.isEmpty || !field.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        return records.filter { !($0.1.count == 1 && $0.1[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    /// Reads rows into drafts. The header names the columns (any order, any case); `question`, `option_a`,
    /// `option_b` and `key` are required, other columns are optional, and a value in a column mlcert does not know is
    /// reported on its item.
    public func read(_ text: String, file: String) throws(InterchangeError) -> ImportResult {
        let all = try records(text, file: file)
        guard let header = all.first else { throw InterchangeError("\(file):1", "the file is empty; expected a header row") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = ["question", "option_a", "option_b", "key"].filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw InterchangeError("\(file):\(header.line)", "the header must name \(missing.joined(separator: ", ")); columns are \(Self.header.joined(separator: ","))")
        }
        var result = ImportResult()
        for record in all.dropFirst() {
            let location = "\(file):\(record.line)"
            guard record.fields.count == names.count else {
                throw InterchangeError(location, "expected \(names.count) fields as in the header, found \(record.fields.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, record.fields) where row[name] == nil { row[name] = value }
            result.items.append(try item(row, names: names, at: location))
        }
        return result
    }

    private func item(_ row: [String: String], names: [String], at location: String) throws(InterchangeError) -> ImportedItem {
        var notes: [String] = []
        var draft = ItemDraft()
        func value(_ name: String) -> String? {
            guard let v = row[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        func parse<T>(_ name: String, _ make: (String) -> T?, _ expected: String) -> T? {
            guard let raw = value(name) else { return nil }
            if let v = make(raw) { return v }
            notes.append("\(name) '\(raw)' is not \(expected); left out")
            return nil
        }
        draft.id = value("id")
        draft.version = parse("version", { Int($0) }, "a whole number")
        draft.credential = value("credential")
        draft.blueprint = value("blueprint")
        draft.domain = value("domain")
        draft.objective = value("objective")
        draft.skillArea = parse("skill_area", SkillArea.init(rawValue:), "one of \(SkillArea.allowedValues)")
        draft.type = parse("type", Item.Kind.init(rawValue:), "single or multiple")
        draft.choose = parse("choose", { Int($0) }, "a whole number")
        draft.difficulty = parse("difficulty", Item.Difficulty.init(rawValue:), "one of \(Item.Difficulty.allowedValues)")
        draft.scenario = value("scenario")
        draft.question = value("question")
        draft.explanation = value("explanation")
        draft.lastChecked = parse("last_checked", Day.init, "a date YYYY-MM-DD")
        if names.contains("tags") {
            draft.tags = (value("tags") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let keyLetters = (value("key") ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map { $0.uppercased() }
        var keyIndices: Set<Int> = []
        for letter in keyLetters {
            guard let index = ItemOption.index(forLetter: letter), index < Self.optionColumns else {
                throw InterchangeError(location, "key: '\(letter)' is not an option letter A to \(Self.letters.last!)")
            }
            keyIndices.insert(index)
        }
        var firstEmpty: String?
        for (index, letter) in Self.letters.enumerated() {
            let text = value("option_\(letter.lowercased())")
            let rationale = value("rationale_\(letter.lowercased())")
            if let text {
                if let firstEmpty {
                    throw InterchangeError(location, "option_\(firstEmpty.lowercased()) is empty but option_\(letter.lowercased()) is not; fill options from A without gaps")
                }
                draft.options.append(ItemOption(text: text, correct: keyIndices.contains(index), rationale: rationale ?? ""))
            } else if rationale != nil || keyIndices.contains(index) {
                throw InterchangeError(location, "option_\(letter.lowercased()) is empty but " + (rationale != nil ? "rationale_\(letter.lowercased()) is not" : "the key names \(letter)"))
            } else if firstEmpty == nil {
                firstEmpty = letter
            }
        }
        for name in Set(names).subtracting(Self.header).sorted() where value(name) != nil {
            notes.append("column '\(name)' is not part of the item model; its value was not imported")
        }
        return ImportedItem(draft: draft, source: location, notes: notes)
    }
}
