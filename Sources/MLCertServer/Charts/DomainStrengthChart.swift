/// Per-domain strength as horizontal bars: one row per blueprint domain, the bar's length the proportion correct,
/// a lighter band with whiskers for the uncertainty around it, the domain's blueprint weight in the label, and an
/// optional dashed line at the pass mark.
///
/// Every number the picture shows is also in the row's text and in the chart's `<desc>`, so the chart never relies on
/// colour or shape alone.
///
/// ```swift
/// let svg = DomainStrengthChart(id: "strength", title: "Strength by domain", rows: [
///     .init(label: "Data preparation", strength: 0.6, low: 0.4, high: 0.78, weight: 0.25, answered: 10)
/// ], target: 0.7).svg()
/// ```
public struct DomainStrengthChart: Sendable {
    public struct Row: Sendable, Equatable {
        public var label: String
        /// Proportion correct, 0...1.
        public var strength: Double
        /// The uncertainty band around `strength`, 0...1.
        public var low: Double
        public var high: Double
        /// The domain's share of the exam, 0...1.
        public var weight: Double
        /// Answers behind the figure; 0 means the bar is not drawn and the row says so.
        public var answered: Int

        public init(label: String, strength: Double, low: Double, high: Double, weight: Double, answered: Int) {
            self.label = label
            self.strength = strength
            self.low = low
            self.high = high
            self.weight = weight
            self.answered = answered
        }
    }

    public var id: String
    public var title: String
    public var rows: [Row]
    /// The proportion correct the exam asks for, drawn as a dashed line when given.
    public var target: Double?
    /// The bars are expected percentages (readiness) rather than answers counted in one session: the text says so.
    public var expected = false

    public init(id: String, title: String, rows: [Row], target: Double? = nil, expected: Bool = false) {
        self.id = id
        self.title = title
        self.rows = rows
        self.target = target
        self.expected = expected
    }

    /// Layout constants, visible to tests so that geometry can be checked against the data. The chart is 360 units
    /// wide, so on a 360-pixel phone screen its 14-unit text is drawn at about 14 px, and on a desktop at most a
    /// little larger (the stylesheet caps its width).
    static let width = 360.0
    static let left = 8.0
    static let trackWidth = 344.0
    static let top = 8.0
    static let barHeight = 18.0

    /// The bar's length in SVG units for a strength.
    static func barLength(_ strength: Double) -> Double { SVGText.unit(strength) * trackWidth }

    /// A row's text: the domain, its result, the band and its weight.
    static func caption(_ row: Row, expected: Bool = false) -> String { "\(row.label): \(figures(row, expected: expected))" }

    /// The figures of a row without its label: "50% correct of 4, likely 30–70% (weight 16%)", or for an expected
    /// figure "about 55% correct expected from 4 answers, likely 33–81% (weight 28%)".
    static func figures(_ row: Row, expected: Bool = false) -> String {
        let weight = "weight \(SVGText.percent(row.weight))"
        guard row.answered > 0 else { return "no answers yet (\(weight))" }
        let likely = "likely \(SVGText.percent(row.low))–\(SVGText.percent(row.high)) (\(weight))"
        if expected {
            return "about \(SVGText.percent(row.strength)) correct expected from \(row.answered) answer\(row.answered == 1 ? "" : "s"), \(likely)"
        }
        return "\(SVGText.percent(row.strength)) correct of \(row.answered), \(likely)"
    }

    /// The row's visible lines: the whole domain title, wrapped, then its figures. Nothing is cut short.
    static func lines(_ row: Row, expected: Bool = false) -> [String] {
        SVGText.lines(row.label, width: SVGText.charactersPerLine) + SVGText.lines(figures(row, expected: expected), width: SVGText.charactersPerLine)
    }

    /// Height of a row: its lines of text, then the bar.
    static func rowHeight(_ row: Row, expected: Bool = false) -> Double { Double(lines(row, expected: expected).count) * SVGText.lineHeight + barHeight + 16 }

    public func svg() -> String {
        let n = SVGText.number
        var body = ""
        var y = Self.top
        var bars: [(Double, Double)] = []
        for row in rows {
            let textLines = Self.lines(row, expected: expected)
            let barY = y + Double(textLines.count) * SVGText.lineHeight + 4
            body += "<g class=\"row\">"
            body += SVGText.textLines(textLines, x: Self.left, y: y + 13, class: "label")
            body += "<rect class=\"track\" x=\"\(Self.left)\" y=\"\(n(barY))\" width=\"\(n(Self.trackWidth))\" height=\"\(n(Self.barHeight))\"/>"
            if row.answered > 0 {
                let low = min(SVGText.unit(row.low), SVGText.unit(row.high))
                let high = max(SVGText.unit(row.low), SVGText.unit(row.high))
                body += "<rect class=\"band\" x=\"\(n(Self.left + Self.barLength(low)))\" y=\"\(n(barY - 3))\" "
                    + "width=\"\(n(Self.barLength(high) - Self.barLength(low)))\" height=\"\(n(Self.barHeight + 6))\"/>"
                body += "<rect class=\"bar\" x=\"\(Self.left)\" y=\"\(n(barY))\" width=\"\(n(Self.barLength(row.strength)))\" "
                    + "height=\"\(n(Self.barHeight))\"><title>\(SVGText.escape(Self.caption(row, expected: expected)))</title></rect>"
                for edge in [low, high] {
                    let x = n(Self.left + Self.barLength(edge))
                    body += "<line class=\"whisker\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(barY - 3))\" y2=\"\(n(barY + Self.barHeight + 3))\"/>"
                }
            }
            body += "</g>"
            bars.append((barY - 4, barY + Self.barHeight + 4))
            y += Self.rowHeight(row, expected: expected)
        }
        if rows.isEmpty {
            body += "<text x=\"\(Self.left)\" y=\"30\" class=\"label\">No domains to show yet.</text>"
            y += 40
        }
        let height = y + (target == nil ? 4 : 22)
        if let target {
            // The pass mark crosses each bar only, never a line of text.
            let x = n(Self.left + Self.barLength(target))
            for (from, to) in bars {
                body += "<line class=\"target\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(from))\" y2=\"\(n(to))\"/>"
            }
            let anchor = target > 0.75 ? "end" : target < 0.25 ? "start" : "middle"
            body += "<text class=\"note\" x=\"\(x)\" y=\"\(n(height - 6))\" text-anchor=\"\(anchor)\">pass mark \(SVGText.percent(target))</text>"
        }
        return SVGText.document(id: id, width: Self.width, height: height, title: title, description: description, body: body)
    }

    /// The chart in words, for the `<desc>`.
    var description: String {
        guard !rows.isEmpty else { return "No domains to show yet." }
        var text = expected ? "Expected percent correct by exam domain on a form of the real exam, with the likely range. "
            : "Proportion correct by exam domain, with the likely range. "
        text += rows.map { Self.caption($0, expected: expected) }.joined(separator: "; ") + "."
        if let target { text += " The pass mark is \(SVGText.percent(target)) correct." }
        return text
    }
}
