/// One item read from a foreign file, where it was found, and what of it could not be represented.
public struct ImportedItem: Hashable, Sendable {
    public var draft: ItemDraft
    /// Where in the source the item was, e.g. `bank.gift:14` or `items/q3.xml:2`.
    public var source: String
    /// Everything the item model could not hold or the file did not say, one sentence each, so nothing is lost
    /// without a word.
    public var notes: [String]

    public init(draft: ItemDraft, source: String, notes: [String] = []) {
        self.draft = draft
        self.source = source
        self.notes = notes
    }
}

/// Something in the source that is not a choice item (an essay, a numeric or matching question, ...) and so could
/// not be imported at all.
public struct SkippedEntry: Hashable, Sendable, CustomStringConvertible {
    public let source: String
    public let reason: String
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
    public var description: String { "\(source): skipped: \(reason)" }
}

/// What an importer read from one file.
public struct ImportResult: Hashable, Sendable {
    public var items: [ImportedItem]
    public var skipped: [SkippedEntry]

    public init(items: [ImportedItem] = [], skipped: [SkippedEntry] = []) {
        self.items = items
        self.skipped = skipped
    }
}
