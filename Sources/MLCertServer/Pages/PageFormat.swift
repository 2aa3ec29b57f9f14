import Foundation
import MLCertCore

/// How numbers, money, times and dates read on the pages. One place, so every page says "63%" and "1 h 20 min" the
/// same way, independent of the server's locale and time zone.
enum PageFormat {
    static func percent(_ proportion: Double) -> String { SVGText.percent(proportion) }

    /// Whole numbers without decimals, others with one.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10)
    }

    static func money(_ amount: Double, currency: String = "USD") -> String {
        let whole = Int(amount.rounded())
        return currency == "USD" ? "$\(whole)" : "\(currency) \(whole)"
    }

    /// A duration in words: "45 s", "12 min", "2 h 5 min".
    static func duration(seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        if s < 60 { return "\(s) s" }
        let minutes = s / 60
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// A clock reading for the exam timer: "1:05:09" or "5:09".
    static func clock(seconds: Int) -> String {
        let s = max(0, seconds)
        let h = s / 3600, m = (s % 3600) / 60, r = s % 60
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    /// Day and time in UTC, e.g. "2026-12-03 14:05 UTC".
    static func dateTime(_ date: Date) -> String {
        let c = SVGText.utc.dateComponents([.hour, .minute], from: date)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(SVGText.day(date)) \(two(c.hour ?? 0)):\(two(c.minute ?? 0)) UTC"
    }

    static func day(_ date: Date) -> String { SVGText.day(date) }

    /// "Drill", "Mock exam", "Diagnostic", "Review".
    static func kind(_ kind: String) -> String {
        switch kind {
        case "practice": "Drill"
        case "exam": "Mock exam"
        case "diagnostic": "Diagnostic"
        case "review": "Review"
        default: kind
        }
    }

    /// "one", "two", ... up to ten, then digits: how the pages say small counts in a sentence.
    static func count(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// The exam guide a session was built against, as a learner reads it: "exam guide 2024-10".
    static func blueprint(_ version: String) -> String { "exam guide \(version)" }

    /// A vendor as people name it ("aws" → "Amazon Web Services"); an unknown id is shown as it is.
    static func vendor(_ id: String) -> String {
        ["aws": "Amazon Web Services", "google": "Google Cloud", "microsoft": "Microsoft", "databricks": "Databricks", "coursera": "Coursera",
         "edx": "edX"][id] ?? id
    }

    /// A link to vendor documentation a question's rationale rests on.
    struct DocLink: Sendable {
        let title: String
        let href: String
    }

    /// The item's documentation links (`references` in the bank), https only.
    static func documentation(_ item: Item?) -> [DocLink] {
        (item?.references ?? []).filter { $0.url.hasPrefix("https://") }.map { DocLink(title: $0.title, href: $0.url) }
    }

    /// The credential's display name, or its id when the catalog no longer has it.
    static func credentialName(_ id: String, in catalog: Catalog) -> String { catalog.credential(id: id)?.name ?? id }

    /// Active credentials for the pickers, the given one selected (or the first when none is given).
    static func credentialChoices(_ catalog: Catalog, selected: String?) -> [Choice] {
        let active = catalog.credentials.filter { !$0.isRetired && $0.currentBlueprint != nil }
        let chosen = selected.flatMap { id in active.first { $0.id == id }?.id } ?? active.first?.id
        return active.map { Choice(id: $0.id, name: $0.name, selected: $0.id == chosen) }
    }

    struct Choice: Sendable {
        let id: String
        let name: String
        let selected: Bool
    }
}
