/// A plain-text table with aligned columns, for terminal output that also reads well when piped.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public func render() -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.prefix(columns).enumerated().map { i, cell in
                i == columns - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// Wraps text to a width at word boundaries, indenting continuation lines.
public func wrap(_ text: String, width: Int = 100, indent: String = "") -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count > width - indent.count {
            lines.append(current)
            current = String(word)
        } else {
            current += " " + word
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }.joined(separator: "\n")
}

/// A horizontal bar for a percentage, e.g. `█████░░░░░` for 50% at width 10.
public func bar(_ fraction: Double, width: Int = 25) -> String {
    let clamped = max(0, min(1, fraction))
    let filled = Int((clamped * Double(width)).rounded())
    return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
}
