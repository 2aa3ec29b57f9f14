/// GIFT's escaping: `~ = # { } :` and the backslash itself are written with a backslash before them.
enum GIFTText {
    static let special: Set<Character> = ["~", "=", "#", "{", "}", ":", "\\"]

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if special.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Removes escapes: `\X` becomes `X`, and `\n` a line break as Moodle reads it.
    static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for ch in text {
            if escaped {
                out.append(ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// The index of the first `target` not escaped by a backslash, from `start`.
    static func firstUnescaped(_ target: Character, in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "\\" {
                i = text.index(after: i)
                if i < text.endIndex { i = text.index(after: i) }
                continue
            }
            if ch == target { return i }
            i = text.index(after: i)
        }
        return nil
    }

    /// The index of the first unescaped occurrence of the string `target`.
    static func firstUnescaped(_ target: String, in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "\\" {
                i = text.index(after: i)
                if i < text.endIndex { i = text.index(after: i) }
                continue
            }
            if text[i...].hasPrefix(target) { return i }
            i = text.index(after: i)
        }
        return nil
    }

    /// Count of unescaped `{` minus unescaped `}`, to tell whether an answer block is still open.
    static func braceBalance(_ text: Substring) -> Int {
        var balance = 0
        var escaped = false
        for ch in text {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "{" { balance += 1 } else if ch == "}" { balance -= 1 }
        }
        return balance
    }
}
