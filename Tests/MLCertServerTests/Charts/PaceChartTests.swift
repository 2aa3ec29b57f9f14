import Foundation
import Testing

@testable import MLCertServer

@Suite("Pace chart")
struct PaceChartTests {
    let rows: [PaceChart.Row] = [
        .init(label: "2026-12-01 drill", secondsPerQuestion: 45, questions: 10),
        .init(label: "2026-12-02 mock exam", secondsPerQuestion: 90, questions: 50),
    ]

    @Test func barsAreProportionalToSecondsAndThePaceLineSitsOnTheSameScale() throws {
        let chart = PaceChart(id: "pace", title: "Pace", rows: rows, examPace: 72)
        let doc = try #require(SVGDocument(chart.svg()))
        let bars = doc.all("rect", class: "bar")
        #expect(bars.count == 2)
        let w0 = try #require(bars[0].number("width"))
        let w1 = try #require(bars[1].number("width"))
        #expect(abs(w1 - 2 * w0) < 0.02)
        let line = try #require(doc.all("line", class: "target").first)
        let x = try #require(line.number("x1"))
        #expect(abs((x - PaceChart.left) - w1 * 72 / 90) < 0.05)
        // The slower-than-exam session is marked in words and by class, not by colour alone.
        #expect(bars[1].attributes["class"] == "bar slow")
        #expect(doc.all("desc").first?.text.contains("2026-12-02 mock exam: 90 s per question over 50 (slower than the exam pace)") == true)
        #expect(doc.all("desc").first?.text.contains("allows 72 s per question") == true)
    }

    @Test func scaleLeavesRoomForTheLongestBar() throws {
        let chart = PaceChart(id: "pace", title: "Pace", rows: rows, examPace: 300)
        let doc = try #require(SVGDocument(chart.svg()))
        let x = try #require(doc.all("line", class: "target").first?.number("x1"))
        #expect(x < PaceChart.left + PaceChart.trackWidth)
        for bar in doc.all("rect", class: "bar") { #expect((bar.number("width") ?? .infinity) <= PaceChart.trackWidth) }
    }

    @Test func escapesLabelsAndHandlesNoData() throws {
        let svg = PaceChart(id: "p", title: "<Pace>", rows: [.init(label: "a</text><script>", secondsPerQuestion: .nan, questions: 1)], examPace: nil).svg()
        #expect(!svg.contains("<script>") && !svg.contains("nan"))
        let doc = try #require(SVGDocument(svg))
        #expect(doc.all("title").first?.text == "<Pace>")
        #expect(doc.all("rect", class: "bar").first?.number("width") == 0)
        let empty = try #require(SVGDocument(PaceChart(id: "p", title: "t", rows: [], examPace: 60).svg()))
        #expect(empty.all("desc").first?.text == "No timed answers yet, so there is no pace to draw.")
    }
}
