import Foundation
import Testing

@testable import MLCertServer

@Suite("Readiness timeline chart")
struct ReadinessTimelineChartTests {
    let day0 = Date(timeIntervalSince1970: 1_796_000_000)
    var points: [ReadinessTimelineChart.Point] {
        [
            .init(at: day0, value: -0.5, low: -1.5, high: 0.5, note: "drill"),
            .init(at: day0.addingTimeInterval(86_400), value: 0, low: -0.8, high: 0.8, note: "mock exam"),
            .init(at: day0.addingTimeInterval(4 * 86_400), value: 1, low: 0.4, high: 1.6, note: "diagnostic"),
        ]
    }

    func chart(_ points: [ReadinessTimelineChart.Point]? = nil) -> ReadinessTimelineChart {
        ReadinessTimelineChart(id: "readiness", title: "Readiness over time", points: points ?? self.points, passLine: 0.25)
    }

    @Test func isWellFormedWithDescription() throws {
        let doc = try #require(SVGDocument(chart().svg()))
        #expect(doc.elements.first?.attributes["role"] == "img")
        let desc = try #require(doc.all("desc").first?.text)
        #expect(desc.contains("\(SVGText.day(day0)) after a drill: -0.5, likely -1.5 to 0.5"))
        #expect(desc.contains("pass line at 0.25"))
        #expect(doc.all("circle", class: "point").count == 3)
    }

    @Test func xFollowsTimeAndYFollowsValue() throws {
        let doc = try #require(SVGDocument(chart().svg()))
        let circles = doc.all("circle", class: "point")
        let xs = circles.compactMap { $0.number("cx") }
        let ys = circles.compactMap { $0.number("cy") }
        #expect(xs.count == 3 && ys.count == 3)
        // One day, then three more: the gaps are in the ratio 1 : 3.
        #expect(abs((xs[2] - xs[1]) - 3 * (xs[1] - xs[0])) < 0.05)
        #expect(xs[0] == ReadinessTimelineChart.plotLeft && xs[2] == ReadinessTimelineChart.plotRight)
        // Higher values are drawn higher (smaller y), and equal steps in value are equal steps on screen.
        #expect(ys[0] > ys[1] && ys[1] > ys[2])
        #expect(abs((ys[0] - ys[1]) - (ys[1] - ys[2]) / 2) < 0.05)
    }

    @Test func passLineAndBandUseTheSameScale() throws {
        let c = chart()
        let doc = try #require(SVGDocument(c.svg()))
        let pass = try #require(doc.all("line", class: "target").first)
        #expect(abs((pass.number("y1") ?? 0) - c.y(0.25)) < 0.01)
        let band = try #require(doc.all("polygon", class: "band").first?.attributes["points"])
        let pairs = band.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(pairs.count == 6)
        // The top edge runs through each point's high value, the bottom edge back through the lows.
        #expect(abs(pairs[0][1] - c.y(0.5)) < 0.01)
        #expect(abs(pairs[5][1] - c.y(-1.5)) < 0.01)
        // Everything stays inside the plot.
        for p in pairs { #expect(p[1] >= ReadinessTimelineChart.plotTop && p[1] <= ReadinessTimelineChart.plotBottom) }
    }

    @Test func pointsAreSortedAndNotesEscaped() throws {
        var shuffled = points.reversed() as [ReadinessTimelineChart.Point]
        shuffled[0].note = "<exam> & \"more\""
        let svg = chart(shuffled).svg()
        #expect(!svg.contains("<exam>"))
        let doc = try #require(SVGDocument(svg))
        let titles = doc.all("title").map(\.text)
        #expect(titles.contains { $0.contains("after a <exam> & \"more\"") })
        let xs = doc.all("circle", class: "point").compactMap { $0.number("cx") }
        #expect(xs == xs.sorted())
    }

    @Test func singleAndEmptyHistories() throws {
        let one = try #require(SVGDocument(chart(Array(points.prefix(1))).svg()))
        #expect(one.all("circle", class: "point").first?.number("cx") == (ReadinessTimelineChart.plotLeft + ReadinessTimelineChart.plotRight) / 2)
        #expect(one.all("line", class: "whisker").count == 1)
        let none = try #require(SVGDocument(chart([]).svg()))
        #expect(none.all("circle").isEmpty)
        #expect(none.all("desc").first?.text.contains("No finished sessions yet") == true)
    }
}
