/// Reads CSV rows straight from bytes: commas, optional double quotes (`""` inside quotes is a quote, and a quoted field
/// may hold commas and line breaks), `\n` or `\r\n` line ends, a UTF-8 byte-order mark skipped. A row's fields are byte
/// ranges into the input, reused from row to row, so reading allocates nothing per row.
///
/// ```swift
/// var reader = CSVByteReader(bytes: buffer)
/// while reader.nextRow() { reader.withField(0) { print(String(decoding: $0, as: UTF8.self)) } }
/// ```
struct CSVByteReader {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the next unread byte.
    private(set) var position = 0
    /// The 1-based line the current row starts on.
    private(set) var line = 0
    private var nextLine = 1
    /// The current row's fields: a range of `bytes`, or (a quoted field with `""` in it) a range of `unescaped`.
    private var fields: [(start: Int, end: Int, unescaped: Bool)] = []
    private var unescaped: [UInt8] = []
    /// The field of the current row whose opening quote is never closed (it then runs to the end of the input), if any.
    private(set) var unclosedQuoteField: Int?

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    /// Number of fields in the current row.
    var fieldCount: Int { fields.count }

    /// Whether the current row is empty or only spaces.
    var isBlank: Bool {
        fields.count == 1 && withField(0) { $0.isEmpty }
    }

    /// Moves to the next row; false at the end of the input.
    mutating func nextRow() -> Bool {
        let n = bytes.count
        guard position < n else { return false }
        fields.removeAll(keepingCapacity: true)
        unescaped.removeAll(keepingCapacity: true)
        unclosedQuoteField = nil
        line = nextLine
        var i = position
        while true {
            var j = i
            while j < n && (bytes[j] == Self.space || bytes[j] == Self.tab) { j += 1 }
            if j < n && bytes[j] == Self.quote {
                // A quoted field: runs to the closing quote; `""` is a quote; commas and line breaks are text.
                var k = j + 1
                var segment = k
                let scratchStart = unescaped.count
                var hasEscape = false
                while k < n {
                    if bytes[k] == Self.quote {
                        guard k + 1 < n && bytes[k + 1] == Self.quote else { break }
                        unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[segment...k]))
                        hasEscape = true
                        k += 2
                        segment = k
                        continue
                    }
                    if bytes[k] == Self.newline { nextLine += 1 }
                    k += 1
                }
                if k == n { unclosedQuoteField = fields.count }
                if hasEscape {
                    unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[segment..<k]))
                    fields.append((scratchStart, unescaped.count, true))
                } else {
                    fields.append((j + 1, k, false))
                }
                i = min(k + 1, n)
                while i < n && bytes[i] != Self.comma && bytes[i] != Self.newline { i += 1 }
            } else {
                var k = i
                while k < n && bytes[k] != Self.comma && bytes[k] != Self.newline { k += 1 }
                fields.append((i, k > i && bytes[k - 1] == Self.carriageReturn ? k - 1 : k, false))
                i = k
            }
            if i < n && bytes[i] == Self.comma {
                i += 1
                if i == n { fields.append((n, n, false)) } else { continue }
            } else if i < n {
                i += 1
            }
            nextLine += 1
            break
        }
        position = i
        return true
    }

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Calls `body` with field `i`'s bytes, spaces and tabs around it removed.
    func withField<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let field = fields[i]
        if field.unescaped {
            return unescaped.withUnsafeBytes { body(Self.trimmed(UnsafeRawBufferPointer(rebasing: $0[field.start..<field.end]))) }
        }
        return body(Self.trimmed(UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])))
    }

    /// Field `i` as a string (for headers and messages).
    func string(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lo = 0
        var hi = b.count
        while lo < hi && (b[lo] == UInt8(ascii: " ") || b[lo] == UInt8(ascii: "\t")) { lo += 1 }
        while hi > lo && (b[hi - 1] == UInt8(ascii: " ") || b[hi - 1] == UInt8(ascii: "\t")) { hi -= 1 }
        return UnsafeRawBufferPointer(rebasing: b[lo..<hi])
    }

    /// `1`/`0`, `true`/`false`, `yes`/`no` in any case; nil for anything else.
    static func boolean(_ b: UnsafeRawBufferPointer) -> Bool? {
        if b.count == 1 {
            if b[0] == UInt8(ascii: "1") { return true }
            if b[0] == UInt8(ascii: "0") { return false }
            return nil
        }
        let word = String(decoding: b, as: UTF8.self).lowercased()
        switch word {
        case "true", "yes": return true
        case "false", "no": return false
        default: return nil
        }
    }
}
