import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// `mlcert content item-report`: how each question of a credential behaved on learners' first attempts, in the terms
/// item writers act on.
///
/// Facility (share right), discrimination (corrected point-biserial: the item against the rest of the learner's first
/// attempts; and the IRT a of the newest parameter set), each option's choice rate in the bottom, middle and top third
/// of learners by proportion correct, and flags: a likely wrong key (negative discrimination, or a distractor that
/// draws the top third at least as much as the key does), a distractor the able choose more than the weak, too easy,
/// too hard (below the blind-guess rate counts), and drift between the newest parameter set and the one before it.
public struct ItemStatisticsReport: Codable, Sendable {
    public struct Option: Codable, Sendable {
        public let letter: String
        public let key: Bool
        /// Share of respondents choosing it, overall and in the bottom, middle and top thirds.
        public let chosen: Double
        public let bottomThird: Double
        public let middleThird: Double
        public let topThird: Double
    }

    public struct Entry: Codable, Sendable {
        public let item: String
        public let version: Int
        public let domain: String
        public let authorDifficulty: String
        public let respondents: Int
        public let facility: Double?
        public let pointBiserial: Double?
        /// From the newest parameter set, when it uses the item.
        public let irtA: Double?
        public let irtB: Double?
        public let irtC: Double?
        /// b and a in the newest set minus those in the one before (both using the item).
        public let bDrift: Double?
        public let aDrift: Double?
        public let options: [Option]
        public let flags: [String]
    }

    public let credential: String
    public let learners: Int
    public let parameterSet: Int?
    public let previousParameterSet: Int?
    /// Fewest respondents before an item is flagged at all (statistics on fewer are noise).
    public let minimumRespondents: Int
    public let items: [Entry]

    /// Flag names, stable for scripts.
    public enum Flag: String, CaseIterable, Sendable {
        case likelyWrongKey = "likely_wrong_key"
        case distractorChosenByAble = "distractor_chosen_by_able"
        case tooEasy = "too_easy"
        case tooHard = "too_hard"
        case drift
        case fewAnswers = "few_answers"
    }

    static let tooEasy = 0.95
    static let driftB = 0.5
    static let driftLogA = 0.4

