/// A learner's choice on one multiple-choice item.
public struct ChoiceResponse: Hashable, Sendable {
    public var person: Int
    public var item: Int
    /// The option chosen, 0-based.
    public var option: Int
    public init(person: Int, item: Int, option: Int) {
        self.person = person
        self.item = item
        self.option = option
    }
}

/// What is suspicious about an item, in the terms item writers act on.
public enum ItemFlag: String, Hashable, Sendable, Codable, CaseIterable {
    /// A distractor draws more of the top group than the key does, or the corrected point-biserial is negative:
    /// check the key first.
    case likelyWrongKey
    /// Almost everybody gets it right; it measures little.
    case tooEasy
    /// Almost nobody gets it right (below or near chance).
    case tooHard
    /// Strong and weak learners get it right about equally often.
    case nonDiscriminating
    /// A distractor that (almost) nobody chooses: the item effectively has fewer options.
    case nonFunctioningDistractor
}

/// Limits behind the flags; the defaults are common classical test theory rules of thumb.
public struct ItemAnalysisThresholds: Hashable, Sendable {
    /// Facility above which an item is flagged too easy.
    public var tooEasyFacility: Double = 0.90
    /// Facility below which an item is flagged too hard.
    public var tooHardFacility: Double = 0.20
    /// Corrected point-biserial below which an item is non-discriminating.
    public var minimumPointBiserial: Double = 0.15
    /// Upper–lower discrimination index below which an item is non-discriminating.
    public var minimumDiscriminationIndex: Double = 0.10
    /// A distractor chosen by at most this share of respondents is non-functioning (0: literally nobody).
    public var nonFunctioningShare: Double = 0.0
    /// Share of people in each of the upper and lower groups.
    public var extremeGroupShare: Double = 0.27
    public init() {}
}

/// One option's statistics.
public struct OptionStatistics: Hashable, Sendable {
    public var option: Int
    public var isKey: Bool
    /// Times chosen.
    public var count: Int
    /// Share of respondents choosing it.
    public var share: Double
    /// Share of the upper group choosing it.
    public var upperShare: Double
    /// Share of the lower group choosing it.
    public var lowerShare: Double
}

/// Classical statistics of one item.
public struct ItemStatistics: Hashable, Sendable {
    public var item: Int
    /// Respondents.
    public var count: Int
    /// Proportion correct (the "p-value" or facility).
    public var facility: Double
    /// Correlation of the item score with the rest score (proportion correct on the other items answered).
    public var correctedPointBiserial: Double
    /// Facility in the upper group minus facility in the lower group (groups by total score).
    public var discriminationIndex: Double
    /// Per-option statistics (empty when no option data were given).
    public var options: [OptionStatistics]
    /// Cronbach's alpha of the complete-case form without this item.
    public var alphaIfDeleted: Double?
    public var flags: Set<ItemFlag>
}

/// Classical test theory for a form or a practice bank: facility, discrimination, distractors, reliability, flags.
///
/// Works on sparse data (people answering different subsets): person totals are proportions correct on what they
/// answered; reliability (KR-20, Cronbach's alpha) uses the people who answered every item, and reports how many.
///
/// ```swift
/// let report = ItemAnalysis.analyse(choices: responses, keys: keys, optionCounts: optionCounts)
/// for item in report.items where item.flags.contains(.likelyWrongKey) { print(item.item) }
/// ```
public struct ItemAnalysis: Sendable {
    /// Statistics of each item, in bank order.
    public var items: [ItemStatistics]
    /// KR-20 on complete cases (nil when fewer than two complete cases or items).
    public var kr20: Double?
    /// Cronbach's alpha on complete cases (equal to KR-20 for right/wrong items, computed separately as a check).
    public var cronbachAlpha: Double?
    /// People who answered every item (the reliability sample).
    public var completeCases: Int

