import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

/// Register, log in, log out, export and delete through the HTML forms, with the CSRF rule on each.
@Suite("Account pages")
struct AccountPageTests {
    @Test("register signs in with an HttpOnly SameSite cookie; log out forgets it", arguments: StoreKind.allCases)
    func registerAndLogOut(store: StoreKind) async throws {
        try await TestApp(store: store).run { client in
            let browser = PageBrowser(client)
            let form = try await browser.get("/register")
            #expect(HTML.everyInputLabelled(form.html))
            #expect(HTML.everyPostFormHasCSRF(form.html))
            let done = try await browser.post("/register", [("display_name", "Ada"), ("email", "ada@example.com"), ("password", "correct horse battery")])
            #expect(done.status == .seeOther)
            let cookie = try #require(done.headers[values: .setCookie].first { $0.hasPrefix("mlcert_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let hub = try await browser.follow(done)
            #expect(hub.status == .ok)
            #expect(hub.html.contains("Log out"))
            #expect(hub.html.contains("Signed in as </span>Ada</li>"))
            #expect(hub.html.contains("<a href=\"/practice\" aria-current=\"page\">Practice</a>"))
            #expect(HTML.everyPostFormHasCSRF(hub.html))
            // Log out, and the one practice form whose buttons start a drill, a mock exam or the diagnostic (and a review
            // when something is due), so that whatever the credential list shows is what starts.
            #expect(HTML.postFormCount(hub.html) == 2)

            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(browser.cookies["mlcert_session"] == nil)
            let after = try await browser.get("/practice")
            #expect(after.status == .seeOther)
            #expect(after.location == "/login?next=%2Fpractice")
        }
    }

    @Test("registration errors come back on the form with the field named and the name and email kept")
    func registrationErrors() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.get("/register")
            let short = try await browser.post("/register", [("display_name", "Ada"), ("email", "ada@example.com"), ("password", "short")])
            #expect(short.status == .badRequest)
            #expect(short.html.contains("Use at least 8 characters"))
            #expect(short.html.contains("value=\"ada@example.com\""))
            #expect(!short.html.contains("value=\"short\""))
            try await browser.register()
            _ = try await browser.post("/logout", [])
            try await browser.get("/register")
            let taken = try await browser.post("/register", [("display_name", "Eve"), ("email", "ada@example.com"), ("password", "another good one")])
            #expect(taken.status == .conflict)
        }
    }

    @Test("a form post without the CSRF token is refused with 403")
    func csrfRequired() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.get("/register")
            let anonymous = try await browser.post("/register", [("display_name", "Ada"), ("email", "ada@example.com"), ("password", "correct horse battery")],
                csrf: "")
            #expect(anonymous.status == .forbidden)
            try await browser.register()
            for path in ["/practice/drill", "/logout", "/account/delete", "/account/password", "/account/logout-everywhere"] {
                let refused = try await browser.post(path, [("credential", "google-pmle"), ("confirm", "yes")], csrf: "")
                #expect(refused.status == .forbidden, "\(path)")
                let wrong = try await browser.post(path, [("credential", "google-pmle"), ("confirm", "yes")], csrf: "not-the-token")
                #expect(wrong.status == .forbidden, "\(path)")
            }
            // Still signed in and still there: nothing above took effect.
            #expect(try await browser.get("/account").status == .ok)
        }
    }

    @Test("log in: a wrong password is a 401 form, the right one goes where the learner was heading")
    func logIn() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            _ = try await browser.post("/logout", [])
            let form = try await browser.get("/login?next=/progress")
            #expect(form.html.contains("name=\"next\" value=\"/progress\""))
            #expect(HTML.everyInputLabelled(form.html))
            let wrong = try await browser.post("/login", [("email", "ada@example.com"), ("password", "wrong password"), ("next", "/progress")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("Wrong email or password"))
            let right = try await browser.post("/login", [("email", "ada@example.com"), ("password", "correct horse battery"), ("next", "/progress")])
            #expect(right.status == .seeOther)
            #expect(right.location == "/progress")
            #expect(browser.cookies["mlcert_session"] != nil)
            // The signed-in page carries the login's own CSRF token, which logging out needs.
            #expect(try await browser.follow(right).status == .ok)
            #expect(try await browser.post("/logout", []).status == .seeOther)
            // An off-site next is ignored.
            try await browser.get("/login")
            let offsite = try await browser.post("/login", [("email", "ada@example.com"), ("password", "correct horse battery"), ("next", "//evil.example")])
            #expect(offsite.location == "/", "\(offsite.status.code) \(offsite.html.prefix(2000))")
        }
    }

    @Test("export downloads every session as JSON; delete needs the box ticked, then removes everything", arguments: StoreKind.allCases)
    func exportAndDelete(store: StoreKind) async throws {
        let app = try await TestApp(store: store)
        try await app.run { client in
            let browser = PageBrowser(client)
            let hub = try await browser.register()
            #expect(hub.status == .ok)
            let started = try await browser.post("/practice/drill", [("credential", "google-pmle"), ("count", "2")])
            let sessionID = try #require(HTML.sessionID(started.location))
            let account = try await browser.get("/account")
            #expect(account.html.contains("ada@example.com"))
            #expect(HTML.everyPostFormHasCSRF(account.html))

            let export = try await browser.get("/account/export")
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.html.utf8)) as? [String: Any])
            let sessions = try #require(json["sessions"] as? [[String: Any]])
            #expect(sessions.count == 1)
            #expect(sessions.first?["id"] as? String == sessionID)

            let unconfirmed = try await browser.post("/account/delete", [])
            #expect(unconfirmed.status == .badRequest)
            let learnerID = try #require(try await app.store.account(email: "ada@example.com")?.id)
            let deleted = try await browser.post("/account/delete", [("confirm", "yes")])
            #expect(deleted.status == .seeOther)
            #expect(browser.cookies["mlcert_session"] == nil)
            #expect(try await app.store.account(email: "ada@example.com") == nil)
            #expect(try await app.store.sessions(learnerID: learnerID).isEmpty)
            let home = try await browser.follow(deleted)
            #expect(home.html.contains("have been deleted"))
        }
    }
}
