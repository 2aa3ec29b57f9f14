import Foundation

/// Readiness over time: a line through one estimate per finished session, a shaded credible band around it, and a
/// dashed pass line. The x axis is real time (sessions a week apart sit further apart than sessions an hour apart);
/// the y axis fits the data, the band and the pass line.
///
/// The caller chooses the scale (ability on the θ scale, or a percentage) and how a value reads in words through
/// `valueText`; the chart only maps numbers to geometry and writes them out again in its `<desc>`.
public struct ReadinessTimelineChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var at: Date
        public var value: Double
        public var low: Double
        public var high: Double
        /// What this point is, in words (e.g. "mock exam"), for its tooltip and the description.
        public var note: String

        public init(at: Date, value: Double, low: Double, high: Double, note: String = "") {
            self.at = at
            self.value = value
            self.low = low
            self.high = high
            self.note = note
        }
    }

    public var id: String
    public var title: String
    public var points: [Point]
    public var passLine: Double
    public var passLabel: String
    public var valueText: @Sendable (Double) -> String
    /// The values are proportions: the y axis runs from 0 to 1 whatever the data.
    public var unitRange: Bool

    public init(id: String, title: String, points: [Point], passLine: Double, passLabel: String = "pass line",
                valueText: (@Sendable (Double) -> String)? = nil, unitRange: Bool = false) {
        self.id = id
        self.title = title
        self.points = points.sorted { $0.at < $1.at }
        self.passLine = passLine
        self.passLabel = passLabel
        self.valueText = valueText ?? { SVGText.number($0) }
        self.unitRange = unitRange
    }

    /// 360 units wide, like the other charts, so its 14-unit text stays readable on a phone.
    static let width = 360.0
    static let height = 230.0
    static let plotLeft = 50.0
    static let plotRight = 350.0
    static let plotTop = 12.0
    static let plotBottom = 190.0

    /// The y range: every value, band edge and the pass line, padded by a tenth so nothing touches the frame.
    var yRange: ClosedRange<Double> {
        if unitRange { return 0...1 }
        let values = points.flatMap { [$0.value, $0.low, $0.high] }.filter(\.isFinite) + [passLine]
        let lo = values.min() ?? 0
        let hi = values.max() ?? 1
        let pad = max((hi - lo) * 0.1, 0.1)
        return (lo - pad)...(hi + pad)
    }

    func y(_ value: Double) -> Double {
        let range = yRange
        let v = value.isFinite ? value : range.lowerBound
        return Self.plotBottom - (v - range.lowerBound) / (range.upperBound - range.lowerBound) * (Self.plotBottom - Self.plotTop)
    }

    func x(_ date: Date) -> Double {
        guard let first = points.first?.at, let last = points.last?.at, last > first else { return (Self.plotLeft + Self.plotRight) / 2 }
        return Self.plotLeft + date.timeIntervalSince(first) / last.timeIntervalSince(first) * (Self.plotRight - Self.plotLeft)
    }

    func caption(_ p: Point) -> String {
        let what = p.note.isEmpty ? "" : " after a \(p.note)"
        return "\(moment(p.at))\(what): \(valueText(p.value)), likely \(valueText(p.low)) to \(valueText(p.high))"
    }

    /// Whether every point falls on one day; the axis then reads in times, so its two ends never carry the same label.
    var sameDay: Bool { points.first.map { SVGText.day($0.at) } == points.last.map { SVGText.day($0.at) } }

    /// A point's moment: its day, with the time when several points share the day.
    func moment(_ date: Date) -> String { sameDay && points.count > 1 ? "\(SVGText.day(date)) \(SVGText.time(date))" : SVGText.day(date) }

    func axisLabel(_ date: Date) -> String { sameDay ? SVGText.time(date) : SVGText.day(date) }

    public func svg() -> String {
        let n = SVGText.number
        var body = "<rect class=\"frame\" x=\"\(n(Self.plotLeft))\" y=\"\(n(Self.plotTop))\" width=\"\(n(Self.plotRight - Self.plotLeft))\" "
            + "height=\"\(n(Self.plotBottom - Self.plotTop))\"/>"
        if points.count > 1 {
            let upper = points.map { "\(n(x($0.at))),\(n(y($0.high)))" }
            let lower = points.reversed().map { "\(n(x($0.at))),\(n(y($0.low)))" }
            body += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>"
            body += "<polyline class=\"line\" points=\"\(points.map { "\(n(x($0.at))),\(n(y($0.value)))" }.joined(separator: " "))\"/>"
        } else if let p = points.first {
            body += "<line class=\"whisker\" x1=\"\(n(x(p.at)))\" x2=\"\(n(x(p.at)))\" y1=\"\(n(y(p.low)))\" y2=\"\(n(y(p.high)))\"/>"
        }
        let passY = n(y(passLine))
        body += "<line class=\"target\" x1=\"\(n(Self.plotLeft))\" x2=\"\(n(Self.plotRight))\" y1=\"\(passY)\" y2=\"\(passY)\"/>"
        body += "<text class=\"note\" x=\"\(n(Self.plotRight - 4))\" y=\"\(n(y(passLine) - 5))\" text-anchor=\"end\">"
            + "\(SVGText.escape("\(passLabel) \(valueText(passLine))"))</text>"
        for p in points {
            body += "<circle class=\"point\" cx=\"\(n(x(p.at)))\" cy=\"\(n(y(p.value)))\" r=\"5\"><title>\(SVGText.escape(caption(p)))</title></circle>"
        }
        if let first = points.first, let last = points.last {
            body += "<text class=\"axis\" x=\"\(n(Self.plotLeft))\" y=\"\(n(Self.plotBottom + 18))\">\(axisLabel(first.at))</text>"
            if last.at > first.at {
                body += "<text class=\"axis\" x=\"\(n(Self.plotRight))\" y=\"\(n(Self.plotBottom + 18))\" text-anchor=\"end\">\(axisLabel(last.at))</text>"
            }
            if sameDay {
                body += "<text class=\"axis\" x=\"\(n((Self.plotLeft + Self.plotRight) / 2))\" y=\"\(n(Self.plotBottom + 36))\" text-anchor=\"middle\">"
                    + "\(SVGText.day(first.at)), UTC</text>"
            }
        } else {
            body += "<text class=\"label\" x=\"\(n(Self.plotLeft + 12))\" y=\"\(n(Self.plotTop + 30))\">No finished sessions yet.</text>"
        }
        let range = yRange
        body += "<text class=\"axis\" x=\"\(n(Self.plotLeft - 4))\" y=\"\(n(Self.plotTop + 10))\" text-anchor=\"end\">"
            + "\(SVGText.escape(unitRange ? valueText(range.upperBound) : SVGText.number(range.upperBound)))</text>"
        body += "<text class=\"axis\" x=\"\(n(Self.plotLeft - 4))\" y=\"\(n(Self.plotBottom))\" text-anchor=\"end\">"
            + "\(SVGText.escape(unitRange ? valueText(range.lowerBound) : SVGText.number(range.lowerBound)))</text>"
        return SVGText.document(id: id, width: Self.width, height: Self.height, title: title, description: description, body: body)
    }

    var description: String {
        guard !points.isEmpty else { return "No finished sessions yet, so there is no readiness history to draw." }
        return "Readiness after each finished session, oldest first, with the likely range and the \(passLabel) at "
            + "\(valueText(passLine)). " + points.map(caption).joined(separator: "; ") + "."
    }
}
