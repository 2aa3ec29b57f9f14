import MLCertCore

/// Word-level features of item text used by the cue and duplicate checks.
public enum TextFeatures {
    /// Lower-case words of letters and digits.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Words that carry meaning: no stop words, no one-letter words.
    public static func contentWords(_ text: String) -> Set<String> {
        Set(words(text).filter { $0.count > 2 && !stopWords.contains($0) })
    }

    /// Absolute words, which test-wise guessers learn to avoid in options.
    public static let absoluteWords: Set<String> = ["always", "never", "only", "all", "none", "every", "must", "guarantee", "guarantees", "guaranteed", "completely", "entirely"]

    public static func hasAbsoluteWord(_ text: String) -> Bool { words(text).contains { absoluteWords.contains($0) } }

    /// Hashes of consecutive three-word shingles, for near-duplicate detection.
    public static func shingles(_ text: String) -> Set<Int> {
        let w = words(text)
        guard w.count >= 3 else { return Set([w.joined(separator: " ").hashValue]) }
        return Set((0...(w.count - 3)).map { "\(w[$0]) \(w[$0 + 1]) \(w[$0 + 2])".hashValue })
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "that", "this", "from", "into", "are", "was", "were", "has", "have", "had", "its", "their",
        "they", "them", "than", "then", "but", "not", "can", "will", "would", "should", "could", "which", "what", "when", "who",
        "how", "why", "each", "per", "use", "uses", "using", "used", "one", "two", "three", "team", "teams", "does", "also",
        "more", "most", "less", "any", "some", "such", "only", "all", "own", "out", "over", "under", "about", "after", "before",
        "while", "where", "there", "these", "those", "been", "being", "via", "its", "you", "your",
    ]
}

/// Similar stems mean the bank tests the same thing twice, and one item may give away the other.
public struct NearDuplicateStemRule: LintRule {
    public let id = "items.near-duplicate-stems"
    public let summary = "No two items share most of their scenario and question (Jaccard similarity of 3-word shingles at or above 0.5)."
    public static let threshold = 0.5
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        let items = content.items
        let shingles = items.map { TextFeatures.shingles($0.scenario + " " + $0.question) }
        // Count shared shingles through an inverted index, so only pairs that share something are ever compared.
        var postings: [Int: [Int]] = [:]
        for (i, set) in shingles.enumerated() {
            for s in set { postings[s, default: []].append(i) }
        }
        var problems: [ContentProblem] = []
        for j in items.indices {
            var shared: [Int: Int] = [:]
            for s in shingles[j] {
                for i in postings[s]! where i < j { shared[i, default: 0] += 1 }
            }
            for (i, intersection) in shared.sorted(by: { $0.key < $1.key }) where items[i].id != items[j].id {
                let similarity = Double(intersection) / Double(shingles[i].count + shingles[j].count - intersection)
                if similarity >= Self.threshold {
                    problems.append(content.itemProblem(j, at: [.key("scenario")],
                        "stem is \(Int((similarity * 100).rounded()))% the same as item \(items[i].id); rewrite one or remove it", rule: id))
                }
            }
        }
        return problems
    }
}
