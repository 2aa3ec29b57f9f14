import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// Bad input to a page is the visitor's mistake, never a server error: every page route answers malformed forms and
/// odd query strings with a page (2xx, 3xx or 4xx), never a 5xx.
@Suite("Page robustness")
struct PageRobustnessTests {
    static let bodies = [
        "", "position=abc&choice=", "%%%=&&==&=", "credential=nope&count=1e9", "position=-1&choice=A&on=2&go=sideways",
        "credential=google-pmle&minutes=nan", "credential=google-pmle&domain=&count=", "position=99999999999999999999&choice=ZZZ",
        String(repeating: "a=b&", count: 2000),
    ]

    @Test("malformed form posts and query strings never produce a 5xx")
    func noServerErrors() async throws {
        let app = try await TestApp(store: .memory)
        try await app.run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            let exam = try #require(HTML.sessionID(try await browser.post("/practice/exam", [("credential", "google-pmle")]).location))
            try await browser.get("/practice")
            let token = try #require(browser.csrf)
            let posts = ["/register", "/login", "/practice/drill", "/practice/exam", "/practice/diagnostic", "/practice/review",
                "/sessions/\(exam)/answer", "/sessions/\(exam)/flag", "/sessions/nope/answer", "/account/delete"]
            let seen = StatusLog()
            for path in posts {
                for body in Self.bodies {
                    var headers = HTTPFields()
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    headers[.accept] = "text/html"
                    headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                    let full = body.isEmpty ? "csrf=\(token)" : body + "&csrf=\(token)"
                    try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: full)) { response in
                        #expect(response.status.code < 500, "POST \(path) with \(body.prefix(40)) answered \(response.status.code)")
                        seen.add(response.status.code)
                    }
                }
                // A JSON body on a form route is refused as the wrong media type.
                var json = HTTPFields()
                json[.contentType] = "application/json"
                json[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                json[HTTPFieldName("X-CSRF-Token")!] = token
                try await client.execute(uri: path, method: .post, headers: json, body: ByteBuffer(string: "{\"a\":")) { response in
                    #expect((400..<500).contains(response.status.code), "POST \(path) with JSON answered \(response.status.code)")
                }
            }
            // The token was accepted, so the bodies reached the handlers: they were refused for their content.
            #expect(seen.codes.contains(400) && seen.codes.contains(303), "statuses seen: \(seen.codes.sorted())")
            #expect(!seen.codes.contains(403))
            let gets = ["/sessions/\(exam)?q=-5", "/sessions/\(exam)?q=abc", "/sessions/\(exam)/feedback?q=abc", "/sessions/\(exam)/results",
                "/progress?credential=%00", "/practice?credential=aws-mls-c01", "/plan/result?hours=nan&credential=google-pmle",
                "/plan.ics?credential=", "/plan?hours=-3&exam_date=2026-02-31", "/advice?weekly_study_hours=1e400", "/advise?cloud=%FF",
                "/login?next=javascript:alert(1)", "/catalog/%2E%2E"]
            for path in gets {
                let page = try await browser.get(path)
                #expect(page.status.code < 500, "GET \(path) answered \(page.status.code)")
            }
            // The exam is untouched by all of the above except what was valid: it is still open.
            #expect(try #require(try await app.store.session(id: exam)).state.isFinished == false)
        }
    }
}

/// The statuses a test saw, collected from response callbacks.
final class StatusLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Int> = []
    func add(_ code: Int) { lock.withLock { _ = seen.insert(code) } }
    var codes: Set<Int> { lock.withLock { seen } }
}