    /// Analyses multiple-choice responses; `keys[i]` is item `i`'s correct option and `optionCounts[i]` its number of
    /// options.
    public static func analyse(
        choices: [ChoiceResponse], keys: [Int], optionCounts: [Int], personCount: Int? = nil,
        thresholds: ItemAnalysisThresholds = ItemAnalysisThresholds()
    ) -> ItemAnalysis {
        precondition(keys.count == optionCounts.count)
        let people = personCount ?? ((choices.map(\.person).max() ?? -1) + 1)
        let itemCount = keys.count
        var chosen = [Int](repeating: -1, count: people * itemCount)
        for c in choices {
            precondition(c.option >= 0 && c.option < optionCounts[c.item], "option out of range")
            chosen[c.person * itemCount + c.item] = c.option
        }
        return analyse(people: people, keys: keys, optionCounts: optionCounts, chosen: chosen, thresholds: thresholds)
    }

    /// Analyses right/wrong data only (no distractor statistics).
    public static func analyse(_ data: ResponseData, thresholds: ItemAnalysisThresholds = ItemAnalysisThresholds()) -> ItemAnalysis {
        var chosen = [Int](repeating: -1, count: data.personCount * data.itemCount)
        for p in 0..<data.personCount {
            for k in data.rowStart[p]..<data.rowStart[p + 1] {
                chosen[p * data.itemCount + Int(data.items[k])] = data.correct[k] == 1 ? 0 : 1
            }
        }
        var result = analyse(
            people: data.personCount, keys: [Int](repeating: 0, count: data.itemCount),
            optionCounts: [Int](repeating: 2, count: data.itemCount), chosen: chosen, thresholds: thresholds)
        for i in result.items.indices {
            result.items[i].options = []
            result.items[i].flags.remove(.nonFunctioningDistractor)
        }
        return result
    }

