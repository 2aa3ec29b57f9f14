import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Redirects after sign-in stay on the site")
struct OpenRedirectTests {
    /// Where a browser goes for a `Location` value: WHATWG URL parsing removes every tab and newline and reads `\` as
    /// `/` in http(s) URLs, so what counts is whether the result still starts with exactly one slash.
    static func staysOnSite(_ location: String) -> Bool {
        let browserSees = location.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.replacingOccurrences(of: "\\", with: "/")
        return browserSees.hasPrefix("/") && !browserSees.hasPrefix("//")
    }

    /// The probe's payloads (security probes §1), decoded.
    static let hostile = [
        "/\t/evil.example", "/\t\t/evil.example", "/\t\\evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example",
        "/\\/evil.example", "https://evil.example", "http:evil.example", "javascript:alert(1)", "\t//evil.example", " //evil.example",
        "/\u{0B}/evil.example", "/\u{00}/evil.example", "/./\t/evil.example", "/\u{3000}/evil.example", "/\u{FF0F}/evil.example",
    ]

    /// Checked by restoring the old `localPath` (which rejected `//`, `\`, CR and LF but not TAB): the tab payloads then
    /// came back as `Location: /<TAB>/evil.example` and this test failed.
    @Test("every hostile next value sends the browser to a path on this site, after a form sign-in and for a signed-in visitor")
    func hostileNext() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register(email: "ada@example.org")
            for next in Self.hostile {
                let query = PageQuery.encode([("next", next)])
                let signedIn = try await browser.get("/login?" + query)
                let location = try #require(signedIn.location, "GET /login?\(query)")
                #expect(Self.staysOnSite(location), "GET /login?\(query) -> \(location.debugDescription)")
            }
            try await browser.get("/account")
            try await browser.post("/logout", [])
            for next in Self.hostile {
                try await browser.get("/login")
                let done = try await browser.post("/login", [("email", "ada@example.org"), ("password", "correct horse battery"), ("next", next)])
                let location = try #require(done.location, "POST /login next=\(next.debugDescription): \(done.status)")
                #expect(Self.staysOnSite(location), "POST /login next=\(next.debugDescription) -> \(location.debugDescription)")
                try await browser.get("/account")  // the signed-in page's CSRF token, for the logout form
                try await browser.post("/logout", [])
            }
        }
    }

    @Test("local paths with a query survive unchanged")
    func localPathsKept() {
        #expect("/practice?credential=google-pmle".localPath == "/practice?credential=google-pmle")
        #expect("/sessions/abc123?q=4".localPath == "/sessions/abc123?q=4")
        #expect("/%2F/evil.example".localPath == "/%2F/evil.example")  // stays a path: browsers do not decode %2F
        #expect("/\t/evil.example".localPath == "/")
        #expect("/ok path".localPath == "/")
    }
}
