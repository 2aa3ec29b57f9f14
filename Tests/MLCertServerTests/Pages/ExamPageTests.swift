import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertCore
import MLCertPractice
@testable import MLCertServer
import Testing

/// The mock exam through its forms alone (what a browser without JavaScript sends): every button of the answer form
/// saves the selection first, the review screen comes before submitting, a partial "choose two" answer is kept, a
/// second start resumes the open exam, and problem reports are stored and acknowledged. The browser checks
/// (`Browser/exam_checks.py`) cover the same ground with the script running.
@Suite("Mock exam pages")
struct ExamPageTests {
    /// The shown letters of a wrong-but-complete answer to `presented` (count = choose), so a change is visible.
    static func letters(_ presented: PresentedItem, count: Int? = nil) -> [String] {
        (0..<(count ?? presented.choose)).map(ItemOption.letter(for:))
    }

    /// Fails with the old page, where Previous, Next and the grid were links and Flag and Submit separate forms: the
    /// selection on screen was then thrown away by every one of them.
    @Test("every button of the answer form saves the selection on screen first", arguments: StoreKind.allCases)
    func everyButtonSaves(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/exam", [("credential", "aws-mla-c01")])
            let id = try #require(HTML.sessionID(started.location))
            let items = try #require(try await app.store.session(id: id)).header.items
            let routes: [(go: String, lands: String)] = [
                ("next", "/sessions/\(id)?q=4"), ("prev", "/sessions/\(id)?q=3"), ("q40", "/sessions/\(id)?q=40"),
                ("flag", "/sessions/\(id)?q=5"), ("review", "/sessions/\(id)/review"), ("stay", "/sessions/\(id)?q=7"),
            ]
            for (offset, route) in routes.enumerated() {
                let position = [2, 3, 4, 4, 5, 6][offset]
                let presented = try #require(items.first { $0.position == position })
                _ = try await browser.get("/sessions/\(id)?q=\(position + 1)")
                let response = try await browser.post("/sessions/\(id)/answer",
                    [("position", String(position))] + Self.letters(presented).map { ("choice", $0) } + [("go", route.go)])
                #expect(response.status == .seeOther)
                #expect(response.location == route.lands, "go=\(route.go) went to \(response.location ?? "-")")
                let state = try #require(try await app.store.session(id: id)).state
                #expect(state.answers[position]?.selected.count == presented.choose, "go=\(route.go) did not save the selection")
            }
            let state = try #require(try await app.store.session(id: id)).state
            #expect(state.flagged == [4])
            #expect(state.changes.isEmpty, "saving the same selection twice is not a change of answer")
            // The question page offers exactly these buttons, inside the one answer form.
            let page = try await browser.get("/sessions/\(id)?q=5")
            let form = try #require(page.html.components(separatedBy: "id=\"answer-form\"").last?.components(separatedBy: "</form>").first)
            for go in ["next", "prev", "unflag", "review", "q1", "q65"] { #expect(form.contains("name=\"go\" value=\"\(go)\""), "no \(go) button in the form") }
            #expect(!page.html.contains("action=\"/sessions/\(id)/submit\""), "the question page submits the exam without the review screen")
        }
    }

