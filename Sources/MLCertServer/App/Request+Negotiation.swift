import Hummingbird

/// What a request sends and what it wants back, decided from its headers in one place so every route and middleware
/// agrees.
extension Request {
    /// The media type of the body without parameters, lower-cased (`application/json`), or nil.
    public var mediaType: String? {
        guard let value = headers[.contentType] else { return nil }
        return value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingHeaderWhitespace().lowercased() }
    }

    /// The body is JSON (`application/json` or a `+json` type).
    public var isJSON: Bool {
        guard let type = mediaType else { return false }
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// The body is an HTML form post.
    public var isForm: Bool { mediaType == "application/x-www-form-urlencoded" }

    /// A browser navigating (an `Accept` that names HTML, or a form post) gets HTML error pages; everything else, JSON.
    /// Routes under /api/ always answer JSON.
    public var wantsHTML: Bool {
        if uri.path.hasPrefix("/api/") { return false }
        if isForm { return true }
        guard let accept = headers[.accept] else { return false }
        return accept.contains("text/html")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// `HTTPField.Name` through the type Hummingbird re-exports, so this target needs no direct swift-http-types import.
public typealias HTTPFieldName = HTTPFields.Element.Name
