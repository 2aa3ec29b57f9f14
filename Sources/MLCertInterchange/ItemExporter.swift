import Foundation
import MLCertCore

/// Turns items into the bytes of one interchange format; the one entry point the CLI and the tests use.
///
/// ```swift
/// let data = try ItemExporter(exportedAt: Date()).export(items, as: .gift)
/// ```
public struct ItemExporter: Sendable {
    /// Stamped into zip entries and Anki's collection; injected so that tests get identical bytes on every run.
    public let exportedAt: Date

    public init(exportedAt: Date) { self.exportedAt = exportedAt }

    public func export(_ items: [Item], as format: InterchangeFormat) throws -> Data {
        switch format {
        case .jsonl: Data(try JSONLinesFormat.write(items).utf8)
        case .csv: Data(try DelimitedTextFormat.csv.write(items).utf8)
        case .tsv: Data(try DelimitedTextFormat.tsv.write(items).utf8)
        case .gift: Data(GIFTWriter.write(items).utf8)
        case .moodle: Data(try MoodleXMLWriter.write(items).utf8)
        case .qti21: try QTIPackageWriter(dialect: .v2p1).write(items, modified: exportedAt)
        case .qti30: try QTIPackageWriter(dialect: .v3p0).write(items, modified: exportedAt)
        case .anki: try AnkiPackageWriter().write(items, createdAt: exportedAt)
        }
    }
}

/// Reads a file of one interchange format into item drafts, with every loss noted.
public enum ItemImporter {
    /// `file` names the source in messages.
    public static func read(_ data: Data, as format: InterchangeFormat, file: String) throws(InterchangeError) -> ImportResult {
        func text() throws(InterchangeError) -> String {
            guard let text = String(data: data, encoding: .utf8) else { throw InterchangeError(file, "is not UTF-8 text") }
            return text
        }
        switch format {
        case .jsonl: return try JSONLinesFormat.read(try text(), file: file)
        case .csv: return try DelimitedTextFormat.csv.read(try text(), file: file)
        case .tsv: return try DelimitedTextFormat.tsv.read(try text(), file: file)
        case .gift: return GIFTReader.read(try text(), file: file)
        case .moodle: return try MoodleXMLReader.read(data, file: file)
        case .qti21, .qti30: return try QTIReader.read(data, file: file)
        case .anki: throw InterchangeError(file, "Anki packages are exported only; import from GIFT, Moodle XML, QTI, CSV, TSV or JSON Lines")
        }
    }
}
