import MLCertCore

/// The real exams offer four to six options; fewer make guessing pay, more bloat reading time.
public struct OptionCountRule: LintRule {
    public let id = "items.option-count"
    public let summary = "Each item has 4 to 6 options."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        content.indexedItems.filter { !(4...6).contains($0.item.options.count) }.map {
            content.itemProblem($0.index, at: [.key("options")], "has \($0.item.options.count) options; expected 4 to 6", rule: id)
        }
    }
}

/// Single-answer items have exactly one key; "choose N" items have exactly N keys and the stem says N, because the
/// exams score them all-or-nothing and a learner must know how many to pick.
public struct KeyCountRule: LintRule {
    public let id = "items.key-count"
    public let summary = "Exactly one key for single items; exactly N for choose-N items (N = 2 or 3), and the question says '(Choose N.)'."
    public init() {}

    static let numberWords = [2: "two", 3: "three"]

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            let keys = item.keyIndices.count
            switch item.type {
            case .single:
                if item.choose != 1 { problems.append(content.itemProblem(index, at: [.key("choose")], "a single-answer item has choose: 1 (found \(item.choose))", rule: id)) }
                if keys != 1 { problems.append(content.itemProblem(index, at: [.key("options")], "a single-answer item needs exactly one option with correct: true (found \(keys))", rule: id)) }
            case .multiple:
                guard let word = Self.numberWords[item.choose] else {
                    problems.append(content.itemProblem(index, at: [.key("choose")], "a multiple-answer item chooses 2 or 3 (found \(item.choose))", rule: id))
                    continue
                }
                if keys != item.choose {
                    problems.append(content.itemProblem(index, at: [.key("options")], "choose: \(item.choose) but \(keys) option(s) are marked correct", rule: id))
                }
                if !item.question.contains("(Choose \(word).)") {
                    problems.append(content.itemProblem(index, at: [.key("question")], "a choose-\(item.choose) question must say '(Choose \(word).)'", rule: id))
                }
                if item.options.count <= item.choose + 1 {
                    problems.append(content.itemProblem(index, at: [.key("options")], "choose \(item.choose) needs at least \(item.choose + 2) options", rule: id))
                }
            }
        }
        return problems
    }
}

/// Two options that say the same thing are either both right or both wrong, and either way the item is broken.
public struct DuplicateOptionsRule: LintRule {
    public let id = "items.duplicate-options"
    public let summary = "No two options of an item have the same text (ignoring case, spacing and punctuation)."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            var seen: [String: Int] = [:]
            for (o, option) in item.options.enumerated() {
                let key = TextFeatures.words(option.text).joined(separator: " ")
                if let earlier = seen[key] {
                    problems.append(content.itemProblem(index, at: [.key("options"), .index(o), .key("text")],
                        "option \(ItemOption.letter(for: o)) repeats option \(ItemOption.letter(for: earlier))", rule: id))
                } else {
                    seen[key] = o
                }
            }
        }
        return problems
    }
}

/// "All of the above" and "none of the above" reward partial knowledge and are banned by the content guide.
public struct CatchAllOptionsRule: LintRule {
    public let id = "items.no-all-none-of-the-above"
    public let summary = "No option is 'all of the above' or 'none of the above'."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            for (o, option) in item.options.enumerated() {
                let text = option.text.lowercased()
                if text.contains("all of the above") || text.contains("none of the above") || text.contains("both a and b") {
                    problems.append(content.itemProblem(index, at: [.key("options"), .index(o), .key("text")],
                        "catch-all option '\(option.text)' is not allowed", rule: id))
                }
            }
        }
        return problems
    }
}

/// A learner who picks a wrong option must learn why it is wrong; a blank rationale teaches nothing.
public struct RationaleRule: LintRule {
    public let id = "items.rationales"
    public let summary = "Every option has a rationale, and every item a teaching explanation, a scenario, a question and tags."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems {
            for (o, option) in item.options.enumerated() where option.rationale.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
                problems.append(content.itemProblem(index, at: [.key("options"), .index(o), .key("rationale")],
                    "option \(ItemOption.letter(for: o)) needs a rationale that says why it is right or wrong", rule: id))
            }
            for (key, text) in [("explanation", item.explanation), ("scenario", item.scenario), ("question", item.question)]
            where text.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
                problems.append(content.itemProblem(index, at: [.key(key)], "\(key) is empty or too short", rule: id))
            }
            if item.tags.isEmpty { problems.append(content.itemProblem(index, at: [.key("tags")], "at least one concept tag is required", rule: id)) }
        }
        return problems
    }
}

/// Negative stems are missed by hurried readers; the guide allows them only in capitals (NOT).
public struct NegativeStemRule: LintRule {
    public let id = "items.negative-stem"
    public let summary = "A negative question writes NOT (or EXCEPT) in capitals."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        content.indexedItems.compactMap { index, item in
            let words = item.question.split(whereSeparator: { !$0.isLetter })
            guard let word = words.first(where: { ["not", "except", "Not", "Except"].contains(String($0)) }) else { return nil }
            return content.itemProblem(index, at: [.key("question")], "negative word '\(word)' in the question must be in capitals", rule: id)
        }
    }
}

/// Every item is answered by an independent reviewer without the key before it is merged; the record keeps who and
/// when, and must agree with itself.
public struct ReviewRecordRule: LintRule {
    public let id = "items.review"
    public let summary = "Each authored item carries a review record whose 'agreed' matches the reviewer's answer against the key."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for (index, item) in content.indexedItems where item.origin?.kind != .generated {
            guard let review = item.review else {
                problems.append(content.itemProblem(index, "no review record: have an independent reviewer answer it without the key (see README)", rule: id))
                continue
            }
            let matches = Set(review.reviewerAnswer.map { $0.uppercased() }) == Set(item.keyLetters)
            if matches != review.agreed {
                problems.append(content.itemProblem(index, at: [.key("review"), .key("agreed")],
                    "agreed: \(review.agreed) but the reviewer answered \(review.reviewerAnswer.joined(separator: ",")) and the key is \(item.keyLetters.joined(separator: ","))", rule: id))
            }
            if !review.agreed {
                problems.append(content.itemProblem(index, at: [.key("review")],
                    "the reviewer disagreed with the key: fix the item and have it reviewed again, or remove it", rule: id))
            }
            if item.isActive {
                if let version = review.itemVersion {
                    if version != item.version {
                        problems.append(content.itemProblem(index, at: [.key("review"), .key("item_version")],
                            "the full-item review is of version \(version); version \(item.version) needs its own", rule: id))
                    }
                } else {
                    problems.append(content.itemProblem(index, at: [.key("review")],
                        "the full-item review does not say which version it reviewed (item_version): record it with mlcert content review-record", rule: id))
                }
                if let digest = review.itemDigest, digest != item.wordingDigest {
                    problems.append(content.itemProblem(index, at: [.key("review"), .key("item_digest")],
                        "the wording changed after this full-item review (digest \(digest), now \(item.wordingDigest)): bump version and have it reviewed again", rule: id))
                }
            }
        }
        return problems
    }
}
