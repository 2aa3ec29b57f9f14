import Foundation
import MLCertCore

/// mlcert's classification of an item (blueprint, objective, skill area, difficulty, ...), written as one
/// `mlcert: key=value; key=value` line inside a comment in formats that have no field for it.
///
/// Learning platforms ignore the comment, so nothing changes for them; `mlcert content import` reads it back, which
/// lets a bank make the round trip through GIFT, Moodle XML or QTI without losing where each item sits in a
/// blueprint. Values are percent-encoded so that the line survives any host syntax: no `;`, `=`, newline, or `--`
/// (which would end an XML comment) appears in a value.
public struct ItemMetadata: Hashable, Sendable {
    public var fields: [(key: String, value: String)]

    public static func == (lhs: ItemMetadata, rhs: ItemMetadata) -> Bool {
        lhs.fields.map(\.key) == rhs.fields.map(\.key) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.key)
            hasher.combine(field.value)
        }
    }

    public init(fields: [(key: String, value: String)]) { self.fields = fields }

    public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    /// The fields a host format cannot hold natively; `including` adds those it also lacks (credential, domain, tags).
    public init(item: Item, including extra: Set<String> = []) {
        var fields: [(String, String)] = [
            ("version", String(item.version)), ("blueprint", item.blueprint), ("objective", item.objective),
            ("skill_area", item.skillArea.rawValue), ("difficulty", item.difficulty.rawValue),
            ("last_checked", item.lastChecked.description),
        ]
        if extra.contains("credential") { fields.insert(("credential", item.credential), at: 0) }
        if extra.contains("domain") { fields.insert(("domain", item.domain), at: extra.contains("credential") ? 1 : 0) }
        if extra.contains("tags") { fields.append(("tags", item.tags.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C") }.joined(separator: ","))) }
        self.fields = fields.map { (key: $0.0, value: $0.1) }
    }

    static let marker = "mlcert:"

    /// `mlcert: version=1; blueprint=2024-10; ...`
    public var line: String {
        Self.marker + " " + fields.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "; ")
    }

    /// Reads a line written by `line`, or nil when `text` is not one.
    public init?(line text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.marker) else { return nil }
        var fields: [(key: String, value: String)] = []
        for part in trimmed.dropFirst(Self.marker.count).split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            fields.append((String(pair[0]).trimmingCharacters(in: .whitespaces), Self.decode(String(pair[1]).trimmingCharacters(in: .whitespaces))))
        }
        self.fields = fields
    }

    /// Tags as written by `init(item:including:)`.
    public var tags: [String]? {
        guard let raw = self["tags"] else { return nil }
        return raw.isEmpty ? [] : raw.split(separator: ",").map { Self.decode(String($0)) }
    }

    /// Percent-encodes everything except letters, digits and `._/:+ ,`, and encodes a `-` that follows a `-`.
    static func encode(_ value: String) -> String {
        var out = ""
        var previous: Character?
        for ch in value {
            let plain = ch.isASCII && (ch.isLetter || ch.isNumber || "._/:+ ,".contains(ch) || (ch == "-" && previous != "-"))
            if plain {
                out.append(ch)
                previous = ch
            } else {
                for byte in String(ch).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
                previous = nil
            }
        }
        return out
    }

    static func decode(_ value: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(value.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2, let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
