/// One fact of a credential as a reader sees it: a label, the value in words, and what stands behind it (note,
/// disagreement between sources, the sources, confidence and the day it was checked). The terminal's
/// `catalog show` and the web app's credential page both lay out these rows, so the two never word a fact differently.
public struct CredentialFactRow: Sendable, Hashable {
    public let label: String
    public let value: String
    public let note: String?
    /// How the sources disagree, when they do.
    public let conflict: String?
    public let sources: [String]
    public let confidence: Confidence
    public let verifiedOn: Day

    /// The credential's facts in reading order, leaving out those the catalog does not hold. `money` formats a price
    /// (amount, currency): the terminal writes "USD 200", a page may write "$200".
    public static func rows(for credential: Credential, money: (Double, String) -> String = { "\($1) \(Int($0))" }) -> [CredentialFactRow] {
        rows(for: credential.facts, money: money)
    }

    /// The rows of any set of facts, such as the few in which a beta form differs from the standard exam.
    public static func rows(for f: CredentialFacts, money: (Double, String) -> String = { "\($1) \(Int($0))" }) -> [CredentialFactRow] {
        var rows: [CredentialFactRow] = []
        func add<V>(_ label: String, _ fact: Fact<V>?, _ show: (V) -> String) {
            guard let fact else { return }
            rows.append(CredentialFactRow(label: label, value: show(fact.value), note: fact.note, conflict: fact.conflict,
                sources: fact.sources, confidence: fact.confidence, verifiedOn: fact.verifiedOn))
        }
        add("Price", f.price) { money($0.amount, $0.currency) }
        add("Duration", f.durationMinutes) { "\($0) minutes" }
        add("Questions", f.questions) { q in
            var s = q.min == q.max ? "\(q.min)" : "\(q.min)-\(q.max)"
            if let scored = q.scored { s += " (\(scored) scored" + (q.unscored.map { ", \($0) unscored" } ?? "") + ")" }
            return s
        }
        add("Question types", f.questionTypes) { $0.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ") }
        add("Scoring", f.scoring) { s in
            guard s.published, let pass = s.passMark else { return "pass/fail; pass mark not published" }
            return "scaled \(s.scaleMin ?? 0)-\(s.scaleMax ?? 0), pass at \(pass)"
        }
        add("Validity", f.validity) { $0.years.map { "\($0) year\($0 == 1 ? "" : "s")" } ?? "does not expire" }
        add("Renewal", f.renewal) { $0 }
        add("Retakes", f.retakePolicy) { $0 }
        add("Delivery", f.delivery) { $0.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ") }
        add("Languages", f.languages) { $0.joined(separator: ", ") }
        add("Experience", f.recommendedExperience) { $0 }
        return rows
    }
}
