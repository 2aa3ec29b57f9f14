import MLCertCore

/// A bank-level cue rule: computes `CueStatistics` per credential and fails when the cue beats chance at `alpha`.
protocol CueRule: LintRule {
    /// The p-value of this cue for a credential, and a sentence describing what was seen.
    func evaluate(_ stats: CueStatistics) -> (pValue: Double, finding: String)
    /// The opposite cue, reported as a warning: the key stands out by lacking the feature. Nil where it does not apply.
    func evaluateReverse(_ stats: CueStatistics) -> (pValue: Double, finding: String)?
}

extension CueRule {
    public func check(_ content: LoadedContent) -> [ContentProblem] {
        CueStatistics.byCredential(content.items.filter(\.isActive)).flatMap { stats -> [ContentProblem] in
            var problems: [ContentProblem] = []
            let (p, finding) = evaluate(stats)
            if p < CueStatistics.alpha {
                problems.append(ContentProblem(file: "Content/items/\(stats.credential)", line: nil, field: "(bank)",
                    message: "\(finding) (p = \(format(p)) < \(CueStatistics.alpha)); a guesser could exploit it", rule: id))
            }
            if let (q, reverse) = evaluateReverse(stats), q < CueStatistics.alpha {
                problems.append(ContentProblem(file: "Content/items/\(stats.credential)", line: nil, field: "(bank)",
                    message: "\(reverse) (p = \(format(q)) < \(CueStatistics.alpha)); a guesser could gain by elimination", rule: id, severity: .warning))
            }
            return problems
        }
    }

    func evaluateReverse(_ stats: CueStatistics) -> (pValue: Double, finding: String)? { nil }

    func format(_ p: Double) -> String { p < 0.0001 ? "<0.0001" : String((p * 10000).rounded() / 10000) }
}

/// Writers tend to make the right answer the most careful, hence longest, option.
public struct LongestKeyCueRule: CueRule {
    public let id = "cue.longest-key"
    public let summary = "Per credential, the key is the strictly longest option no more often than chance (one-sided binomial test, alpha 0.01)."
    public init() {}
    func evaluate(_ s: CueStatistics) -> (pValue: Double, finding: String) {
        (s.longestKey.pValue, "the key is the longest option in \(s.longestKey.observed) of \(s.longestKey.items) single-answer items (chance: \(Int(s.longestKey.expected.rounded())))")
    }
    func evaluateReverse(_ s: CueStatistics) -> (pValue: Double, finding: String)? {
        (s.longestKey.lowerPValue, "the key is the longest option in only \(s.longestKey.observed) of \(s.longestKey.items) single-answer items (chance: \(Int(s.longestKey.expected.rounded())))")
    }
}

/// A favourite key position (C, classically) lets a guesser beat chance.
public struct KeyPositionCueRule: CueRule {
    public let id = "cue.key-position"
    public let summary = "Per credential, key positions of single-answer items fit a uniform spread (chi-square test, alpha 0.01)."
    public init() {}
    func evaluate(_ s: CueStatistics) -> (pValue: Double, finding: String) {
        let counts = s.keyPositions.counts.enumerated().map { "\(ItemOption.letter(for: $0.offset))=\($0.element)" }.joined(separator: " ")
        return (s.keyPositions.pValue, "key positions \(counts) are unbalanced (chi-square \(Int(s.keyPositions.chiSquare.rounded())) on \(s.keyPositions.degreesOfFreedom) df)")
    }
}

/// The key should not be findable by matching words from the scenario.
public struct StemEchoCueRule: CueRule {
    public let id = "cue.stem-echo"
    public let summary = "Per credential, the key shares the most words with the stem no more often than chance (one-sided binomial test, alpha 0.01)."
    public init() {}
    func evaluate(_ s: CueStatistics) -> (pValue: Double, finding: String) {
        (s.stemEcho.pValue, "the key echoes the stem most in \(s.stemEcho.observed) of \(s.stemEcho.items) single-answer items (chance: \(Int(s.stemEcho.expected.rounded())))")
    }
    func evaluateReverse(_ s: CueStatistics) -> (pValue: Double, finding: String)? {
        (s.stemEcho.lowerPValue, "the key echoes the stem most in only \(s.stemEcho.observed) of \(s.stemEcho.items) single-answer items (chance: \(Int(s.stemEcho.expected.rounded())))")
    }
}

/// Absolute words ("always", "never") in distractors only teach guessers to eliminate them.
public struct AbsoluteWordsCueRule: CueRule {
    public let id = "cue.absolute-words"
    public let summary = "Per credential, absolute words are not concentrated in distractors (one-sided two-proportion z-test, alpha 0.01)."
    public init() {}
    func evaluate(_ s: CueStatistics) -> (pValue: Double, finding: String) {
        let a = s.absoluteWords
        return (a.pValue, "absolute words appear in \(a.distractorsWithAbsolute) of \(a.distractors) distractors but \(a.keysWithAbsolute) of \(a.keys) keys")
    }
}
