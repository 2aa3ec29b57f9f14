import Foundation
import Testing

@testable import MLCertServer

@Suite("Domain strength chart")
struct DomainStrengthChartTests {
    let rows: [DomainStrengthChart.Row] = [
        .init(label: "Data preparation", strength: 0.4, low: 0.2, high: 0.6, weight: 0.3, answered: 10),
        .init(label: "Model development", strength: 0.8, low: 0.7, high: 0.9, weight: 0.5, answered: 20),
        .init(label: "Monitoring", strength: 0, low: 0, high: 0, weight: 0.2, answered: 0),
    ]

    @Test func isWellFormedAndAccessible() throws {
        let svg = DomainStrengthChart(id: "strength", title: "Strength by domain", rows: rows, target: 0.7).svg()
        let doc = try #require(SVGDocument(svg))
        let root = try #require(doc.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "strength-title strength-desc")
        #expect(doc.all("title").first?.attributes["id"] == "strength-title")
        let desc = try #require(doc.all("desc").first)
        #expect(desc.attributes["id"] == "strength-desc")
        // The description states the numbers, so the chart does not depend on seeing it.
        #expect(desc.text.contains("Data preparation: 40% correct of 10, likely 20%–60% (weight 30%)"))
        #expect(desc.text.contains("Monitoring: no answers yet (weight 20%)"))
        #expect(desc.text.contains("pass mark is 70%"))
    }

    @Test func barLengthIsProportionalToStrength() throws {
        let doc = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: rows).svg()))
        let bars = doc.all("rect", class: "bar")
        // The domain without answers gets no bar, only its text.
        #expect(bars.count == 2)
        let weak = try #require(bars[0].number("width"))
        let strong = try #require(bars[1].number("width"))
        #expect(weak > 0)
        #expect(abs(strong - 2 * weak) < 0.02)
        #expect(abs(strong - 0.8 * DomainStrengthChart.trackWidth) < 0.02)
    }

    @Test func bandSpansTheUncertainty() throws {
        let doc = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: rows).svg()))
        let band = try #require(doc.all("rect", class: "band").first)
        let x = try #require(band.number("x"))
        let width = try #require(band.number("width"))
        #expect(abs(x - (DomainStrengthChart.left + 0.2 * DomainStrengthChart.trackWidth)) < 0.02)
        #expect(abs(width - 0.4 * DomainStrengthChart.trackWidth) < 0.02)
        #expect(doc.all("line", class: "whisker").count == 4)
    }

    @Test func passMarkLineSitsAtTheTarget() throws {
        let doc = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: rows, target: 0.5).svg()))
        let line = try #require(doc.all("line", class: "target").first)
        #expect(line.number("x1") == DomainStrengthChart.left + 0.5 * DomainStrengthChart.trackWidth)
        // One segment per bar, all at the same x, each within its bar's rows (never across a line of text).
        let segments = doc.all("line", class: "target")
        #expect(segments.count == rows.count)
        #expect(Set(segments.compactMap { $0.number("x1") }).count == 1)
        let bars = doc.all("rect", class: "track")
        for (segment, bar) in zip(segments, bars) {
            let top = try #require(bar.number("y"))
            #expect((segment.number("y1") ?? 0) >= top - 5 && (segment.number("y2") ?? 0) <= top + DomainStrengthChart.barHeight + 5)
        }
        let without = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: rows).svg()))
        #expect(without.all("line", class: "target").isEmpty)
    }

    @Test func outOfRangeInputIsClamped() throws {
        let wild = [DomainStrengthChart.Row(label: "x", strength: 1.7, low: -.infinity, high: .nan, weight: 2, answered: 3)]
        let svg = DomainStrengthChart(id: "s", title: "t", rows: wild).svg()
        let doc = try #require(SVGDocument(svg))
        #expect(doc.all("rect", class: "bar").first?.number("width") == DomainStrengthChart.trackWidth)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func labelsAndTitleAreEscaped() throws {
        let hostile = [DomainStrengthChart.Row(label: "<script>alert(\"x\")</script> & 'co'", strength: 0.5, low: 0.4, high: 0.6, weight: 1, answered: 2)]
        let svg = DomainStrengthChart(id: "a\"b", title: "R&D <b>", rows: hostile).svg()
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("<b>"))
        let doc = try #require(SVGDocument(svg))
        // Parsed back, the escaped text reads exactly as given.
        #expect(doc.all("title").first?.text == "R&D <b>")
        #expect(doc.all("text", class: "label").map(\.text).joined(separator: " ").hasPrefix("<script>alert(\"x\")</script> & 'co' 50%"))
        #expect(doc.elements.first?.attributes["id"] == "a\"b")
    }

    /// Fails with the old chart, which cut a long title to 40 characters and an ellipsis.
    @Test func longTitlesWrapOntoLinesAndAreNeverCut() throws {
        let title = "Collaborating within and across teams to manage data and models"
        let row = DomainStrengthChart.Row(label: title, strength: 0.5, low: 0.3, high: 0.7, weight: 0.16, answered: 4)
        let doc = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: [row]).svg()))
        let lines = doc.all("text", class: "label").map(\.text)
        #expect(lines.count >= 3)
        #expect(lines.allSatisfy { $0.count <= SVGText.charactersPerLine && !$0.contains("…") })
        #expect(lines.joined(separator: " ").hasPrefix(title + " 50% correct of 4"))
        #expect(doc.all("desc").first?.text.contains(title + ": 50% correct of 4") == true)
    }

    @Test func emptyChartSaysSo() throws {
        let doc = try #require(SVGDocument(DomainStrengthChart(id: "s", title: "t", rows: []).svg()))
        #expect(doc.all("desc").first?.text == "No domains to show yet.")
        #expect(doc.all("rect", class: "bar").isEmpty)
    }
}
