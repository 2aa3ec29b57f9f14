import Foundation

/// JSON text written directly, byte for byte as `JSONCoding.encoder` would write it, for the few responses on the
/// answer path.
///
/// Why it exists: under load, Foundation's `JSONEncoder` was the largest single cost of recording an answer. `perf
/// record` on `mlcert serve` (bench/load, SQLite, 16 connections) put 31% of the server's samples in encoding the
/// answer's response, two thirds of it in the 65-cell question grid, and a third of that in converting each key to
/// snake_case. A type that conforms to `JSONTextEncodable` writes its keys already in snake_case and in sorted order,
/// so the output is the same bytes (the tests compare both encoders on many sessions) for a fraction of the work.
/// Every other response still goes through `JSONEncoder`.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object. `body` writes its members with `member(_:_:)` and friends, in the encoder's order: keys sorted
    /// by their UTF-8 bytes, members whose value is nil left out.
    mutating func object(_ body: (inout Members) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        // The members take the bytes over while they are written (an empty placeholder allocates nothing), so
        // appending never copies the buffer.
        var members = Members(text: self)
        self = JSONText(capacity: 0)
        defer { self = members.text }
        try body(&members)
        members.text.bytes.append(UInt8(ascii: "}"))
    }

    /// Writes an array, one element per `write` call.
    mutating func array<S: Sequence>(_ elements: S, _ write: (inout JSONText, S.Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            try write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(byte)
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0..<0x20:
                escape(UInt8(ascii: "u"))
                bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A backslash and `letter`.
    private mutating func escape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A finite double as `JSONEncoder` writes it: Swift's shortest round-trip form, without a trailing ".0".
    mutating func double(_ value: Double) throws {
        guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "not a finite number")) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A time as the `.iso8601` date strategy writes it (whole seconds, UTC).
    mutating func date(_ value: Date) {
        string(value.formatted(.iso8601))
    }

    /// The members of one object; commas are placed here.
    struct Members {
        fileprivate var text: JSONText
        private var first = true

        fileprivate init(text: JSONText) {
            self.text = text
        }

        /// Writes `"key":` and then the value through `write`. `key` must already be in snake_case, and members must
        /// come in sorted order.
        mutating func member(_ key: StaticString, _ write: (inout JSONText) throws -> Void) rethrows {
            if !first { text.bytes.append(UInt8(ascii: ",")) }
            first = false
            text.bytes.append(UInt8(ascii: "\""))
            key.withUTF8Buffer { text.bytes.append(contentsOf: $0) }
            text.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            try write(&text)
        }

        /// A member left out when `value` is nil, as synthesized `Encodable` conformances do.
        mutating func member<T>(_ key: StaticString, ifPresent value: T?, _ write: (inout JSONText, T) throws -> Void) rethrows {
            guard let value else { return }
            try member(key) { try write(&$0, value) }
        }
    }
}

/// A response that writes its own JSON text (see `JSONText`); it stays `Encodable` so the two can be compared.
protocol JSONTextEncodable: Encodable {
    func write(to text: inout JSONText) throws
}
