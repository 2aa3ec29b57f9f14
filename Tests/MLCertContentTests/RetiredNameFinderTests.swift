import MLCertCore
@testable import MLCertContent
import Testing

@Suite("Finding retired product names in prose")
struct RetiredNameFinderTests {
    let finder = RetiredNameFinder([
        ProductRename(old: "Vertex AI", current: "Agent Platform", vendor: "google", status: .renamed, on: Day("2026-04-22"), source: "s"),
        ProductRename(old: "Vertex AI Workbench", current: "Agent Platform Workbench", vendor: "google", status: .renamed, on: Day("2026-04-22"), source: "s"),
        ProductRename(old: "Dataproc", current: "Managed Service for Apache Spark", vendor: "google", status: .renamed, by: Day("2026-12-07"), source: "s"),
        ProductRename(old: "Databricks Asset Bundles", current: "Declarative Automation Bundles", vendor: "databricks", status: .renamed, by: Day("2026-12-07"), source: "s"),
    ])

    @Test func theLongestNameWinsSoAComponentIsNotAlsoCountedAsThePlatform() {
        #expect(finder.entries(in: "Open a Vertex AI Workbench instance.").map(\.old) == ["Vertex AI Workbench"])
        #expect(finder.entries(in: "Train on Vertex AI, then open Vertex AI Workbench.").map(\.old) == ["Vertex AI", "Vertex AI Workbench"])
    }

    @Test func onlyWholePhrasesCountAndCaseMatters() {
        #expect(finder.entries(in: "Run `gcloud dataproc jobs submit`.").isEmpty)
        #expect(finder.entries(in: "The DataprocHub tool.").isEmpty)
        #expect(finder.entries(in: "A Vertex AI-hosted endpoint.").map(\.old) == ["Vertex AI"])
    }

    @Test func aPluralNameAlsoMatchesItsSingular() {
        #expect(finder.entries(in: "Define the jobs in a Databricks Asset Bundle.").map(\.old) == ["Databricks Asset Bundles"])
        #expect(RetiredNameFinder.mentions("Declarative Automation Bundles", in: "a Declarative Automation Bundle"))
    }
}
