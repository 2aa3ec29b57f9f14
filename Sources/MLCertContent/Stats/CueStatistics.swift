import MLCertCore

/// Bank-level cue figures for one credential: could a guesser who knows nothing beat chance by picking the longest
/// option, a favourite position, the option that echoes the stem, or by avoiding absolute words?
///
/// Each figure comes with the chance expectation and a one-sided p-value; the lint rules fail when p < `alpha`.
public struct CueStatistics: Sendable, Codable, Equatable {
    /// Significance level at which a cue fails the lint.
    public static let alpha = 0.01

    public struct Rate: Sendable, Codable, Equatable {
        public let observed: Int
        public let items: Int
        /// Expected count under chance.
        public let expected: Double
        /// One-sided p-value that the cue favours the key (observed at or above this count by chance).
        public let pValue: Double
        /// One-sided p-value for the opposite cue: the key is picked out by rarely being the longest or echoing option,
        /// which a guesser can exploit by elimination.
        public let lowerPValue: Double

        enum CodingKeys: String, CodingKey {
            case observed, items, expected
            case pValue = "p_value"
            case lowerPValue = "lower_p_value"
        }

        init(observed: Int, items: Int, expected: Double, p: Double) {
            self.observed = observed
            self.items = items
            self.expected = expected
            pValue = Probability.binomialUpperTail(atLeast: observed, n: items, p: p)
            lowerPValue = 1 - Probability.binomialUpperTail(atLeast: observed + 1, n: items, p: p)
        }
    }

    public struct Positions: Sendable, Codable, Equatable {
        /// How often the key sits at A, B, C, ... among single-answer items.
        public let counts: [Int]
        public let expected: [Double]
        public let chiSquare: Double
        public let degreesOfFreedom: Int
        public let pValue: Double

        enum CodingKeys: String, CodingKey {
            case counts, expected
            case chiSquare = "chi_square"
            case degreesOfFreedom = "degrees_of_freedom"
            case pValue = "p_value"
        }
    }

    public struct AbsoluteWords: Sendable, Codable, Equatable {
        public let keysWithAbsolute: Int
        public let keys: Int
        public let distractorsWithAbsolute: Int
        public let distractors: Int
        /// One-sided p-value that distractors carry absolute words more often than keys.
        public let pValue: Double

        enum CodingKeys: String, CodingKey {
            case keys, distractors
            case keysWithAbsolute = "keys_with_absolute"
            case distractorsWithAbsolute = "distractors_with_absolute"
            case pValue = "p_value"
        }
    }

    public let credential: String
    /// Single-answer items whose key is strictly the longest option.
    public let longestKey: Rate
    public let keyPositions: Positions
    /// Single-answer items whose key shares strictly the most content words with the scenario and question.
    public let stemEcho: Rate
    public let absoluteWords: AbsoluteWords

    enum CodingKeys: String, CodingKey {
        case credential
        case longestKey = "longest_key"
        case keyPositions = "key_positions"
        case stemEcho = "stem_echo"
        case absoluteWords = "absolute_words"
    }

    public init(credential: String, items: [Item]) {
        self.credential = credential
        let singles = items.filter { $0.type == .single && $0.keyIndices.count == 1 }

        // Longest key: strictly longer than every distractor; chance is 1/k for an item with k options.
        var longest = 0
        var echo = 0
        var chance = 0.0
        for item in singles {
            let key = item.keyIndices[0]
            let lengths = item.options.map { $0.text.count }
            if lengths.indices.allSatisfy({ $0 == key || lengths[$0] < lengths[key] }) { longest += 1 }
            let stem = TextFeatures.contentWords(item.scenario + " " + item.question)
            let overlaps = item.options.map { option -> Double in
                let words = TextFeatures.contentWords(option.text)
                return words.isEmpty ? 0 : Double(words.intersection(stem).count) / Double(words.count)
            }
            if overlaps.indices.allSatisfy({ $0 == key || overlaps[$0] < overlaps[key] }) { echo += 1 }
            chance += 1 / Double(item.options.count)
        }
        let n = singles.count
        let p = n > 0 ? chance / Double(n) : 0.25
        longestKey = Rate(observed: longest, items: n, expected: chance, p: p)
        stemEcho = Rate(observed: echo, items: n, expected: chance, p: p)

        // Key positions: goodness of fit against equal chance over the positions each item offers.
        let width = singles.map(\.options.count).max() ?? 4
        var counts = [Int](repeating: 0, count: width)
        var expected = [Double](repeating: 0, count: width)
        for item in singles {
            counts[item.keyIndices[0]] += 1
            for position in 0..<item.options.count { expected[position] += 1 / Double(item.options.count) }
        }
        var chi = 0.0
        var cells = 0
        for (o, e) in zip(counts, expected) where e > 0 {
            chi += (Double(o) - e) * (Double(o) - e) / e
            cells += 1
        }
        let df = max(1, cells - 1)
        keyPositions = Positions(counts: counts, expected: expected, chiSquare: chi, degreesOfFreedom: df,
            pValue: n > 0 ? Probability.chiSquareSurvival(chi, df: df) : 1)

        // Absolute words: keys against distractors, all item types.
        var keysAbs = 0, keys = 0, disAbs = 0, dis = 0
        for item in items {
            for option in item.options {
                let absolute = TextFeatures.hasAbsoluteWord(option.text)
                if option.correct {
                    keys += 1
                    if absolute { keysAbs += 1 }
                } else {
                    dis += 1
                    if absolute { disAbs += 1 }
                }
            }
        }
        let pooled = Double(keysAbs + disAbs) / Double(max(1, keys + dis))
        let se = (pooled * (1 - pooled) * (1 / Double(max(1, keys)) + 1 / Double(max(1, dis)))).squareRoot()
        let diff = Double(disAbs) / Double(max(1, dis)) - Double(keysAbs) / Double(max(1, keys))
        absoluteWords = AbsoluteWords(keysWithAbsolute: keysAbs, keys: keys, distractorsWithAbsolute: disAbs, distractors: dis,
            pValue: se > 0 ? Probability.normalSurvival(diff / se) : 1)
    }

    /// Figures for every credential that has items, in id order.
    public static func byCredential(_ items: [Item]) -> [CueStatistics] {
        Dictionary(grouping: items, by: \.credential).sorted { $0.key < $1.key }.map { CueStatistics(credential: $0.key, items: $0.value) }
    }
}
