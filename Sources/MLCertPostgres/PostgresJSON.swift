#if Postgres
import Foundation
import MLCertPractice

/// The JSON the PostgreSQL store keeps in its `jsonb` columns: the same encoding as the SQLite store (sorted keys,
/// dates as milliseconds since 1970), so a session exported from one store reads the same in the other.
enum PostgresJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes `text`, reporting a row mlcert cannot read as `StoreError.corrupt` naming `what` it was.
    static func decode<T: Decodable>(_ text: String, what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("\(what): \(error)")
        }
    }
}
#endif