    public init(credentialID: String, items: [Item], histories: [LearnerHistory], newest: ItemParameterSet?, previous: ItemParameterSet?,
                minimumRespondents: Int = 30) {
        credential = credentialID
        parameterSet = newest?.version
        previousParameterSet = previous?.version
        self.minimumRespondents = minimumRespondents
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
        // Each learner's first attempts at the current versions of these items.
        var answers: [[(item: Int, selected: [Int], correct: Bool)]] = []
        for history in histories {
            let mine = history.evidence.compactMap { e -> (item: Int, selected: [Int], correct: Bool)? in
                guard e.credentialID == credentialID, let i = index[e.answer.itemID], items[i].version == e.answer.itemVersion else { return nil }
                return (i, e.answer.selected, e.answer.correct)
            }
            if !mine.isEmpty { answers.append(mine) }
        }
        learners = answers.count
        let data = ResponseData(personCount: answers.count, itemCount: items.count,
            responses: answers.enumerated().flatMap { p, list in list.map { (person: p, item: $0.item, correct: $0.correct) } })
        let analysis = ItemAnalysis.analyse(data)
        // Thirds of learners by proportion correct.
        let score = answers.map { Double($0.filter(\.correct).count) / Double($0.count) }
        let ranked = score.indices.sorted { (score[$0], $0) < (score[$1], $1) }
        var third = [Int](repeating: 0, count: answers.count)
        for (rank, p) in ranked.enumerated() { third[p] = min(2, rank * 3 / max(answers.count, 1)) }
        var byItem = [[(person: Int, selected: [Int])]](repeating: [], count: items.count)
        for (p, list) in answers.enumerated() { for a in list { byItem[a.item].append((p, a.selected)) } }
        let now = Dictionary(uniqueKeysWithValues: (newest?.items ?? []).filter(\.inUse).map { ($0.itemID, $0) })
        let before = Dictionary(uniqueKeysWithValues: (previous?.items ?? []).filter(\.inUse).map { ($0.itemID, $0) })
        self.items = items.enumerated().map { i, item in
            let respondents = byItem[i]
            let stats = analysis.items[i]
            var counts = [[Int]](repeating: [0, 0, 0], count: item.options.count)
            var groupSizes = [0, 0, 0]
            for r in respondents {
                groupSizes[third[r.person]] += 1
                for o in r.selected where o < item.options.count { counts[o][third[r.person]] += 1 }
            }
            func share(_ n: Int, _ of: Int) -> Double { of == 0 ? 0 : Double(n) / Double(of) }
            let options = item.options.indices.map { o in
                Option(letter: ItemOption.letter(for: o), key: item.options[o].correct, chosen: share(counts[o].reduce(0, +), respondents.count),
                    bottomThird: share(counts[o][0], groupSizes[0]), middleThird: share(counts[o][1], groupSizes[1]), topThird: share(counts[o][2], groupSizes[2]))
            }
            let calibrated = now[item.id].flatMap { $0.itemVersion == item.version ? $0 : nil }
            let earlier = before[item.id].flatMap { $0.itemVersion == item.version ? $0 : nil }
            let bDrift = calibrated.flatMap { c in earlier.map { c.parameters.b - $0.parameters.b } }
            let aDrift = calibrated.flatMap { c in earlier.map { c.parameters.a - $0.parameters.a } }
            var flags: [Flag] = []
            let facility = respondents.isEmpty ? nil : stats.facility
            let pointBiserial = respondents.count < 3 || !stats.correctedPointBiserial.isFinite ? nil : stats.correctedPointBiserial
            if respondents.count < minimumRespondents {
                flags.append(.fewAnswers)
            } else {
                let keyTop = options.filter(\.key).map(\.topThird).min() ?? 0
                let distractors = options.filter { !$0.key }
                if (pointBiserial ?? 0) < 0 || distractors.contains(where: { $0.topThird >= keyTop && $0.topThird > 0 }) { flags.append(.likelyWrongKey) }
                if distractors.contains(where: { $0.topThird >= 0.2 && $0.topThird > $0.bottomThird + 0.1 }) { flags.append(.distractorChosenByAble) }
                if let f = facility, f > Self.tooEasy { flags.append(.tooEasy) }
                if let f = facility, f < max(0.2, ItemPriors.parameters(for: item).c) { flags.append(.tooHard) }
            }
            if let bDrift, let calibrated, let earlier,
               abs(bDrift) > Self.driftB || abs(log(calibrated.parameters.a / earlier.parameters.a)) > Self.driftLogA
            {
                flags.append(.drift)
            }
            return Entry(item: item.id, version: item.version, domain: item.domain, authorDifficulty: item.difficulty.rawValue,
                respondents: respondents.count, facility: facility, pointBiserial: pointBiserial, irtA: calibrated?.parameters.a,
                irtB: calibrated?.parameters.b, irtC: calibrated?.parameters.c, bDrift: bDrift, aDrift: aDrift, options: options,
                flags: flags.map(\.rawValue))
        }
    }

    public func renderText() -> String {
        func f(_ x: Double?, _ format: String = "%.2f") -> String { x.map { String(format: format, $0) } ?? "-" }
        var table = TextTable(headers: ["ITEM", "DOMAIN", "N", "FACILITY", "R(PB)", "IRT A", "ΔB", "FLAGS"])
        for e in items {
            table.rows.append([e.item, e.domain, "\(e.respondents)", f(e.facility), f(e.pointBiserial), f(e.irtA), f(e.bDrift, "%+.2f"),
                e.flags.joined(separator: ", ")])
        }
        var out = [
            "Item report for \(credential): \(learners) learners' first attempts; IRT from "
                + (parameterSet.map { "parameter set \($0)" + (previousParameterSet.map { ", drift against set \($0)" } ?? "") } ?? "no calibration yet")
                + "; flags need \(minimumRespondents) answers.",
            table.render(),
        ]
        let flagged = items.filter { !$0.flags.isEmpty && !$0.flags.contains(Flag.fewAnswers.rawValue) }
        for e in flagged {
            out.append("")
            out.append("\(e.item) (\(e.flags.joined(separator: ", "))): share choosing each option, bottom / middle / top third")
            for o in e.options {
                out.append("  \(o.letter)\(o.key ? " (key)" : "      ")  \(f(o.bottomThird)) / \(f(o.middleThird)) / \(f(o.topThird))")
            }
        }
        return out.joined(separator: "\n")
    }
}
