import Foundation

/// The JSON every database store keeps in its text or `jsonb` columns (session headers, event bodies, exam dates):
/// sorted keys and dates as milliseconds since 1970, so a row written by the SQLite store reads the same from the
/// PostgreSQL store and both compare equal byte for byte.
public enum StoredJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes `text`, reporting a row mlcert cannot read as `StoreError.corrupt` naming `what` it was.
    public static func decode<T: Decodable>(_ text: String, what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("\(what): \(error)")
        }
    }
}
