import Foundation
import ZIPFoundation

/// Zip packaging for QTI content packages and Anki decks, in memory: writers hand over named files and get bytes.
enum ZipArchive {
    /// A zip holding `entries` in order, deflated, with every entry dated `modified` so that exports are repeatable.
    static func make(_ entries: [(path: String, data: Data)], modified: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw InterchangeError("zip", "the archive has no data") }
        return data
    }

    /// Every file in the zip `data`, by path.
    static func read(_ data: Data, file: String) throws(InterchangeError) -> [String: Data] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw InterchangeError(file, "not a zip archive: \(error)")
        }
        var files: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var content = Data()
            do {
                _ = try archive.extract(entry) { content.append($0) }
            } catch {
                throw InterchangeError("\(file)/\(entry.path)", "cannot be read from the zip: \(error)")
            }
            files[entry.path] = content
        }
        return files
    }
}
