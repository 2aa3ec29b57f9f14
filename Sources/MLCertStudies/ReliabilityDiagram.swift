import Foundation
import MLCertCore

/// The reliability diagram of a readiness validation: for each scoring condition, the observed pass rate of each bin
/// of stated probability against the bin's mean stated probability, over the diagonal a calibrated figure would lie
/// on. A standalone SVG (written by `mlcert simulate readiness --svg FILE`), with a title and a description that lists
/// every point, so the numbers are there for a screen reader or a diff.
public struct ReliabilityDiagram: Sendable {
    public let report: ReadinessValidationReport

    public init(report: ReadinessValidationReport) { self.report = report }

    static let size = 480.0
    static let margin = 56.0
    static let colours = ["#b45309", "#1d4ed8", "#6b7280"]

    public func svg() -> String {
        let plot = Self.size - 2 * Self.margin
        func x(_ p: Double) -> Double { Self.margin + plot * min(max(p, 0), 1) }
        func y(_ p: Double) -> Double { Self.size - Self.margin - plot * min(max(p, 0), 1) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let title = "Stated probability of passing against the observed pass rate (\(report.credential), \(report.learners) learners)"
        var description: [String] = []
        var body = ""
        body += "<rect x=\"\(n(Self.margin))\" y=\"\(n(Self.margin))\" width=\"\(n(plot))\" height=\"\(n(plot))\" fill=\"none\" stroke=\"#9ca3af\"/>\n"
        body += "<line x1=\"\(n(x(0)))\" y1=\"\(n(y(0)))\" x2=\"\(n(x(1)))\" y2=\"\(n(y(1)))\" stroke=\"#9ca3af\" stroke-dasharray=\"4 4\"/>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            let label = "\(Int((tick * 100).rounded()))%"
            body += "<text x=\"\(n(x(tick)))\" y=\"\(n(Self.size - Self.margin + 18))\" text-anchor=\"middle\" font-size=\"11\">\(label)</text>\n"
            body += "<text x=\"\(n(Self.margin - 8))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11\">\(label)</text>\n"
        }
        body += "<text x=\"\(n(Self.size / 2))\" y=\"\(n(Self.size - 12))\" text-anchor=\"middle\" font-size=\"12\">stated probability of passing</text>\n"
        body += "<text x=\"14\" y=\"\(n(Self.size / 2))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(n(Self.size / 2)))\">observed pass rate</text>\n"
        let total = Double(report.learners)
        for (c, condition) in report.conditions.enumerated() {
            let colour = Self.colours[c % Self.colours.count]
            let points = condition.bins.map { "\(n(x($0.meanStated))),\(n(y($0.observedPassRate)))" }.joined(separator: " ")
            body += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
            for bin in condition.bins {
                let radius = 2.5 + 9 * (Double(bin.count) / total).squareRoot()
                body += "<circle cx=\"\(n(x(bin.meanStated)))\" cy=\"\(n(y(bin.observedPassRate)))\" r=\"\(n(radius))\" fill=\"\(colour)\" fill-opacity=\"0.6\"/>\n"
            }
            let legendY = Self.margin + 14 + 16 * Double(c)
            body += "<circle cx=\"\(n(Self.margin + 12))\" cy=\"\(n(legendY - 4))\" r=\"4\" fill=\"\(colour)\"/>\n"
            body += "<text x=\"\(n(Self.margin + 22))\" y=\"\(n(legendY))\" font-size=\"11\">\(MarkupEscaping.escape(condition.name)) "
                + "(ECE \(String(format: "%.3f", condition.expectedCalibrationError)))</text>\n"
            description.append("\(condition.name): " + condition.bins.map {
                "stated \(String(format: "%.2f", $0.meanStated)), observed \(String(format: "%.2f", $0.observedPassRate)) (\($0.count) learners)"
            }.joined(separator: "; "))
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(Self.size)) \(n(Self.size))" width="\(n(Self.size))" height="\(n(Self.size))" \
            role="img" aria-labelledby="title desc">
            <title id="title">\(MarkupEscaping.escape(title))</title>
            <desc id="desc">\(MarkupEscaping.escape(description.joined(separator: ". ")))</desc>
            \(body)</svg>

            """
    }
}
