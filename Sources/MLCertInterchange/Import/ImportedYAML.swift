import Foundation
import MLCertCore
import Yams

/// Writes imported items as YAML in the `Content/items/<credential>/<domain>.yaml` layout, the shape the bank is
/// reviewed and linted in.
public enum ImportedYAML {
    /// One output file: its path relative to the content root, and its items in source order.
    public struct File: Sendable {
        public let path: String
        public let items: [ImportedItem]
        public let text: String
    }

    /// Groups items by credential and domain; items without them go to `items/imported/unclassified.yaml`.
    public static func files(for items: [ImportedItem]) throws -> [File] {
        var groups: [String: [ImportedItem]] = [:]
        var order: [String] = []
        for item in items {
            let path = "items/" + safe(item.draft.credential ?? "imported") + "/" + safe(item.draft.domain ?? "unclassified") + ".yaml"
            if groups[path] == nil { order.append(path) }
            groups[path, default: []].append(item)
        }
        return try order.map { path in
            let group = groups[path]!
            return File(path: path, items: group, text: try render(group.map(\.draft)))
        }
    }

    /// `items:` followed by each draft, with the bank's field names; long text stays on one line per field.
    public static func render(_ drafts: [ItemDraft]) throws -> String {
        struct Document: Encodable { let items: [ItemDraft] }
        let encoder = YAMLEncoder()
        encoder.options.width = -1
        encoder.options.allowUnicode = true
        encoder.options.sortKeys = false
        return try encoder.encode(Document(items: drafts))
    }

    /// Keeps a path component to letters, digits, `-`, `_` and `.`, so no imported value can escape the layout.
    static func safe(_ component: String) -> String {
        let cleaned = String(component.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "imported" + cleaned : cleaned
    }
}
