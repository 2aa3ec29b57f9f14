import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// A minimal browser over the in-process test client: it keeps cookies, asks for HTML, posts forms with the CSRF
/// token of the last page it saw, and follows nothing by itself, so tests see every redirect.
final class PageBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The `csrf` field of the last HTML page fetched.
    private(set) var csrf: String?
    private(set) var lastHTML = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let html: String
        let location: String?
        let headers: HTTPFields
    }

    private var cookieHeader: HTTPFields {
        var headers = HTTPFields()
        headers[.accept] = "text/html"
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        return headers
    }

    private func absorb(_ response: TestResponse) -> Page {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let cookieValue = pair.count > 1 ? String(pair[1]) : ""
            if cookieValue.isEmpty || value.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
        }
        let html = String(buffer: response.body)
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            lastHTML = html
            if let token = Self.firstCSRF(in: html) { csrf = token }
        }
        return Page(status: response.status, html: html, location: response.headers[.location], headers: response.headers)
    }

    static func firstCSRF(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await client.execute(uri: path, method: .get, headers: cookieHeader, body: nil) { self.absorb($0) }
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` is given (pass "" to send none).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf explicit: String? = nil) async throws -> Page {
        var all = fields
        let token = explicit ?? csrf ?? ""
        if !token.isEmpty { all.append(("csrf", token)) }
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = ByteBuffer(string: PageQuery.encode(all))
        return try await client.execute(uri: path, method: .post, headers: headers, body: body) { self.absorb($0) }
    }

    /// GETs the redirect target of `page`; fails the test when `page` is not a 303.
    @discardableResult
    func follow(_ page: Page, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
        #expect(page.status == .seeOther, "expected a 303, got \(page.status.code): \(page.html.prefix(300))", sourceLocation: sourceLocation)
        let location = try #require(page.location, sourceLocation: sourceLocation)
        return try await get(location)
    }

    /// Registers through the form and follows to the practice hub.
    @discardableResult
    func register(name: String = "Ada", email: String = "ada@example.com", password: String = "correct horse battery") async throws -> Page {
        try await get("/register")
        let done = try await post("/register", [("display_name", name), ("email", email), ("password", password)])
        #expect(done.status == .seeOther && done.location == "/practice", "registration did not sign in: \(done.status.code) \(done.html.prefix(400))")
        return try await follow(done)
    }
}

/// Checks on page HTML shared by the page tests.
enum HTML {
    /// Every `<form method="post">` carries exactly one hidden `csrf` field with a non-empty value.
    static func everyPostFormHasCSRF(_ html: String) -> Bool {
        let forms = html.components(separatedBy: "<form").dropFirst()
        for form in forms {
            let body = form.components(separatedBy: "</form>")[0]
            guard body.contains("method=\"post\"") else { continue }
            let fields = body.components(separatedBy: "name=\"csrf\" value=\"").dropFirst()
            guard fields.count == 1, let value = fields.first?.prefix(while: { $0 != "\"" }), !value.isEmpty else { return false }
        }
        return true
    }

    static func postFormCount(_ html: String) -> Int {
        html.components(separatedBy: "<form").dropFirst().filter { $0.components(separatedBy: ">")[0].contains("method=\"post\"") }.count
    }

    /// Every visible `<input>` and `<select>` has a label: wrapped in one, or named by a `label for`.
    static func everyInputLabelled(_ html: String) -> Bool {
        let pieces = html.components(separatedBy: "<")
        var openLabels = 0
        for piece in pieces {
            if piece.hasPrefix("label") { openLabels += 1 }
            if piece.hasPrefix("/label") { openLabels -= 1 }
            guard piece.hasPrefix("input") || piece.hasPrefix("select") else { continue }
            let tag = piece.components(separatedBy: ">")[0]
            if tag.contains("type=\"hidden\"") || openLabels > 0 { continue }
            guard let idRange = tag.range(of: "id=\"") else { return false }
            let id = tag[idRange.upperBound...].prefix { $0 != "\"" }
            if !html.contains("for=\"\(id)\"") { return false }
        }
        return true
    }

    /// The text a template would write for `text` (Mustache escapes these five characters).
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The session id in a `/sessions/ID...` location.
    static func sessionID(_ location: String?) -> String? {
        guard let location, location.hasPrefix("/sessions/") else { return nil }
        return location.dropFirst("/sessions/".count).split(whereSeparator: { $0 == "/" || $0 == "?" }).first.map(String.init)
    }
}
