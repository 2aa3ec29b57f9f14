import Foundation
import MLCertCore

/// Plain item text to HTML and back, for the formats whose text fields are HTML (Moodle XML, GIFT in `[html]` mode,
/// QTI, Anki fields).
///
/// mlcert's text is plain: `<`, `&` and quotes are characters, not markup, so they are escaped on the way out; a line
/// break becomes `<br>`. On the way in, paragraphs and line breaks are kept, other tags are removed, entities are
/// decoded, and media that plain text cannot hold (images, audio, video, embedded objects) is reported.
public enum HTMLText {
    /// Escapes `& < > " '` and turns line breaks into `<br>`.
    public static func escape(_ text: String) -> String { MarkupEscaping.escape(text, lineBreak: "<br>") }

    /// `<p>scenario</p><p>question</p>`, leaving out an empty scenario.
    public static func paragraphs(_ texts: [String]) -> String {
        texts.filter { !$0.isEmpty }.map { "<p>" + escape($0) + "</p>" }.joined()
    }

    /// What HTML read back as text holds: its paragraphs, and the media elements that were dropped.
    public struct Parsed: Sendable, Equatable {
        public var paragraphs: [String]
        public var droppedMedia: [String]
        public var text: String { paragraphs.joined(separator: "\n\n") }
    }

    static let blockTags: Set<String> = ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote", "pre"]
    static let mediaTags: Set<String> = ["img", "audio", "video", "object", "embed", "iframe", "svg", "math"]

    /// Splits HTML into paragraphs of plain text.
    public static func parse(_ html: String) -> Parsed {
        var paragraphs: [String] = []
        var dropped: [String] = []
        var current = ""
        func flush() {
            let trimmed = current.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { paragraphs.append(trimmed) }
            current = ""
        }
        var chars = Array(html)[...]
        var pendingSpace = false
        while let ch = chars.first {
            if ch == "<" {
                guard let close = chars.firstIndex(of: ">") else { current.append(contentsOf: decodeEntities(String(chars))); break }
                let tag = String(chars[chars.index(after: chars.startIndex)..<close])
                chars = chars[chars.index(after: close)...]
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blockTags.contains(name) {
                    flush()
                    pendingSpace = false
                } else if name == "br" {
                    current += "\n"
                    pendingSpace = false
                } else if mediaTags.contains(name), !tag.hasPrefix("/") {
                    dropped.append("<" + tag + ">")
                }
                continue
            }
            chars = chars.dropFirst()
            if ch.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !current.isEmpty && current.last != "\n" { current += " " }
            pendingSpace = false
            current.append(ch)
        }
        flush()
        return Parsed(paragraphs: paragraphs.map(decodeEntities), droppedMedia: dropped)
    }

    /// Decodes named entities that item text uses and every numeric entity.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
            "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "rsquo": "\u{2019}", "lsquo": "\u{2018}",
            "rdquo": "\u{201D}", "ldquo": "\u{201C}", "times": "\u{00D7}", "le": "\u{2264}", "ge": "\u{2265}"]
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[name]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}
