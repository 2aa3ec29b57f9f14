import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertCore
@testable import MLCertServer
import Testing

/// Pages anyone can open: status, the content that matters, labels, and the field named in every refusal.
@Suite("Public pages")
struct PublicPageTests {
    @Test("home, catalog and a credential page render with the layout's landmarks")
    func homeAndCatalog() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.html.contains("<a class=\"skip\" href=\"#main\">"))
            #expect(home.html.contains("<main id=\"main\""))
            #expect(home.html.contains("href=\"/register\""))
            #expect(HTML.everyPostFormHasCSRF(home.html))

            // The navigation is there, with the current section marked.
            #expect(home.html.contains("<a href=\"/catalog\">Catalog</a>") && home.html.contains("<a href=\"/login\">Log in</a>"))
            let catalog = try await browser.get("/catalog")
            #expect(catalog.status == .ok)
            #expect(catalog.html.contains("<a href=\"/catalog\" aria-current=\"page\">Catalog</a>"))
            #expect(catalog.html.contains("\(bundledContent.catalog.credentials.count) credentials;"))
            for credential in bundledContent.catalog.credentials { #expect(catalog.html.contains("href=\"/catalog/\(credential.id)\"")) }
            // A retired credential is marked and links to its successor.
            let retiredRow = try #require(catalog.html.components(separatedBy: "<tr>").first { $0.contains("href=\"/catalog/aws-mls-c01\"") })
            #expect(retiredRow.contains("Retired"))
            #expect(retiredRow.contains("replaced by <a href=\"/catalog/aws-mla-c01\">"))

            let retired = try await browser.get("/catalog/aws-mls-c01")
            #expect(retired.status == .ok)
            #expect(retired.html.contains("can no longer be taken"))
            #expect(retired.html.contains("Its successor is <a href=\"/catalog/aws-mla-c01\">"))

            let pmle = try await browser.get("/catalog/google-pmle")
            let credential = try #require(bundledContent.catalog.credential(id: "google-pmle"))
            #expect(pmle.html.contains("<h1>\(HTML.escaped(credential.name))</h1>"))
            for domain in credential.currentBlueprint?.domains ?? [] { #expect(pmle.html.contains(HTML.escaped(domain.title))) }
            #expect(pmle.html.contains("Price") && pmle.html.contains("Duration") && pmle.html.contains("<h2>Sources</h2>"))

            // The exam code follows the guide in force, and the beta's differences are shown beside the standard form.
            let mla = try await browser.get("/catalog/aws-mla-c01")
            #expect(mla.html.contains("<dt>Exam code</dt><dd>MLA-C02</dd>"))
            #expect(mla.html.contains("<h3>English beta (ME1-C02), from 2026-09-29</h3>"))
            #expect(mla.html.contains("<dt>Duration</dt><dd>170 minutes"))
            #expect(mla.html.contains("id=\"source-aws-mla-c02-guides-secondary\""))
            // What changed since the previous guide, side by side; no learner data for a visitor.
            #expect(mla.html.contains("What changed from guide 2024-10 (MLA-C01) to 2026-09 (MLA-C02)"))
            #expect(mla.html.contains("<td>2. ML Model Development</td><td>26%</td><td>2. ML Model and Foundation Model (FM) Development</td><td>24%</td><td>retitled and reweighted</td>"))
            #expect(!mla.html.contains("Your weak areas"))
        }
    }

    @Test("a signed-in learner sees which of their weak areas the guide change touches")
    func weakAreasOnTheCredentialPage() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let none = try await browser.get("/catalog/aws-mla-c01")
            #expect(none.html.contains("You have no weak area on these two guides yet"))
            // Thirty wrong answers over twelve objectives put at least two in one objective.
            let started = try await browser.post("/practice/drill", [("credential", "aws-mla-c01"), ("count", "30")])
            let id = try #require(HTML.sessionID(started.location))
            let stored = try #require(try await app.store.session(id: id))
            for presented in stored.header.items {
                let item = try #require(bundledContent.items.first { $0.id == presented.itemID })
                let wrong = presented.optionOrder.indices.filter { !item.keyIndices.contains(presented.optionOrder[$0]) }.prefix(presented.choose)
                _ = try await browser.post("/sessions/\(id)/answer", [("position", String(presented.position))] + wrong.map { ("choice", ItemOption.letter(for: $0)) })
            }
            let page = try await browser.get("/catalog/aws-mla-c01")
            #expect(page.html.contains("<h3>Your weak areas and the change</h3>"))
            #expect(page.html.contains("<ul class=\"weak-areas\"><li>2026-09 "))
            #expect(page.html.contains("correct (0%)"))
        }
    }

    @Test("an unknown credential is a 404 page for a browser and JSON for an API client")
    func unknownCredential() async throws {
        try await TestApp(store: .memory).run { client in
            let page = try await PageBrowser(client).get("/catalog/no-such-exam")
            #expect(page.status == .notFound)
            #expect(page.html.contains("<h1>Not found</h1>"))
            try await client.execute(uri: "/catalog/no-such-exam", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test("the advisor form asks every questionnaire question with labels, and the verdict gives reasons, time and cost")
    func advisor() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            let form = try await browser.get("/advise")
            #expect(form.status == .ok)
            for key in advisorFormKeys { #expect(form.html.contains("name=\"\(key)\""), "no field \(key)") }
            #expect(HTML.everyInputLabelled(form.html))
            let verdict = try await browser.get("/advice?cloud=gcp&employer_reimburses=yes&weekly_study_hours=10")
            #expect(verdict.status == .ok)
            for heading in ["Reasons for", "Reasons against", "Preparation and cost", "Next steps"] { #expect(verdict.html.contains(heading)) }
            #expect(verdict.html.contains("at 10 hours a week"))
            // Going back keeps the answers.
            #expect(verdict.html.contains("/advise?cloud=gcp&amp;"))
            let bad = try await browser.get("/advice?cloud=mars")
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains("role=\"alert\">cloud: &#39;mars&#39; is not allowed"))
        }
    }

    @Test("the plan form builds a plan with a calendar link, and a bad field is named")
    func plan() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            let form = try await browser.get("/plan?credential=google-pmle")
            #expect(form.status == .ok)
            #expect(HTML.everyInputLabelled(form.html))
            #expect(form.html.contains("<option value=\"google-pmle\" selected>"))
            let domains = try #require(bundledContent.catalog.credential(id: "google-pmle")?.currentBlueprint?.domains)
            for domain in domains { #expect(form.html.contains("name=\"weak\" value=\"\(domain.id)\"")) }

            let plan = try await browser.get("/plan/result?credential=google-pmle&hours=10&weak=\(domains[0].id)")
            #expect(plan.status == .ok)
            #expect(plan.html.contains("Study plan for"))
            #expect(plan.html.contains("href=\"/plan.ics?credential=google-pmle&amp;hours=10&amp;weak=\(domains[0].id)\""))
            // The ticked domain is planned as weak: 40% in the practice-score column.
            let row = try #require(plan.html.components(separatedBy: "<tr>").first { $0.contains(HTML.escaped(domains[0].title)) })
            #expect(row.contains("<td data-label=\"Practice score\">40%</td>"))

            let ics = try await browser.get("/plan.ics?credential=google-pmle&hours=10")
            #expect(ics.status == .ok)
            #expect(ics.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(ics.html.hasPrefix("BEGIN:VCALENDAR") && ics.html.contains("BEGIN:VEVENT"))

            let badHours = try await browser.get("/plan/result?credential=google-pmle&hours=0")
            #expect(badHours.status == .badRequest)
            #expect(badHours.html.contains("hours: &#39;0&#39; is not a number of hours from 1 to 80"))
            let badDate = try await browser.get("/plan/result?credential=google-pmle&hours=5&exam_date=someday")
            #expect(badDate.status == .badRequest)
            #expect(badDate.html.contains("exam_date:"))
            let retired = try await browser.get("/plan/result?credential=aws-mls-c01&hours=5")
            #expect(retired.status == .badRequest)
            #expect(retired.html.contains("retired"))
        }
    }

    @Test("the stylesheet and the script are served with their types; nothing else is")
    func staticFiles() async throws {
        try await TestApp(store: .memory).run { client in
            try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: response.body).contains(":focus-visible"))
            }
            try await client.execute(uri: "/static/exam.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("data-remaining-seconds"))
            }
            for path in ["/static/..%2FPackage.swift", "/static/openapi.json", "/static/nothing.css"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .notFound, "\(path)") }
            }
        }
    }
}

/// The profile keys the advisor form must ask, written out so a renamed key fails here.
let advisorFormKeys = [
    "cloud", "employer_type", "target_role", "background", "ml_knowledge", "production_ml_years", "employer_reimburses",
    "pay_band_recognizes_certs", "hr_filters_on_credentials", "choosing_portfolio_over_prep", "weekly_study_hours",
]
