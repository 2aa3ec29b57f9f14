import MLCertFamilies

/// The chart beside a computed question (a histogram pair, curves over a shared axis, or bars by group), drawn from the
/// numbers the family generated for the scenario.
///
/// It shows only scenario data: the same numbers are in the question's text and in the table the page puts beside the
/// chart, never the key or the working, so it is safe on a mock exam. Bars and points scale to the largest value
/// shown; each mark's `<title>` and the chart's `<desc>` state its number, so nothing depends on seeing the picture.
struct FamilyFigureChart: Sendable {
    var id: String
    var figure: FamilyFigure

    init(id: String, figure: FamilyFigure) {
        self.id = id
        self.figure = figure
    }

    static let width = 360.0
    static let left = 8.0
    static let plotWidth = 344.0
    static let plotHeight = 150.0

    /// The chart's title, and its series as (label, values) over category or x labels.
    var parts: (title: String, labels: [String], series: [(label: String, values: [Double])], lines: Bool) {
        switch figure {
        case .histogramPair(let title, let bins, let first, let second):
            (title, bins, [first, second], false)
        case .bars(let title, let categories, let series):
            (title, categories, series, false)
        case .curves(let title, let xLabel, let yLabel, let x, let series):
            ("\(title) (\(yLabel) by \(xLabel))", x.map { SVGText.number($0) }, series, true)
        }
    }

    /// The largest value shown: the top of the plot.
    var top: Double {
        let values = parts.series.flatMap(\.values).filter(\.isFinite)
        return max(values.max() ?? 1, 1e-9)
    }

    /// A bar's height in units for `value`.
    func height(_ value: Double) -> Double { SVGText.unit(value / top) * Self.plotHeight }

    func svg() -> String {
        let n = SVGText.number
        let (title, labels, series, lines) = parts
        var body = ""
        var y = 8.0
        let titleLines = SVGText.lines(title, width: SVGText.charactersPerLine)
        body += SVGText.textLines(titleLines, x: Self.left, y: y + 13, class: "label")
        y += Double(titleLines.count) * SVGText.lineHeight + 6
        // Legend: one swatch per series.
        for (s, item) in series.enumerated() {
            body += "<rect class=\"bar series-\(s % 4)\" x=\"\(Self.left)\" y=\"\(n(y))\" width=\"12\" height=\"12\"/>"
            body += "<text class=\"note\" x=\"\(n(Self.left + 18))\" y=\"\(n(y + 11))\">\(SVGText.escape(item.label))</text>"
            y += SVGText.lineHeight
        }
        let baseline = y + 6 + Self.plotHeight
        body += "<line class=\"frame\" x1=\"\(Self.left)\" x2=\"\(n(Self.left + Self.plotWidth))\" y1=\"\(n(baseline))\" y2=\"\(n(baseline))\"/>"
        let slots = max(labels.count, 1)
        let slot = Self.plotWidth / Double(slots)
        if lines {
            for (s, item) in series.enumerated() {
                let points = item.values.prefix(slots).enumerated().map { i, v in (Self.left + slot * (Double(i) + 0.5), baseline - height(v), v, i) }
                body += "<polyline class=\"line series-\(s % 4)\" points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>"
                for p in points {
                    body += "<circle class=\"point series-\(s % 4)\" cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"3\"><title>\(SVGText.escape("\(item.label) at \(labels[p.3]): \(Self.format(p.2))"))</title></circle>"
                }
            }
        } else {
            let barWidth = slot * 0.8 / Double(max(series.count, 1))
            for (s, item) in series.enumerated() {
                for (i, value) in item.values.prefix(slots).enumerated() {
                    let h = height(value)
                    let x = Self.left + slot * Double(i) + slot * 0.1 + barWidth * Double(s)
                    body += "<rect class=\"bar series-\(s % 4)\" x=\"\(n(x))\" y=\"\(n(baseline - h))\" width=\"\(n(barWidth))\" height=\"\(n(h))\">"
                        + "<title>\(SVGText.escape("\(item.label), \(labels[i]): \(Self.format(value))"))</title></rect>"
                }
            }
        }
        // Category labels under the axis, when they fit; the table beside the chart always has them.
        if slot >= 28 {
            for (i, label) in labels.enumerated() {
                body += "<text class=\"axis\" x=\"\(n(Self.left + slot * (Double(i) + 0.5)))\" y=\"\(n(baseline + 16))\" text-anchor=\"middle\">\(SVGText.escape(label))</text>"
            }
        }
        return SVGText.document(id: id, width: Self.width, height: baseline + 26, title: title, description: description, body: body)
    }

    /// The chart in words, for the `<desc>`: every series with every value.
    var description: String {
        let (title, labels, series, _) = parts
        return title + ". " + series.map { item in
            item.label + ": " + zip(labels, item.values).map { "\($0) \(Self.format($1))" }.joined(separator: ", ")
        }.joined(separator: "; ") + "."
    }

    /// A value as the chart's text shows it: up to three significant decimals, no locale.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
