import Foundation
import MLCertCore

/// Writes items as a QTI content package: a zip with `imsmanifest.xml` and one assessment-item file per item under
/// `items/`, which LMSs and item banks (TAO, Canvas New Quizzes, Inspera, ...) import.
///
/// ```swift
/// let zip = try QTIPackageWriter(dialect: .v2p1).write(items, modified: Date())
/// ```
public struct QTIPackageWriter: Sendable {
    public let dialect: QTIDialect

    public init(dialect: QTIDialect) { self.dialect = dialect }

    /// The manifest and item files, by path, before zipping.
    public func files(_ items: [Item]) throws(InterchangeError) -> [(path: String, data: Data)] {
        var seen: [String: String] = [:]
        var files: [(path: String, data: Data)] = []
        let writer = QTIItemWriter(dialect: dialect)
        for item in items {
            let identifier = QTIItemWriter.identifier(for: item.id)
            if let other = seen[identifier] {
                throw InterchangeError("item \(item.id)", "its QTI identifier '\(identifier)' is the same as item \(other)'s")
            }
            seen[identifier] = item.id
            files.append(("items/\(identifier).xml", Data(try writer.write(item).utf8)))
        }
        return [("imsmanifest.xml", Data(try manifest(items).utf8))] + files
    }

    public func write(_ items: [Item], modified: Date) throws -> Data {
        try ZipArchive.make(try files(items), modified: modified)
    }

    func manifest(_ items: [Item]) throws(InterchangeError) -> String {
        var xml = XMLBuilder(location: "imsmanifest.xml")
        try xml.start("manifest", [
            ("xmlns", dialect.manifestNamespace), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", dialect.manifestSchemaLocation), ("identifier", "mlcert-item-bank"),
        ])
        try xml.start("metadata")
        try xml.element("schema", text: dialect.schemaName)
        try xml.element("schemaversion", text: dialect.schemaVersion)
        xml.end()
        try xml.element("organizations")
        try xml.start("resources")
        for item in items {
            let identifier = QTIItemWriter.identifier(for: item.id)
            let href = "items/\(identifier).xml"
            try xml.start("resource", [("identifier", "res-" + identifier), ("type", dialect.itemResourceType), ("href", href)])
            try xml.element("file", [("href", href)])
            xml.end()
        }
        xml.end()
        xml.end()
        return xml.text
    }
}
