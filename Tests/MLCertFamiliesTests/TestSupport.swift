import Foundation
import MLCertCore

/// Helpers the per-family tests share: reading numbers back out of rendered text, so that each test checks what a
/// learner sees rather than the generator's internal values.
enum Rendered {
    /// Every number in `text`, in order: "1,234", "$5,600", "12.5%" and "0.184" read as 1234, 5600, 12.5 and 0.184.
    static func numbers(in text: String) -> [Double] {
        var out: [Double] = []
        var current = ""
        func flush() {
            let trimmed = current.trimmingCharacters(in: CharacterSet(charactersIn: ".,"))
            if let value = Double(trimmed.replacingOccurrences(of: ",", with: "")) { out.append(value) }
            current = ""
        }
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            if ch.isNumber {
                current.append(ch)
            } else if (ch == "." || ch == ","), !current.isEmpty, i + 1 < chars.count, chars[i + 1].isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                flush()
            }
        }
        if !current.isEmpty { flush() }
        return out
    }

    /// The first number in `text`.
    static func firstNumber(in text: String) -> Double? { numbers(in: text).first }

    /// The key option of a single-answer item.
    static func key(_ item: Item) -> ItemOption { item.options[item.keyIndices[0]] }
}