    static func analyse(people: Int, keys: [Int], optionCounts: [Int], chosen: [Int], thresholds: ItemAnalysisThresholds)
        -> ItemAnalysis
    {
        let itemCount = keys.count
        // Person totals.
        var right = [Int](repeating: 0, count: people)
        var answered = [Int](repeating: 0, count: people)
        for p in 0..<people {
            for i in 0..<itemCount where chosen[p * itemCount + i] >= 0 {
                answered[p] += 1
                if chosen[p * itemCount + i] == keys[i] { right[p] += 1 }
            }
        }
        let total = (0..<people).map { answered[$0] > 0 ? Double(right[$0]) / Double(answered[$0]) : 0 }
        // Upper and lower groups by total among people who answered anything.
        let ranked = (0..<people).filter { answered[$0] > 0 }.sorted { total[$0] < total[$1] || (total[$0] == total[$1] && $0 < $1) }
        let g = max(1, Int((Double(ranked.count) * thresholds.extremeGroupShare).rounded()))
        var group = [Int8](repeating: 0, count: people)
        for p in ranked.prefix(g) { group[p] = -1 }
        for p in ranked.suffix(g) { group[p] = 1 }

        var stats: [ItemStatistics] = []
        for i in 0..<itemCount {
            var n = 0
            var nRight = 0
            var nUpper = 0
            var nLower = 0
            var rightUpper = 0
            var rightLower = 0
            var counts = [Int](repeating: 0, count: optionCounts[i])
            var upper = counts
            var lower = counts
            var sx = 0.0
            var sy = 0.0
            var sxx = 0.0
            var syy = 0.0
            var sxy = 0.0
            for p in 0..<people {
                let o = chosen[p * itemCount + i]
                guard o >= 0 else { continue }
                let x = o == keys[i] ? 1.0 : 0.0
                n += 1
                nRight += Int(x)
                counts[o] += 1
                if group[p] == 1 {
                    nUpper += 1
                    upper[o] += 1
                    rightUpper += Int(x)
                } else if group[p] == -1 {
                    nLower += 1
                    lower[o] += 1
                    rightLower += Int(x)
                }
                // Rest score: proportion correct on the other answered items.
                guard answered[p] > 1 else { continue }
                let y = Double(right[p] - Int(x)) / Double(answered[p] - 1)
                sx += x
                sy += y
                sxx += x * x
                syy += y * y
                sxy += x * y
            }
            let facility = n > 0 ? Double(nRight) / Double(n) : 0
            let m = Double(n)
            let cov = sxy / m - (sx / m) * (sy / m)
            let vx = sxx / m - (sx / m) * (sx / m)
            let vy = syy / m - (sy / m) * (sy / m)
            let rpb = vx > 1e-12 && vy > 1e-12 ? cov / msqrt(vx * vy) : 0
            let pu = nUpper > 0 ? Double(rightUpper) / Double(nUpper) : 0
            let pl = nLower > 0 ? Double(rightLower) / Double(nLower) : 0
            let options = (0..<optionCounts[i]).map { o in
                OptionStatistics(
                    option: o, isKey: o == keys[i], count: counts[o], share: n > 0 ? Double(counts[o]) / m : 0,
                    upperShare: nUpper > 0 ? Double(upper[o]) / Double(nUpper) : 0,
                    lowerShare: nLower > 0 ? Double(lower[o]) / Double(nLower) : 0)
            }
            var flags = Set<ItemFlag>()
            let keyUpper = options[keys[i]].upperShare
            if n > 0 {
                if options.contains(where: { !$0.isKey && $0.upperShare > keyUpper }) || rpb < 0 { flags.insert(.likelyWrongKey) }
                if facility > thresholds.tooEasyFacility { flags.insert(.tooEasy) }
                if facility < thresholds.tooHardFacility { flags.insert(.tooHard) }
                if rpb < thresholds.minimumPointBiserial || pu - pl < thresholds.minimumDiscriminationIndex {
                    flags.insert(.nonDiscriminating)
                }
                if options.contains(where: { !$0.isKey && $0.share <= thresholds.nonFunctioningShare }) {
                    flags.insert(.nonFunctioningDistractor)
                }
            }
            stats.append(
                ItemStatistics(
                    item: i, count: n, facility: facility, correctedPointBiserial: rpb, discriminationIndex: pu - pl, options: options,
                    alphaIfDeleted: nil, flags: flags))
        }

        // Reliability on complete cases.
        let complete = (0..<people).filter { answered[$0] == itemCount }
        var kr20: Double?
        var alpha: Double?
        if complete.count >= 2 && itemCount >= 2 {
            let k = Double(itemCount)
            let nc = Double(complete.count)
            var itemMean = [Double](repeating: 0, count: itemCount)
            var itemVar = itemMean
            var covWithTotal = itemMean
            var totals = [Double](repeating: 0, count: complete.count)
            for (j, p) in complete.enumerated() {
                for i in 0..<itemCount where chosen[p * itemCount + i] == keys[i] {
                    itemMean[i] += 1
                    totals[j] += 1
                }
            }
            for i in 0..<itemCount { itemMean[i] /= nc }
            let tMean = totals.reduce(0, +) / nc
            let tVar = totals.reduce(0) { $0 + ($1 - tMean) * ($1 - tMean) } / nc
            for (j, p) in complete.enumerated() {
                for i in 0..<itemCount {
                    let x = chosen[p * itemCount + i] == keys[i] ? 1.0 : 0.0
                    itemVar[i] += (x - itemMean[i]) * (x - itemMean[i])
                    covWithTotal[i] += (x - itemMean[i]) * (totals[j] - tMean)
                }
            }
            for i in 0..<itemCount {
                itemVar[i] /= nc
                covWithTotal[i] /= nc
            }
            if tVar > 0 {
                let pq = itemMean.reduce(0) { $0 + $1 * (1 - $1) }
                kr20 = k / (k - 1) * (1 - pq / tVar)
                alpha = k / (k - 1) * (1 - itemVar.reduce(0, +) / tVar)
                if itemCount >= 3 {
                    let sumVar = itemVar.reduce(0, +)
                    for i in 0..<itemCount {
                        let v = tVar + itemVar[i] - 2 * covWithTotal[i]
                        if v > 0 { stats[i].alphaIfDeleted = (k - 1) / (k - 2) * (1 - (sumVar - itemVar[i]) / v) }
                    }
                }
            }
        }
        return ItemAnalysis(items: stats, kr20: kr20, cronbachAlpha: alpha, completeCases: complete.count)
    }
}