    /// Fails with the old engine (one of two options was refused) and the old page (no count).
    @Test("a partial choose-two answer is kept in progress, counted and marked; three are refused; none clears it")
    func partialAnswer() async throws {
        let app = try await TestApp(store: .sqlite)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let id = try #require(HTML.sessionID(try await browser.post("/practice/exam", [("credential", "aws-mla-c01")]).location))
            let items = try #require(try await app.store.session(id: id)).header.items
            let two = try #require(items.first { $0.choose == 2 })
            let number = two.position + 1
            _ = try await browser.get("/sessions/\(id)?q=\(number)")
            let saved = try await browser.post("/sessions/\(id)/autosave", [("position", String(two.position)), ("choice", "A")])
            #expect(saved.status == .ok)
            #expect(saved.html.contains("\"selected\":1") && saved.html.contains("\"cell_state\":\"partial\""))
            let page = try await browser.get("/sessions/\(id)?q=\(number)")
            #expect(page.html.contains("1 of 2 selected"))
            #expect(page.html.contains("Question \(number), partly answered"))
            let three = try await browser.post("/sessions/\(id)/answer", [("position", String(two.position)), ("choice", "A"), ("choice", "B"), ("choice", "C"), ("go", "next")])
            #expect(three.status == .badRequest)
            #expect(three.html.contains("This question asks for two answers; you chose three answers. Clear one first."))
            let cleared = try await browser.post("/sessions/\(id)/answer", [("position", String(two.position)), ("go", "stay")])
            #expect(cleared.status == .seeOther)
            #expect(try #require(try await app.store.session(id: id)).state.answers[two.position] == nil)
        }
    }

    /// Fails with the old page (one click on "Submit the exam" ended it) and without `ExamReviewPage`.
    @Test("Review and submit shows the counts, the grid and a confirm button, with the clock running")
    func reviewScreen() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let id = try #require(HTML.sessionID(try await browser.post("/practice/exam", [("credential", "aws-mla-c01"), ("minutes", "30")]).location))
            let first = try #require(try await app.store.session(id: id)).header.items[0]
            _ = try await browser.post("/sessions/\(id)/answer", [("position", "0")] + Self.letters(first).map { ("choice", $0) } + [("go", "flag")])
            app.clock.advance(60)
            let review = try await browser.get("/sessions/\(id)/review")
            #expect(review.status == .ok)
            #expect(review.html.contains("<strong>1</strong> answered") && review.html.contains("<strong>64</strong> not answered")
                && review.html.contains("<strong>1</strong> flagged"))
            #expect(review.html.contains("data-remaining-seconds=\"1740\""), "the clock runs on the review screen")
            #expect(review.html.components(separatedBy: "class=\"cell ").count - 1 == 65)
            #expect(review.html.contains("64 questions are not fully answered"))
            #expect(try #require(try await app.store.session(id: id)).state.isFinished == false)
            let submitted = try await browser.post("/sessions/\(id)/submit", [("confirm", "1")])
            #expect(submitted.location == "/sessions/\(id)/results")
        }
    }

    /// Fails without `createUnlessOpen` in `startExam`: the second post made a second running exam.
    @Test("starting a mock exam again resumes the open one", arguments: StoreKind.allCases)
    func startTwice(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let first = try await browser.post("/practice/exam", [("credential", "google-pmle")])
            let second = try await browser.post("/practice/exam", [("credential", "google-pmle")])
            #expect(first.location == second.location)
            let hub = try await browser.get("/practice?credential=google-pmle")
            #expect(hub.html.components(separatedBy: "Mock exam, question").count - 1 == 1)
        }
    }

    /// Fails without the report routes and the `v3-item-reports` store methods.
    @Test("a problem report is stored with the item id and version and acknowledged to the reporter", arguments: StoreKind.allCases)
    func problemReport(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let id = try #require(HTML.sessionID(try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "1")]).location))
            let presented = try #require(try await app.store.session(id: id)).header.items[0]
            _ = try await browser.post("/sessions/\(id)/answer", [("position", "0")] + Self.letters(presented).map { ("choice", $0) })
            let feedback = try await browser.get("/sessions/\(id)/feedback?q=1")
            #expect(feedback.html.contains("href=\"/sessions/\(id)/report?q=1\""))
            let form = try await browser.get("/sessions/\(id)/report?q=1")
            #expect(form.status == .ok && HTML.everyInputLabelled(form.html) && HTML.everyPostFormHasCSRF(form.html))
            let missingKind = try await browser.post("/sessions/\(id)/report", [("q", "1"), ("comment", "x")])
            #expect(missingKind.status == .badRequest && missingKind.html.contains("Choose what is wrong"))
            let sent = try await browser.post("/sessions/\(id)/report", [("q", "1"), ("kind", "wrong_key"), ("comment", "  C is right too  ")])
            #expect(sent.location == "/sessions/\(id)/report?q=1&sent=1")
            let acknowledged = try await browser.follow(sent)
            #expect(acknowledged.html.contains("is received") && acknowledged.html.contains("The marked answer is wrong: received"))
            let stored = try await app.store.itemReports(learnerID: nil)
            #expect(stored.count == 1)
            #expect(stored.first?.itemID == presented.itemID && stored.first?.itemVersion == presented.itemVersion)
            #expect(stored.first?.kind == .wrongKey && stored.first?.comment == "C is right too")
        }
    }

    /// Fails with the old error middleware order: the error page was rendered before the login was known.
    @Test("an error page speaks to the learner and shows them signed in")
    func errorPageSignedIn() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let page = try await browser.get("/sessions/0123456789")
            #expect(page.status == .notFound)
            #expect(page.html.contains("We could not find that session"))
            #expect(page.html.contains(">Log out</button>"))
            #expect(!page.html.contains("0123456789") && !page.html.contains("not_found") && !page.html.contains("Status 404"))
            let retired = try await browser.get("/practice?credential=aws-mls-c01")
            #expect(retired.html.contains("<title>This exam has been retired · mlcert</title>"))
            #expect(retired.html.contains("href=\"/practice?credential=aws-mla-c01\""))
        }
    }

    /// An item with its `references` set, as the bank's items gain them.
    static func withReference(_ item: Item) -> Item {
        Item(id: item.id, version: item.version, credential: item.credential, blueprint: item.blueprint, domain: item.domain, objective: item.objective,
            skillArea: item.skillArea, type: item.type, choose: item.choose, difficulty: item.difficulty, scenario: item.scenario, question: item.question,
            options: item.options, explanation: item.explanation, tags: item.tags, lastChecked: item.lastChecked, review: item.review, origin: item.origin,
            optionsReview: item.optionsReview, references: [ItemReference(title: "Vertex AI: \(item.id)", url: "https://cloud.google.com/vertex-ai/docs/\(item.id)")],
            addedOn: item.addedOn, retired: item.retired)
    }

    /// Fails without `PageFormat.documentation` in the feedback page and the results review.
    @Test("feedback and the results review link to the documentation each question rests on")
    func documentationLinks() async throws {
        let items = bundledContent.items.map { $0.credential == "google-pmle" ? Self.withReference($0) : $0 }
        let app = try await TestApp(store: .memory, items: items)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let id = try #require(HTML.sessionID(try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "1")]).location))
            let presented = try #require(try await app.store.session(id: id)).header.items[0]
            let answered = try await browser.post("/sessions/\(id)/answer", [("position", "0")] + Self.letters(presented).map { ("choice", $0) })
            let link = "<a href=\"https://cloud.google.com/vertex-ai/docs/\(presented.itemID)\" rel=\"noopener\">Vertex AI: \(presented.itemID)</a>"
            #expect(try await browser.follow(answered).html.contains(link))
            #expect(try await browser.get("/sessions/\(id)/results").html.contains(link))
        }
    }
}
