import Foundation
import MLCertCore

/// JSON Lines: one item per line, every field of the item model with the bank's field names. Lossless, for tooling
/// (jq, pandas, a data pipeline) and for moving a bank between mlcert installations.
///
/// ```swift
/// let text = try JSONLinesFormat.write(items)
/// let back = try JSONLinesFormat.read(text, file: "bank.jsonl")
/// ```
public enum JSONLinesFormat {
    /// One compact JSON object per line, keys sorted so that exports diff cleanly.
    public static func write(_ items: [Item]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for item in items {
            out += String(decoding: try encoder.encode(item), as: UTF8.self) + "\n"
        }
        return out
    }

    /// Decodes each non-blank line as an item; a line that does not decode is an error naming its line and field.
    public static func read(_ text: String, file: String) throws(InterchangeError) -> ImportResult {
        var result = ImportResult()
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let location = "\(file):\(index + 1)"
            do {
                let item = try decoder.decode(Item.self, from: Data(trimmed.utf8))
                result.items.append(ImportedItem(draft: ItemDraft(item), source: location))
            } catch let error as DecodingError {
                throw InterchangeError(location, describe(error))
            } catch {
                throw InterchangeError(location, "not a JSON object: \(error.localizedDescription)")
            }
        }
        return result
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.hasPrefix(".") ? String(p.dropFirst()) : (p.isEmpty ? "(item)" : p)
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context) == "(item)" ? "" : path(context) + ".")\(key.stringValue): missing required field"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
