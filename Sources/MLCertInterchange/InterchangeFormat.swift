/// The file formats the item bank travels in, named as the `--format` option spells them.
///
/// Each format is a trade between reach and fidelity: JSON Lines keeps the whole item model, the learning-platform
/// formats keep what a quiz needs (stem, options, key, feedback) and carry mlcert's classification in a comment that
/// other tools ignore, and Anki keeps what a learner reviews.
public enum InterchangeFormat: String, CaseIterable, Sendable {
    case qti21, qti30, moodle, gift, anki, csv, tsv, jsonl

    /// Formats that `mlcert content import` reads back into the item model.
    public static let importable: [InterchangeFormat] = [.gift, .moodle, .qti21, .qti30, .csv, .tsv, .jsonl]

    public var canImport: Bool { Self.importable.contains(self) }

    /// The usual file name extension, for messages and default names.
    public var fileExtension: String {
        switch self {
        case .qti21, .qti30: "zip"
        case .moodle: "xml"
        case .gift: "gift"
        case .anki: "apkg"
        case .csv: "csv"
        case .tsv: "tsv"
        case .jsonl: "jsonl"
        }
    }

    /// A one-line description for help texts.
    public var summary: String {
        switch self {
        case .qti21: "IMS QTI 2.1 content package (zip with imsmanifest.xml)"
        case .qti30: "1EdTech QTI 3.0 content package (zip with imsmanifest.xml)"
        case .moodle: "Moodle XML question bank"
        case .gift: "Moodle GIFT text"
        case .anki: "Anki deck package (.apkg)"
        case .csv: "comma-separated values, one item a row"
        case .tsv: "tab-separated values, one item a row"
        case .jsonl: "JSON Lines, the full item model, one item a line"
        }
    }
}
