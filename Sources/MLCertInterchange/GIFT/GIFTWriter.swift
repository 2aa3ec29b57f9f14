import Foundation
import MLCertCore

/// Writes items as GIFT, the text format Moodle imports questions from.
///
/// Each item becomes a multiple-choice question in `[html]` mode: the scenario and question as two paragraphs, an
/// `=` before the key of a single-answer item, or `%weight%` on every option of a "choose N" item (100/N on keys,
/// -100 on distractors, the closest Moodle comes to all-or-nothing scoring), each option's rationale as its `#`
/// feedback and the explanation as the `####` general feedback. Questions are grouped under `$CATEGORY:
/// $course$/top/mlcert/<credential>/<domain>`; a comment before each carries the id and tags in Moodle's
/// `[id:...] [tag:...]` syntax and mlcert's classification line.
public enum GIFTWriter {
    public static func write(_ items: [Item]) -> String {
        var out = "// mlcert question bank export (GIFT). Categories: credential/domain.\n\n"
        var category: String?
        for item in items {
            let path = "$course$/top/mlcert/\(item.credential)/\(item.domain)"
            if path != category {
                out += "$CATEGORY: \(path)\n\n"
                category = path
            }
            out += question(item) + "\n"
        }
        return out
    }

    static func question(_ item: Item) -> String {
        func html(_ text: String) -> String { GIFTText.escape(braces(HTMLText.escape(text))) }
        var out = "// [id:\(item.id)]" + item.tags.map { " [tag:\($0)]" }.joined() + "\n"
        out += "// " + ItemMetadata(item: item).line + "\n"
        out += "::\(GIFTText.escape(item.id))::[html]" + GIFTText.escape(braces(HTMLText.paragraphs([item.scenario, item.question]))) + "{\n"
        let weight = item.type == .multiple ? formatWeight(100.0 / Double(max(item.choose, 1))) : nil
        for option in item.options {
            let mark: String
            if let weight {
                mark = option.correct ? "~%\(weight)%" : "~%-100%"
            } else {
                mark = option.correct ? "=" : "~"
            }
            out += "\t\(mark)\(html(option.text))#\(html(option.rationale))\n"
        }
        out += "\t####\(html(item.explanation))\n}\n"
        return out
    }

    /// Braces as HTML character references: Moodle reads `\{` and `\}` correctly, but other GIFT parsers (pygiftparser
    /// among them) end the answer block at an escaped `}`; in `[html]` text a reference says the same and trips none.
    static func braces(_ html: String) -> String {
        html.replacingOccurrences(of: "{", with: "&#123;").replacingOccurrences(of: "}", with: "&#125;")
    }

    /// Moodle's grade list has 50 and 33.33333 but not 33.333333333; five decimals, trailing zeros dropped.
    static func formatWeight(_ value: Double) -> String {
        var text = String(Int((value * 100_000).rounded()))
        while text.count < 6 { text = "0" + text }
        let whole = text.dropLast(5)
        var fraction = String(text.suffix(5))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
