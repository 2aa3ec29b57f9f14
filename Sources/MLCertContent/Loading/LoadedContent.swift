import MLCertCore

/// Everything under `Content/`, decoded, with the documents it came from so that later checks can point at lines.
public struct LoadedContent: Sendable {
    public let catalog: Catalog
    public let items: [Item]
    /// Where each entity was read: document and path, keyed by `Origin.Key`.
    public let origins: [Origin.Key: Origin]

    public init(catalog: Catalog, items: [Item], origins: [Origin.Key: Origin]) {
        self.catalog = catalog
        self.items = items
        self.origins = origins
    }

    /// A located problem for an entity, at `path` relative to the entity.
    public func problem(
        _ key: Origin.Key, at path: FieldPath = [], _ message: String, rule: String,
        severity: ContentProblem.Severity = .error
    ) -> ContentProblem {
        guard let origin = origins[key] else {
            return ContentProblem(file: "(unknown)", line: nil, field: path.description, message: message, rule: rule, severity: severity)
        }
        return origin.document.problem(at: origin.path + path, message, rule: rule, severity: severity)
    }
}

/// Where one entity was read from.
public struct Origin: Sendable {
    public enum Key: Hashable, Sendable {
        case credential(String)
        case course(String)
        case source(String)
        /// Items are keyed by position in load order, since a duplicate id must still be locatable.
        case item(Int)
        /// Entries of `catalog/renames.yaml`, by position.
        case rename(Int)
        case sourcesFile
        case coursesFile
    }
    public let document: YAMLDocument
    public let path: FieldPath
}
