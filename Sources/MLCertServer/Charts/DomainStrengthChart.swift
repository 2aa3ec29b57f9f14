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

    public init(id: String, title: String, rows: [Row], target: Double? = nil) {
        self.id = id
        self.title = title
        self.rows = rows
        self.target = target
    }

    /// Layout constants, visible to tests so that geometry can be checked against the data.
    static let width = 640.0
    static let left = 8.0
    static let trackWidth = 600.0
    static let rowHeight = 52.0
    static let top = 8.0

    /// The bar's length in SVG units for a strength.
    static func barLength(_ strength: Double) -> Double { SVGText.unit(strength) * trackWidth }

    /// A row's text: the domain, its result, the band and its weight.
    static func caption(_ row: Row) -> String {
        let weight = "weight \(SVGText.percent(row.weight))"
        guard row.answered > 0 else { return "\(row.label): no answers yet (\(weight))" }
        return "\(row.label): \(SVGText.percent(row.strength)) correct of \(row.answered), likely \(SVGText.percent(row.low))–"
            + "\(SVGText.percent(row.high)) (\(weight))"
    }

    /// The row's visible text: the caption with a long domain title shortened, so the line fits the chart's width.
    /// The full caption stays in the bar's tooltip and in the description.
    static func shortCaption(_ row: Row) -> String {
        var short = row
        if row.label.count > maxLabel { short.label = String(row.label.prefix(maxLabel - 1)) + "…" }
        return caption(short)
    }

    /// Characters of a domain title shown before it is shortened (at 13 px the caption then fits 640 units).
    static let maxLabel = 40

    public func svg() -> String {
        let height = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + 20
        var body = ""
        for (i, row) in rows.enumerated() {
            let y = Self.top + Double(i) * Self.rowHeight
            let barY = y + 22
            body += "<g class=\"row\">"
            body += "<text x=\"\(Self.left)\" y=\"\(SVGText.number(y + 14))\" class=\"label\">\(SVGText.escape(Self.shortCaption(row)))</text>"
            body += "<rect class=\"track\" x=\"\(Self.left)\" y=\"\(SVGText.number(barY))\" width=\"\(SVGText.number(Self.trackWidth))\" height=\"18\"/>"
            if row.answered > 0 {
                let low = min(SVGText.unit(row.low), SVGText.unit(row.high))
                let high = max(SVGText.unit(row.low), SVGText.unit(row.high))
                body += "<rect class=\"band\" x=\"\(SVGText.number(Self.left + Self.barLength(low)))\" y=\"\(SVGText.number(barY - 3))\" "
                    + "width=\"\(SVGText.number(Self.barLength(high) - Self.barLength(low)))\" height=\"24\"/>"
                body += "<rect class=\"bar\" x=\"\(Self.left)\" y=\"\(SVGText.number(barY))\" width=\"\(SVGText.number(Self.barLength(row.strength)))\" "
                    + "height=\"18\"><title>\(SVGText.escape(Self.caption(row)))</title></rect>"
                for edge in [low, high] {
                    let x = SVGText.number(Self.left + Self.barLength(edge))
                    body += "<line class=\"whisker\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGText.number(barY - 3))\" y2=\"\(SVGText.number(barY + 21))\"/>"
                }
            }
            body += "</g>"
        }
        if rows.isEmpty {
            body += "<text x=\"\(Self.left)\" y=\"30\" class=\"label\">No domains to show yet.</text>"
        }
        if let target {
            let x = SVGText.number(Self.left + Self.barLength(target))
            let bottom = height - 16
            body += "<line class=\"target\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVGText.number(Self.top))\" y2=\"\(SVGText.number(bottom))\"/>"
            body += "<text class=\"note\" x=\"\(x)\" y=\"\(SVGText.number(height - 4))\" text-anchor=\"middle\">pass mark \(SVGText.percent(target))</text>"
        }
        return SVGText.document(id: id, width: Self.width, height: height, title: title, description: description, body: body)
    }

    /// The chart in words, for the `<desc>`.
    var description: String {
        guard !rows.isEmpty else { return "No domains to show yet." }
        var text = "Proportion correct by exam domain, with the likely range. "
        text += rows.map(Self.caption).joined(separator: "; ") + "."
        if let target { text += " The pass mark is \(SVGText.percent(target)) correct." }
        return text
    }
}
