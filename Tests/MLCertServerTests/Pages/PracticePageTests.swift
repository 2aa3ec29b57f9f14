import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertCore
import MLCertPractice
@testable import MLCertServer
import Testing

/// Practice through the HTML forms alone (no JavaScript): drills with feedback, mock exams, diagnostics, results and
/// progress; the exam-integrity rule on every open question; and one learner never reaching another's session.
@Suite("Practice pages")
struct PracticePageTests {
    /// The texts that must not appear while an item can still be answered: its explanation and every rationale.
    static func secrets(of itemID: String) throws -> [String] {
        let item = try #require(bundledContent.items.first { $0.id == itemID })
        return ([item.explanation] + item.options.map(\.rationale)).filter { $0.count > 12 }
    }

    static func assertNoSecrets(_ html: String, itemIDs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for id in itemIDs {
            for secret in try secrets(of: id) {
                #expect(!html.contains(secret) && !html.contains(HTML.escaped(secret)), "page shows a rationale or explanation of \(id)",
                    sourceLocation: sourceLocation)
            }
        }
        #expect(!html.contains("<!--"), "page has an HTML comment", sourceLocation: sourceLocation)
        // Attributes are read inside tags only: item text may well contain "data-" or "correct".
        let tags = html.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" } }
        let dataAttributes = tags.flatMap { $0.components(separatedBy: " data-").dropFirst().map { String($0.prefix { $0 != "=" }) } }
        // The timer's seconds and results address, the question's "choose N", the autosave address and grid numbers.
        let allowed: Set<String> = ["remaining-seconds", "results-href", "choose", "autosave", "number"]
        #expect(dataAttributes.allSatisfy(allowed.contains), "unexpected data attributes \(dataAttributes)", sourceLocation: sourceLocation)
        for marker in ["Correct answer", "options-review", "Explanation", "Your choice", "class=\"correct"] {
            #expect(!html.contains(marker), "an open question shows \(marker)", sourceLocation: sourceLocation)
        }
    }

    @Test("a drill without JavaScript: start, answer, see feedback with every rationale, finish on the results", arguments: StoreKind.allCases)
    func drill(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "2")])
            let id = try #require(HTML.sessionID(started.location))
            let stored = try #require(try await app.store.session(id: id))
            #expect(stored.header.kind == .practice && stored.header.items.count == 2)
            for (index, presented) in stored.header.items.enumerated() {
                let question = try await browser.get("/sessions/\(id)")
                #expect(question.status == .ok)
                #expect(question.html.contains("Question \(index + 1) of 2"))
                #expect(HTML.everyPostFormHasCSRF(question.html))
                #expect(HTML.everyInputLabelled(question.html))
                try Self.assertNoSecrets(question.html, itemIDs: [presented.itemID])
                let letters = (0..<presented.choose).map(ItemOption.letter(for:))
                let answered = try await browser.post("/sessions/\(id)/answer", [("position", String(presented.position))] + letters.map { ("choice", $0) })
                #expect(answered.location == "/sessions/\(id)/feedback?q=\(index + 1)")
                let feedback = try await browser.follow(answered)
                #expect(feedback.status == .ok)
                let item = try #require(bundledContent.items.first { $0.id == presented.itemID })
                for option in item.options { #expect(feedback.html.contains(HTML.escaped(option.rationale))) }
                #expect(feedback.html.contains(HTML.escaped(item.explanation)))
                let correct = try #require(try await app.store.session(id: id)).state.answers[presented.position]?.correct
                #expect(feedback.html.contains(correct == true ? "Correct." : "Not quite"))
                #expect(feedback.html.contains(index == 0 ? "Next question" : "See the results"))
            }
            let results = try await browser.get("/sessions/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.html.contains("Drill results"))
            #expect(results.html.contains("role=\"img\""))
            // A finished drill sends the question page to its results.
            #expect(try await browser.get("/sessions/\(id)").location == "/sessions/\(id)/results")
        }
    }

    @Test("an open mock exam shows no key, rationale or explanation on any question; flag, navigate and submit by forms",
        arguments: StoreKind.allCases)
    func examIntegrity(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/exam", [("credential", "google-pmle"), ("minutes", "30")])
            let id = try #require(HTML.sessionID(started.location))
            let header = try #require(try await app.store.session(id: id)).header
            let itemIDs = header.items.map(\.itemID)
            #expect(itemIDs.count > 3)
            for n in 1...itemIDs.count {
                let page = try await browser.get("/sessions/\(id)?q=\(n)")
                #expect(page.status == .ok)
                #expect(page.html.contains("data-remaining-seconds=\"1800\""))
                #expect(page.html.contains("Question \(n) of \(itemIDs.count)"))
                try Self.assertNoSecrets(page.html, itemIDs: itemIDs)
            }
            // Answer question 1 and move on, flag question 2: the grid says so in words.
            let first = header.items[0]
            let saved = try await browser.post("/sessions/\(id)/answer",
                [("position", "0"), ("go", "stay"), ("go", "next")] + (0..<first.choose).map { ("choice", ItemOption.letter(for: $0)) })
            #expect(saved.location == "/sessions/\(id)?q=2")
            let flagged = try await browser.post("/sessions/\(id)/flag", [("position", "1"), ("on", "1")])
            #expect(flagged.location == "/sessions/\(id)?q=2")
            let second = try await browser.follow(flagged)
            #expect(second.html.contains("aria-label=\"Question 1, answered\""))
            #expect(second.html.contains("aria-label=\"Question 2, not answered, flagged\""))
            #expect(second.html.contains("Remove flag"))
            try Self.assertNoSecrets(second.html, itemIDs: itemIDs)
            // No feedback page exists for an exam, and its results wait until it is submitted.
            #expect(try await browser.get("/sessions/\(id)/feedback?q=1").status == .notFound)
            #expect(try await browser.get("/sessions/\(id)/results").location == "/sessions/\(id)")

            let submitted = try await browser.post("/sessions/\(id)/submit", [])
            let results = try await browser.follow(submitted)
            #expect(results.html.contains("Mock exam results"))
            // After submission the keys and explanations are shown.
            let item = try #require(bundledContent.items.first { $0.id == first.itemID })
            #expect(results.html.contains(HTML.escaped(item.explanation)))
        }
    }

    @Test("the server finishes an expired exam on the next request, without any script")
    func examExpiresOnTheServer() async throws {
        let app = try await TestApp(store: .sqlite)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/exam", [("credential", "google-pmle"), ("minutes", "1")])
            let id = try #require(HTML.sessionID(started.location))
            let page = try await browser.follow(started)
            #expect(page.html.contains("data-remaining-seconds=\"60\""))
            app.clock.advance(61)
            let late = try await browser.get("/sessions/\(id)")
            #expect(late.location == "/sessions/\(id)/results")
            // An answer posted after the deadline is not recorded; the learner lands on the results.
            let refused = try await browser.post("/sessions/\(id)/answer", [("position", "0"), ("choice", "A")])
            #expect(refused.location == "/sessions/\(id)/results")
            let state = try #require(try await app.store.session(id: id)).state
            #expect(state.answers.isEmpty)
            #expect(state.finished?.reason == .timeUp)
            let results = try await browser.follow(refused)
            #expect(results.html.contains("time ran out"))
        }
    }

    @Test("a diagnostic shows no key before it ends and moves forward question by question")
    func diagnostic() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/diagnostic", [("credential", "google-pmle")])
            let id = try #require(HTML.sessionID(started.location))
            for _ in 0..<3 {
                let state = try #require(try await app.store.session(id: id)).state
                guard !state.isFinished, let position = state.unanswered.first else { break }
                let presented = try #require(state.items.first { $0.position == position })
                let page = try await browser.get("/sessions/\(id)")
                #expect(page.html.contains("Diagnostic"))
                try Self.assertNoSecrets(page.html, itemIDs: state.items.map(\.itemID))
                let answered = try await browser.post("/sessions/\(id)/answer",
                    [("position", String(position))] + (0..<presented.choose).map { ("choice", ItemOption.letter(for: $0)) })
                #expect(answered.location == "/sessions/\(id)" || answered.location == "/sessions/\(id)/results")
            }
            #expect(try await browser.get("/sessions/\(id)/feedback?q=1").status == .notFound)
        }
    }

    @Test("another learner's session is a 404 on every session route", arguments: StoreKind.allCases)
    func otherLearnersSession(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let ada = PageBrowser(client)
            try await ada.register()
            let drill = try #require(HTML.sessionID(try await ada.post("/practice/drill", [("credential", "google-pmle"), ("count", "2")]).location))
            let exam = try #require(HTML.sessionID(try await ada.post("/practice/exam", [("credential", "google-pmle")]).location))

            let eve = PageBrowser(client)
            try await eve.register(name: "Eve", email: "eve@example.com")
            for id in [drill, exam] {
                for path in ["/sessions/\(id)", "/sessions/\(id)?q=1", "/sessions/\(id)/feedback?q=1", "/sessions/\(id)/results"] {
                    let page = try await eve.get(path)
                    #expect(page.status == .notFound, "\(path) answered \(page.status.code)")
                    try Self.assertNoSecrets(page.html, itemIDs: try #require(try await app.store.session(id: id)).header.items.map(\.itemID))
                }
                for (path, fields) in [("answer", [("position", "0"), ("choice", "A")]), ("flag", [("position", "0"), ("on", "1")]), ("submit", [])] {
                    let page = try await eve.post("/sessions/\(id)/\(path)", fields)
                    #expect(page.status == .notFound, "POST \(path) answered \(page.status.code)")
                }
            }
            // Nothing Eve did reached Ada's sessions.
            let state = try #require(try await app.store.session(id: exam)).state
            #expect(state.answers.isEmpty && state.flagged.isEmpty && !state.isFinished)
        }
    }

    @Test("refusals come back as pages that name the problem")
    func refusals() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let badCount = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "0")])
            #expect(badCount.status == .badRequest)
            #expect(badCount.html.contains("&#39;0&#39; is not a number of questions"))
            let badDomain = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("domain", "astrology")])
            #expect(badDomain.status == .badRequest)
            #expect(badDomain.html.contains("astrology"))
            let badMinutes = try await browser.post("/practice/exam", [("credential", "google-pmle"), ("minutes", "-5")])
            #expect(badMinutes.status == .badRequest)
            #expect(badMinutes.html.contains("time limit"))
            let nothingDue = try await browser.post("/practice/review", [("credential", "google-pmle")])
            #expect(nothingDue.status == .ok)
            #expect(nothingDue.html.contains("Nothing is due for review"))
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle")])
            let id = try #require(HTML.sessionID(started.location))
            let noChoice = try await browser.post("/sessions/\(id)/answer", [("position", "0")])
            #expect(noChoice.status == .badRequest)
            #expect(noChoice.html.contains("Choose an answer first."))
            let badLetter = try await browser.post("/sessions/\(id)/answer", [("position", "0"), ("choice", "Z9")])
            #expect(badLetter.status == .badRequest)
            let badPosition = try await browser.post("/sessions/\(id)/answer", [("position", "999"), ("choice", "A")])
            #expect(badPosition.status == .badRequest)
        }
    }

    @Test("the progress dashboard draws three accessible charts and states the verdict with its uncertainty")
    func progress() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let empty = try await browser.get("/progress?credential=google-pmle")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("No finished sessions yet"))
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "3")])
            let id = try #require(HTML.sessionID(started.location))
            for presented in try #require(try await app.store.session(id: id)).header.items {
                app.clock.advance(30)
                _ = try await browser.post("/sessions/\(id)/answer",
                    [("position", String(presented.position))] + (0..<presented.choose).map { ("choice", ItemOption.letter(for: $0)) })
            }
            let page = try await browser.get("/progress?credential=google-pmle")
            #expect(page.status == .ok)
            #expect(page.html.components(separatedBy: "role=\"img\"").count - 1 == 3)
            for chart in ["strength", "timeline", "pace"] { #expect(page.html.contains("<desc id=\"\(chart)-desc\">")) }
            #expect(page.html.contains("chance of passing if you sat the exam today (likely range "))
            #expect(page.html.contains("From your latest answers to 3 different questions"))
            #expect(!page.html.contains("credibility") && page.html.range(of: "\\bability\\b", options: .regularExpression) == nil,
                "no ability scale on a learner's page")
            #expect(page.html.contains("class=\"point\""))
            #expect(page.html.contains("30 s per question over 3"))
            // The chart's numbers are also a list in words, one line per blueprint domain.
            let domains = try #require(bundledContent.catalog.credential(id: "google-pmle")?.currentBlueprint?.domains)
            for domain in domains { #expect(page.html.contains("<li><strong>\(HTML.escaped(domain.title))</strong>: ")) }
        }
    }

    @Test("a missed question comes back for review once it is due, with feedback after the answer", arguments: StoreKind.allCases)
    func reviewOfMissedQuestions(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "1")])
            let id = try #require(HTML.sessionID(started.location))
            let presented = try #require(try await app.store.session(id: id)?.header.items.first)
            let item = try #require(bundledContent.items.first { $0.id == presented.itemID })
            // Choose options that are not the key, so the answer is wrong.
            let wrong = presented.shownIndices(forAuthored: item.options.indices.filter { !item.options[$0].correct }).prefix(presented.choose)
            _ = try await browser.post("/sessions/\(id)/answer", [("position", "0")] + wrong.map { ("choice", ItemOption.letter(for: $0)) })
            #expect(try #require(try await app.store.session(id: id)).state.answers[0]?.correct == false)
            app.clock.advance(3 * 24 * 3600)
            // Three idle days end the login (12-hour idle timeout): sign in again, as the learner would.
            try await browser.get("/login")
            try await browser.post("/login", [("email", "ada@example.com"), ("password", "correct horse battery")])
            let hub = try await browser.get("/practice?credential=google-pmle")
            #expect(hub.html.contains("due for review."))
            #expect(hub.html.contains("Review missed questions"))
            let review = try await browser.post("/practice/review", [("credential", "google-pmle")])
            let reviewID = try #require(HTML.sessionID(review.location))
            let stored = try #require(try await app.store.session(id: reviewID))
            #expect(stored.header.kind == .review)
            #expect(stored.header.items.map(\.itemID).contains(item.id))
            let page = try await browser.follow(review)
            #expect(page.html.contains("<strong>Review</strong>"))
            let first = try #require(stored.header.items.first)
            let firstItem = try #require(bundledContent.items.first { $0.id == first.itemID })
            let again = try await browser.post("/sessions/\(reviewID)/answer",
                [("position", String(first.position))] + (0..<first.choose).map { ("choice", ItemOption.letter(for: $0)) })
            #expect(again.location == "/sessions/\(reviewID)/feedback?q=1")
            #expect(try await browser.follow(again).html.contains(HTML.escaped(firstItem.explanation)))
        }
    }

    @Test("practice pages send a visitor to log in and come back")
    func signInRequired() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            for path in ["/practice", "/progress", "/account", "/sessions/abc"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/login?next=") == true, "\(path)")
            }
        }
    }
}
