/// Everything mlcert knows about credentials, courses and the sources behind them, as immutable values.
///
/// Built once by the content loader and shared freely across tasks; lookups are by id.
public struct Catalog: Sendable {
    public let credentials: [Credential]
    public let courses: [Course]
    public let sources: [Source]
    /// Retired product names and services closed or deprecated (`catalog/renames.yaml`).
    public let renames: [ProductRename]

    public init(credentials: [Credential], courses: [Course], sources: [Source], renames: [ProductRename] = []) {
        self.credentials = credentials
        self.courses = courses
        self.sources = sources
        self.renames = renames
    }

    public func credential(id: String) -> Credential? { credentials.first { $0.id == id } }
    public func course(id: String) -> Course? { courses.first { $0.id == id } }
    public func source(id: String) -> Source? { sources.first { $0.id == id } }

    /// Looks a credential up, or throws an error that suggests the closest valid ids.
    public func requireCredential(_ id: String) throws(CatalogError) -> Credential {
        if let found = credential(id: id) { return found }
        throw .unknownCredential(id, suggestions: Suggestions.closest(to: id, among: credentials.map(\.id)))
    }

    /// The credential that replaced a retired one, following the chain to an active credential.
    public func activeSuccessor(of credential: Credential) -> Credential? {
        var current = credential
        var seen: Set<String> = [current.id]
        while current.isRetired, let next = current.status.successor.flatMap(self.credential(id:)), !seen.contains(next.id) {
            seen.insert(next.id)
            current = next
        }
        return current.isRetired || current.id == credential.id ? nil : current
    }
}

/// Errors a catalog lookup can raise.
public enum CatalogError: Error, Equatable, CustomStringConvertible {
    case unknownCredential(String, suggestions: [String])
    case unknownCourse(String, suggestions: [String])
    case noCurrentBlueprint(String)

    public var description: String {
        switch self {
        case .unknownCredential(let id, let suggestions):
            return "unknown credential '\(id)'" + Suggestions.didYouMean(suggestions)
        case .unknownCourse(let id, let suggestions):
            return "unknown course '\(id)'" + Suggestions.didYouMean(suggestions)
        case .noCurrentBlueprint(let id):
            return "credential '\(id)' has no current blueprint (it is a course certificate or retired)"
        }
    }
}
