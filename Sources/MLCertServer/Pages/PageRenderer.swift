import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache templates in `Resources/Templates` into HTML responses.
///
/// Mustache renders a missing template or partial as nothing, which would ship blank pages without an error, so the
/// renderer checks when it loads that the directory exists and holds every template the pages name, and `render`
/// throws for an unknown template instead of returning an empty body.
public struct PageRenderer: Sendable {
    public let library: MustacheLibrary

    /// Templates every build must have; loading fails when one is missing.
    public static let requiredTemplates = ["layout", "home", "error", "readiness-summary"]

    public struct MissingTemplate: Error, CustomStringConvertible {
        public let name: String
        public let directory: String
        public var description: String { "no template '\(name).mustache' in \(directory)" }
    }

    /// Loads the templates bundled with MLCertServer (or those in `directory`, for development).
    public static func load(directory: String? = nil) async throws -> PageRenderer {
        let path = directory ?? bundledTemplatesPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingTemplate(name: "(the templates directory)", directory: path)
        }
        let library = try await MustacheLibrary(directory: path)
        for name in requiredTemplates where library.getTemplate(named: name) == nil {
            throw MissingTemplate(name: name, directory: path)
        }
        return PageRenderer(library: library)
    }

    /// `Resources/Templates` inside the target's resource bundle (declared with `.copy("Resources")`).
    public static var bundledTemplatesPath: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources/Templates").path
    }

    /// The rendered text of `template` with `object`, or an error when the template does not exist.
    public func render(_ object: Any, template: String) throws -> String {
        guard let text = library.render(object, withTemplate: template) else {
            throw MissingTemplate(name: template, directory: "the loaded library")
        }
        return text
    }

    /// An HTML response of the rendered template.
    public func page(_ object: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        let html = try render(object, template: template)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
