/// Builds indented XML text element by element, escaping every text and attribute value.
///
/// The writers stay readable (one call a line of output) and cannot forget an escape: values go in as plain strings.
struct XMLBuilder {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0
    private var open: [String] = []
    /// Where the values come from, for the error when one cannot be written.
    var location: String

    init(location: String) { self.location = location }

    private var indent: String { String(repeating: "  ", count: depth) }

    private func attributes(_ attributes: [(String, String)]) throws(InterchangeError) -> String {
        var out = ""
        for (name, value) in attributes { out += " \(name)=\"\(try XMLText.escape(value, at: location))\"" }
        return out
    }

    mutating func start(_ name: String, _ attrs: [(String, String)] = []) throws(InterchangeError) {
        text += "\(indent)<\(name)\(try attributes(attrs))>\n"
        open.append(name)
        depth += 1
    }

    mutating func end() {
        depth -= 1
        text += "\(indent)</\(open.removeLast())>\n"
    }

    /// `<name attrs>escaped text</name>` on one line, or `<name attrs/>` for nil text.
    mutating func element(_ name: String, _ attrs: [(String, String)] = [], text value: String? = nil) throws(InterchangeError) {
        if let value {
            text += "\(indent)<\(name)\(try attributes(attrs))>\(try XMLText.escape(value, at: location))</\(name)>\n"
        } else {
            text += "\(indent)<\(name)\(try attributes(attrs))/>\n"
        }
    }

    /// Markup that the caller has already built from escaped parts (XHTML inside QTI).
    mutating func raw(_ markup: String) { text += "\(indent)\(markup)\n" }

    mutating func comment(_ value: String) { text += "\(indent)<!-- \(XMLText.comment(value)) -->\n" }
}
