import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

@Suite("The OpenAPI document matches the routes")
struct OpenAPITests {
    /// Routes the document must describe: the JSON API and the operations endpoints. HTML pages are not API.
    static func isDocumented(_ path: String) -> Bool {
        path.hasPrefix("/api/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.load()) as? [String: Any])
    }

    /// Checked by registering an extra, undocumented route: the test failed and named it.
    @Test("every API route is in the document with the same method and path template, and every documented operation is a route")
    func routesMatch() async throws {
        let app = try await TestApp(store: .memory)
        let router = try await buildRouter(configuration: app.configuration, dependencies: app.dependencies)
        let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter { Self.isDocumented(String($0.split(separator: " ")[1])) })
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let methods = Set(["get", "put", "post", "delete", "patch", "head", "options"])
        let documented = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
        #expect(registered.subtracting(documented).isEmpty, "routes missing from the document: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented operations with no route: \(documented.subtracting(registered).sorted())")
        #expect(registered.count >= 25)
    }

    @Test("the server serves the same document at /api/v1/openapi.json")
    func served() async throws {
        try await TestApp(store: .memory).run { client in
            let response = try await client.send(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(Data(buffer: response.body) == (try OpenAPIDocument.load()))
            #expect(try response.json()["openapi"] as? String == "3.1.0")
        }
    }

    /// Runs openapi-spec-validator (PyPI; scripts/test installs it) on the bundled document.
    @Test("openapi-spec-validator accepts the document as OpenAPI 3.1")
    func validates() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", OpenAPIDocument.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openapi-spec-validator: \(text)")
        #expect(text.contains("OK"), "\(text)")
    }
}
