import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Security headers and cookie names")
struct SecurityHeadersTests {
    static let paths = ["/", "/login", "/register", "/catalog", "/catalog/google-pmle", "/advise", "/plan", "/no-such-page", "/static/app.css",
                        "/static/exam.js", "/api/v1/catalog", "/api/v1/nothing", "/health"]

    /// Checked by removing `SecurityHeadersMiddleware` from `buildRouter`: every header below was then missing and this
    /// test failed; HSTS was checked by passing `strictTransportSecurity: false`.
    @Test("every response carries CSP without inline script, nosniff, no framing and a referrer policy; HSTS exactly with secure cookies",
          arguments: [false, true])
    func headers(secure: Bool) async throws {
        try await TestApp(store: .memory, secureCookies: secure).run { client in
            for path in Self.paths {
                let response = try await client.send(.get, path, headers: [.accept: "text/html"])
                let csp = try #require(response.headers[HTTPFieldName("Content-Security-Policy")!], "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "\(path)")
                #expect(response.headers[HTTPFieldName("X-Content-Type-Options")!] == "nosniff", "\(path)")
                #expect(response.headers[HTTPFieldName("X-Frame-Options")!] == "DENY", "\(path)")
                #expect(response.headers[HTTPFieldName("Referrer-Policy")!] == "same-origin", "\(path)")
                #expect((response.headers[HTTPFieldName("Strict-Transport-Security")!] != nil) == secure, "\(path)")
                #expect(response.headers[.cacheControl] != nil, "\(path)")
            }
        }
    }

    /// The CSP allows no inline script or style, so a page that had one would break in the browser; every page a
    /// learner can reach is checked for both.
    @Test("no page has an inline script, an event-handler attribute, a style element or a style attribute")
    func noInlineCode() async throws {
        try await TestApp(store: .memory).run { client in
            let browser = PageBrowser(client)
            try await browser.register()
            var pages = ["/", "/catalog", "/catalog/google-pmle", "/advise", "/advice?cloud=aws", "/plan", "/practice", "/progress", "/account"]
            let started = try await browser.post("/practice/exam", [("credential", "google-pmle")])
            if let location = started.location { pages.append(location) }
            for path in pages {
                let html = try await browser.get(path).html
                let tags = html.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" }.lowercased() }
                for tag in tags {
                    if tag.hasPrefix("script") { #expect(tag.contains("src=\"/static/"), "\(path): <\(tag)>") }
                    #expect(!tag.hasPrefix("style"), "\(path): <\(tag)>")
                    #expect(!tag.contains(" style=\""), "\(path): <\(tag)>")
                    #expect(tag.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(path): <\(tag)>")
                }
            }
        }
    }

    /// Checked by making `SessionCookie.prefixed` return the plain name: the server then read the tossed cookie and
    /// the forged sign-in form was accepted (303), and this test failed.
    @Test("with secure cookies a tossed plain-named CSRF or login cookie is ignored")
    func cookieTossing() async throws {
        let app = try await TestApp(store: .memory, secureCookies: true)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            // A page on a sibling origin plants mlcert_csrf=<known>; a form then posts the same value.
            let planted = String(repeating: "ab", count: 32)
            let forged = try await client.send(.post, "/login", headers: [.cookie: "mlcert_csrf=\(planted)", .accept: "text/html"],
                json: "csrf=\(planted)&email=ada%40example.org&password=correct+horse+battery", contentType: "application/x-www-form-urlencoded")
            #expect(forged.status == .forbidden)
            // A login cookie without the prefix is not a login.
            let plain = try await client.send(.get, "/api/v1/account", headers: [.cookie: "mlcert_session=\(ada.token)"])
            #expect(plain.status == .unauthorized)
            let prefixed = try await client.send(.get, "/api/v1/account", headers: [.cookie: "__Host-mlcert_session=\(ada.token)"])
            #expect(prefixed.status == .ok)
        }
    }
}
