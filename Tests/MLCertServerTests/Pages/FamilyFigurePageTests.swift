import Foundation
import MLCertCore
import MLCertFamilies
import MLCertPractice
@testable import MLCertServer
import Testing

/// A computed question on the web: its scenario numbers as a chart and a table, and nothing of its key.
@Suite("Computed questions on the practice pages")
struct FamilyFigurePageTests {
    @Test("a drill of computed PMLE questions shows each one's table (and chart) and no rationale before the answer")
    func drillShowsFigures() async throws {
        // Only instances that have both a figure and a table, so that whichever four the drill draws, each must show both.
        let generated = PracticePool.items(instancesPerFamily: 2).filter { item in
            guard item.credential == "google-pmle", let instance = FamilyCatalog.instance(itemID: item.id, credential: "google-pmle") else { return false }
            return instance.figure != nil && instance.table != nil
        }
        #expect(generated.count >= 4)
        let app = try await TestApp(store: .memory, items: bundledContent.items.filter { $0.credential != "google-pmle" } + generated)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "4")])
            let id = try #require(HTML.sessionID(started.location))
            let stored = try #require(try await app.store.session(id: id))
            var figures = 0
            for presented in stored.header.items {
                let instance = try #require(FamilyCatalog.instance(itemID: presented.itemID, credential: "google-pmle"))
                let question = try await browser.get("/sessions/\(id)")
                #expect(question.status == .ok)
                let table = try #require(instance.table, "\(presented.itemID) has no table")
                #expect(question.html.contains("<caption>\(HTML.escaped(table.caption))</caption>"))
                for row in table.rows { #expect(question.html.contains("<td>\(HTML.escaped(row[0]))</td>")) }
                if instance.figure != nil {
                    figures += 1
                    #expect(question.html.contains("<svg") && question.html.contains("class=\"chart\""))
                }
                for option in instance.item.options where option.rationale.count > 12 {
                    #expect(!question.html.contains(HTML.escaped(option.rationale)), "an open computed question shows a rationale")
                }
                let letters = (0..<presented.choose).map(ItemOption.letter(for:))
                _ = try await browser.post("/sessions/\(id)/answer", [("position", String(presented.position))] + letters.map { ("choice", $0) })
            }
            #expect(figures == stored.header.items.count, "a computed PMLE question in the drill had no chart")
        }
    }
}
