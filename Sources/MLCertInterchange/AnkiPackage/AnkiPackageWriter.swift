import Foundation
import GRDB
import MLCertCore

/// Writes items as an Anki deck package (`.apkg`): a zip holding `collection.anki2`, a SQLite database in Anki's
/// collection schema 11 (the one every Anki version imports), and an empty `media` map.
///
/// One note type ("mlcert item") with one card per note; a deck per credential and domain under `mlcert::`; tags
/// by objective, difficulty and concept. Note, card, deck and note-type ids are derived from item ids and names, and
/// each note's `guid` is `mlcert:<item id>`, so exporting again and importing into Anki updates the notes instead of
/// duplicating them.
///
/// ```swift
/// let apkg = try AnkiPackageWriter().write(items, createdAt: Date())
/// ```
public struct AnkiPackageWriter: Sendable {
    public let deckPrefix: String
    /// A fixed id, so that every export shares the note type and Anki does not add a copy per import.
    static let modelID: Int64 = 1_716_000_000_042

    public init(deckPrefix: String = "mlcert") { self.deckPrefix = deckPrefix }

    public func write(_ items: [Item], createdAt: Date) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-anki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("collection.anki2").path
        try writeCollection(items, to: path, createdAt: createdAt)
        let collection = try Data(contentsOf: URL(fileURLWithPath: path))
        return try ZipArchive.make([("collection.anki2", collection), ("media", Data("{}".utf8))], modified: createdAt)
    }

    /// Fills a new SQLite file at `path` with the collection.
    func writeCollection(_ items: [Item], to path: String, createdAt: Date) throws {
        let seconds = Int64(createdAt.timeIntervalSince1970)
        let millis = seconds * 1000
        let notes = items.map { AnkiNote($0, deckPrefix: deckPrefix) }
        var deckIDs: [String: Int64] = [:]
        for note in notes {
            let parts = note.deck.components(separatedBy: "::")
            for depth in 1...parts.count {
                let name = parts.prefix(depth).joined(separator: "::")
                if deckIDs[name] == nil { deckIDs[name] = Self.id(for: "deck:" + name, taken: Set(deckIDs.values)) }
            }
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: AnkiSchema.v11)
            try db.execute(
                sql: "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
                arguments: [seconds - seconds % 86_400, millis, millis, try Self.json(AnkiSchema.conf(modelID: Self.modelID)),
                    try Self.json([String(Self.modelID): model(mod: seconds)]), try Self.json(decks(deckIDs, mod: seconds)),
                    try Self.json(["1": AnkiSchema.deckConfig])])
            var noteIDs: Set<Int64> = []
            var cardIDs: Set<Int64> = []
            for (position, note) in notes.enumerated() {
                let noteID = Self.id(for: "note:" + note.itemID, taken: noteIDs)
                noteIDs.insert(noteID)
                let cardID = Self.id(for: "card:" + note.itemID, taken: cardIDs)
                cardIDs.insert(cardID)
                let checksum = Int64(SHA1.hex(HTMLText.parse(note.fields[0]).text).prefix(8), radix: 16) ?? 0
                try db.execute(
                    sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
                    arguments: [noteID, "mlcert:" + note.itemID, Self.modelID, seconds, " " + note.tags.joined(separator: " ") + " ",
                        note.fields.joined(separator: "\u{1F}"), note.itemID, checksum])
                try db.execute(
                    sql: "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                    arguments: [cardID, noteID, deckIDs[note.deck], seconds, position + 1])
            }
        }
        try queue.close()
    }

    func model(mod: Int64) -> [String: Any] {
        [
            "id": Self.modelID, "name": "mlcert item", "type": 0, "mod": mod, "usn": -1, "sortf": 0, "did": 1, "tags": [String](),
            "vers": [Int](), "css": AnkiNote.css, "latexPre": AnkiSchema.latexPre, "latexPost": "\\end{document}",
            "flds": AnkiNote.fieldNames.enumerated().map { index, name in
                ["name": name, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [String]()] as [String: Any]
            },
            "tmpls": [["name": "Item", "ord": 0, "qfmt": AnkiNote.front, "afmt": AnkiNote.back, "did": NSNull(), "bqfmt": "", "bafmt": ""] as [String: Any]],
            "req": [[0, "any", [1, 2, 3]] as [Any]],
        ]
    }

    func decks(_ ids: [String: Int64], mod: Int64) -> [String: Any] {
        var decks: [String: Any] = ["1": AnkiSchema.deck(id: 1, name: "Default", mod: mod)]
        for (name, id) in ids { decks[String(id)] = AnkiSchema.deck(id: id, name: name, mod: mod) }
        return decks
    }

    /// A positive id below 2^53 (JavaScript-safe, as Anki's ids are) from a stable hash of `key`, moved on if taken.
    static func id(for key: String, taken: Set<Int64>) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var id = Int64(hash % 8_000_000_000_000) + 1_000_000_000_000
        while taken.contains(id) { id += 1 }
        return id
    }

    static func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
}
