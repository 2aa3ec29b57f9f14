import Foundation
import MLCertCore

/// The small pieces every server-drawn chart shares: escaping, number formatting that does not depend on the
/// server's locale, and the accessible `<svg>` wrapper.
///
/// Charts are plain text built here rather than in a template because their geometry is computed, and because a
/// chart that is a pure function of numbers can be tested by parsing its output.
enum SVGText {
    /// Escapes text for use in element content and in double-quoted attributes.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A coordinate with at most two decimals, always with a dot (never a locale's comma), and never NaN.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    /// A proportion as a whole percentage, e.g. `0.625` → `"63%"`.
    static func percent(_ proportion: Double) -> String {
        guard proportion.isFinite else { return "0%" }
        return "\(Int((proportion * 100).rounded()))%"
    }

    /// A calendar day in UTC (`2026-12-03`), so that a chart reads the same whatever the server's time zone.
    static func day(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word gets a line of its own), so a
    /// label is never cut short: charts are drawn narrow enough that their text stays at least 12 px on a phone.
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Characters per line of chart text: at 14 units a character averages about 7.5 units, and charts are 360 wide.
    static let charactersPerLine = 44

    /// Height of one line of chart text, in units.
    static let lineHeight = 17.0

    /// `<text>` elements for `lines`, the first baseline at `y`.
    static func textLines(_ lines: [String], x: Double, y: Double, class name: String) -> String {
        lines.enumerated().map { i, line in
            "<text class=\"\(name)\" x=\"\(number(x))\" y=\"\(number(y + Double(i) * lineHeight))\">\(escape(line))</text>"
        }.joined()
    }

    /// A time of day in UTC, "14:05".
    static func time(_ date: Date) -> String {
        let c = utc.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// A value forced into `0...1` (NaN becomes 0), for inputs that are proportions.
    static func unit(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(1, max(0, value))
    }

    /// Wraps chart content in an `<svg>` that screen readers announce as one image with a title and a description.
    /// `id` must be unique on the page: the title and description are referenced by id.
    static func document(id: String, width: Double, height: Double, title: String, description: String, body: String) -> String {
        let safeID = escape(id)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" id="\(safeID)" viewBox="0 0 \(number(width)) \(number(height))" \
            width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="\(safeID)-title \(safeID)-desc">\
            <title id="\(safeID)-title">\(escape(title))</title>\
            <desc id="\(safeID)-desc">\(escape(description))</desc>\
            \(body)</svg>
            """
    }
}

extension SVGText {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
