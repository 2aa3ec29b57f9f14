/// Escaping plain text for HTML, SVG and XML: `& < > " '` become entities, so the text can sit in element content
/// and in quoted attributes alike. The web app's charts and the item-bank exports share it, so both escape the same
/// five characters the same way.
public enum MarkupEscaping {
    /// The escaped text; each line break (`\n` or `\r\n`) becomes `lineBreak` when one is given.
    public static func escape(_ text: String, lineBreak: String? = nil) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r\n": out += lineBreak ?? String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}
