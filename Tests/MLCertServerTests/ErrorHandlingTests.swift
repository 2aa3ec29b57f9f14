import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("Errors that are our own bugs, and templates that are missing")
struct ErrorHandlingTests {
    struct Unexpected: Error {}

    @Test("an unexpected error is answered 500 with the same JSON shape and the request id, and reveals nothing")
    func unexpectedErrorsKeepTheShape() async throws {
        let app = try TestApp(store: .memory)
        let router = try await buildRouter(configuration: app.configuration, dependencies: app.dependencies)
        router.get("/test-only/boom") { _, _ -> Response in throw Unexpected() }
        let status = try await Application(router: router).test(.router) { client in
            let response = try await client.send(.get, "/test-only/boom", headers: [HTTPFieldName("X-Request-Id")!: "trace-1"])
            #expect(response.errorCode == "internal")
            #expect(!response.text.contains("Unexpected"))
            #expect(response.headers[HTTPFieldName("X-Request-Id")!] == "trace-1")
            return response.status
        }
        #expect(status == .internalServerError)
    }

    @Test("a templates directory without a required template is refused when the server starts, and an unknown template throws")
    func missingTemplates() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "<html>{{$content}}{{/content}}</html>".write(to: directory.appendingPathComponent("layout.mustache"), atomically: true, encoding: .utf8)
        await #expect(throws: PageRenderer.MissingTemplate.self) { try await PageRenderer.load(directory: directory.path) }
        await #expect(throws: PageRenderer.MissingTemplate.self) { try await PageRenderer.load(directory: directory.path + "/nowhere") }
        let bundled = try await PageRenderer.load()
        #expect(throws: PageRenderer.MissingTemplate.self) { try bundled.render([String: String](), template: "no-such-page") }
    }
}
