import Foundation
import MLCertCore

/// Options that defeat themselves: "deploy without any testing", "since strong offline metrics make staging
/// unnecessary", "turn off the alert". On the real exams every option is something a competent engineer might do, and
/// only the scenario's constraints rule the wrong ones out; an option that argues against itself is a strawman that a
/// reader rejects without reading the scenario (see CONTENT-GUIDE.md, "Distractors that only the scenario defeats").
///
/// The phrases are narrow on purpose: each names a safeguard being dropped or declared needless, which a sound option
/// never does. A rule that fired on ordinary wording ("manually approve", "disable public access") would be ignored.
public struct SelfUnderminingOptionRule: LintRule {
    public let id = "items.self-undermining-option"
    public let summary = "No option drops a safeguard or declares one needless ('without any testing', 'makes staging unnecessary', 'turn off the alert')."
    public let severity: ContentProblem.Severity
    public init(severity: ContentProblem.Severity = .error) { self.severity = severity }

    /// Each pattern with the reason shown to the writer.
    static let patterns: [(regex: NSRegularExpression, reason: String)] = [
        (#"\bwithout (any |further |additional |a )?(test|tests|testing|validation|evaluation|review|monitoring|approval|rollback)\b"#,
            "drops a safeguard"),
        (#"\bskip(s|ping)? (the |any |all )?(test|tests|testing|validation|evaluation|review|canary|staging|approval)\b"#,
            "skips a safeguard"),
        (#"\b(unnecessary|needless|superfluous)\b"#, "declares something needless"),
        (#"\bno (longer )?need (to|for)\b"#, "declares something needless"),
        (#"\b(eliminat|remov)(e|es|ing) the need\b"#, "claims to remove a need"),
        (#"\b(turn|turns|turning|switch|switches|switching) off (the |its |all )?(alert|alerts|alarm|alarms|monitor|monitors|monitoring|logging)\b"#,
            "turns off a safeguard"),
        (#"\bdisabl(e|es|ing) (the |its |all )?(alert|alerts|alarm|alarms|monitor|monitors|monitoring|logging|encryption|validation)\b"#,
            "turns off a safeguard"),
        (#"\bignor(e|es|ing) (the |its |all )?(drift|alert|alerts|alarm|alarms|warning|warnings|errors|bias)\b"#, "ignores a signal"),
        (#"\bby hand\b"#, "is a do-it-by-hand strawman"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// The first self-undermining phrase in `text`, with its reason.
    public static func finding(in text: String) -> (phrase: String, reason: String)? {
        let range = NSRange(text.startIndex..., in: text)
        for (regex, reason) in patterns {
            if let match = regex.firstMatch(in: text, range: range), let r = Range(match.range, in: text) {
                return (String(text[r]), reason)
            }
        }
        return nil
    }

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems where item.isActive {
            for (o, option) in item.options.enumerated() {
                guard let found = Self.finding(in: option.text) else { continue }
                problems.append(content.itemProblem(index, at: [.key("options"), .index(o), .key("text")],
                    "option \(ItemOption.letter(for: o)) \(found.reason) ('\(found.phrase)'): write a sound practice that only this scenario's constraints rule out",
                    rule: id, severity: severity))
            }
        }
        return problems
    }
}

/// Every version of an active item goes through both review rounds, by readers who never saw it being written: the
/// full item without the key (`review`, checked by `ReviewRecordRule`), and the options alone (`options_review`). A
/// record of an earlier version no longer speaks for the current wording.
public struct OptionsReviewRecordRule: LintRule {
    public let id = "items.options-review"
    public let summary = "Each active authored item carries an options-only review of its current version, whose 'hit' matches the reader's pick against the key."
    public let severity: ContentProblem.Severity
    public init(severity: ContentProblem.Severity = .error) { self.severity = severity }

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems where item.origin?.kind != .generated && item.isActive {
            guard let review = item.optionsReview else {
                problems.append(content.itemProblem(index, "no options-only review: have a reader who has not seen the item pick from its options alone (see README)", rule: id, severity: severity))
                continue
            }
            if let version = review.itemVersion {
                if version != item.version {
                    problems.append(content.itemProblem(index, at: [.key("options_review"), .key("item_version")],
                        "the options-only review is of version \(version); version \(item.version) needs its own", rule: id, severity: severity))
                }
            } else {
                problems.append(content.itemProblem(index, at: [.key("options_review")],
                    "the options-only review does not say which version it reviewed (item_version): record it with mlcert content review-record", rule: id, severity: severity))
            }
            if let digest = review.itemDigest, digest != item.wordingDigest {
                problems.append(content.itemProblem(index, at: [.key("options_review"), .key("item_digest")],
                    "the wording changed after this options-only review (digest \(digest), now \(item.wordingDigest)): bump version and have it read again", rule: id, severity: severity))
            }
            let hit = Set(review.reviewerAnswer.map { $0.uppercased() }) == Set(item.keyLetters)
            if hit != review.hit {
                problems.append(content.itemProblem(index, at: [.key("options_review"), .key("hit")],
                    "hit: \(review.hit) but the reader picked \(review.reviewerAnswer.joined(separator: ",")) and the key is \(item.keyLetters.joined(separator: ","))", rule: id, severity: severity))
            }
        }
        return problems
    }
}
