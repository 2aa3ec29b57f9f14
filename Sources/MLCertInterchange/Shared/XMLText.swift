import Foundation

/// Escaping for XML text and attribute values.
public enum XMLText {
    /// Escapes the five XML special characters; refuses characters that XML 1.0 cannot hold at all.
    public static func escape(_ text: String, at location: @autoclosure () -> String) throws(InterchangeError) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                guard scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF else {
                    throw InterchangeError(location(), "contains the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)), which XML cannot hold")
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for inside an XML comment: a comment may not contain `--` nor end in `-`.
    public static func comment(_ text: String) -> String {
        var out = text
        while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "- -") }
        return out.hasSuffix("-") ? out + " " : out
    }
}
