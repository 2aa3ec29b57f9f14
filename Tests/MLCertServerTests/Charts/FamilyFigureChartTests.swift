import Foundation
import MLCertFamilies
import Testing

@testable import MLCertServer

@Suite("Computed question figure")
struct FamilyFigureChartTests {
    @Test func histogramPairDrawsOneBarPerBinAndSeriesScaledToTheLargestValue() throws {
        let figure = FamilyFigure.histogramPair(title: "Share per bin", bins: ["Q1", "Q2", "Q3"],
            first: (label: "training", values: [20, 40, 40]), second: (label: "serving", values: [10, 50, 80]))
        let doc = try #require(SVGDocument(FamilyFigureChart(id: "f", figure: figure).svg()))
        // Three bins, two series, plus one legend swatch per series.
        let bars = doc.all("rect").filter { ($0.number("height") ?? 0) != 12 }
        #expect(bars.count == 6)
        let heights = bars.compactMap { $0.number("height") }
        #expect(abs((heights.max() ?? 0) - FamilyFigureChart.plotHeight) < 0.02, "the largest value fills the plot")
        // 40 of 80 is half the plot.
        #expect(heights.contains { abs($0 - FamilyFigureChart.plotHeight / 2) < 0.02 })
        let desc = try #require(doc.all("desc").first).text
        #expect(desc.contains("training: Q1 20, Q2 40, Q3 40") && desc.contains("serving: Q1 10, Q2 50, Q3 80"))
    }

    @Test func curvesDrawOnePointPerXAndSayEveryValue() throws {
        let figure = FamilyFigure.curves(title: "Latency", xLabel: "requests/s", yLabel: "p99 ms", x: [10, 20, 40],
            series: [(label: "p99", values: [50, 80, 200])])
        let svg = FamilyFigureChart(id: "c", figure: figure).svg()
        let doc = try #require(SVGDocument(svg))
        #expect(doc.all("circle").count == 3)
        #expect(doc.all("polyline").count == 1)
        #expect(try #require(doc.all("desc").first).text.contains("p99: 10 50, 20 80, 40 200"))
    }

    @Test func everyFamilyInstanceWithAFigureRendersWellFormed() throws {
        for family in FamilyCatalog.all {
            for seed in UInt64(0)..<5 {
                guard let figure = family.instance(seed: seed).figure else { continue }
                let svg = FamilyFigureChart(id: "x", figure: figure).svg()
                #expect(SVGDocument(svg) != nil, "\(family.info.id) seed \(seed) draws malformed SVG")
                #expect(!svg.contains("nan") && !svg.contains("inf"), "\(family.info.id) seed \(seed)")
            }
        }
    }
}
