import Foundation
import MLCertCore

/// The results of a finished session: the score, the breakdown by domain, the pace, and every item with its key,
/// rationales and explanation.
///
/// Built only for finished sessions (`SessionReport.init` refuses an open one), so that nothing in it can leak a
/// key for a question that can still be answered.
public struct SessionReport: Sendable, Codable, Hashable {
    public struct DomainResult: Sendable, Codable, Hashable {
        public let domain: String
        public let title: String
        public let weight: Double
        public let questions: Int
        public let correct: Int
        public var proportion: Double { questions == 0 ? 0 : Double(correct) / Double(questions) }
    }

    public struct OptionReview: Sendable, Codable, Hashable {
        public let letter: String
        public let text: String
        public let correct: Bool
        public let chosen: Bool
        public let rationale: String
    }

    public struct ItemReview: Sendable, Codable, Hashable {
        public let number: Int
        public let itemID: String
        public let itemVersion: Int
        public let domain: String
        public let scenario: String
        public let question: String
        public let options: [OptionReview]
        public let chosen: [String]
        public let key: [String]
        public let correct: Bool
        public let answered: Bool
        public let flagged: Bool
        public let seconds: Double
        public let changes: Int
        public let explanation: String
        /// Set when the bank now holds a newer version of the item than the one answered; its text is then today's.
        public let editedSince: Bool
    }

    public let sessionID: String
    public let kind: SessionKind
    public let credentialID: String
    public let startedAt: Date
    public let finishedAt: Date
    public let finishReason: FinishReason
    public let questions: Int
    public let answered: Int
    public let correct: Int
    /// Mock exams: the pass decision and how it was reached.
    public let scaledScore: Int?
    public let passed: Bool?
    public let passMark: ExamFormat.PassMark?
    public let timeLimitSeconds: Int?
    public let customTimeLimit: Bool
    public let formNote: String?
    public let secondsUsed: Double
    /// Seconds per question if the time were spread evenly.
    public let paceBudgetSeconds: Double?
    /// Questions that took longer than the pace budget.
    public let overBudget: Int
    public let answersChanged: Int
    public let changedWrongToRight: Int
    public let changedRightToWrong: Int
    public let domains: [DomainResult]
    public let items: [ItemReview]
    /// Diagnostics: readiness at the end.
    public var readiness: ReadinessReport?

    public var proportion: Double { questions == 0 ? 0 : Double(correct) / Double(questions) }

    public enum ReportError: Error, Equatable, Sendable { case notFinished }

    public init(state: SessionState, bank: ItemIndex, blueprint: Blueprint, format: ExamFormat?) throws(ReportError) {
        guard let end = state.finished else { throw .notFinished }
        let header = state.header
        sessionID = header.id
        kind = header.kind
        credentialID = header.credentialID
        startedAt = header.startedAt
        finishedAt = end.at
        finishReason = end.reason
        questions = state.items.count
        answered = state.answers.count
        correct = state.correctCount
        customTimeLimit = header.settings.customTimeLimit
        formNote = header.settings.formNote
        secondsUsed = max(0, end.at.timeIntervalSince(header.startedAt))
        let weights = blueprint.normalizedWeights
        domains = blueprint.domains.compactMap { domain in
            let mine = state.items.filter { $0.domain == domain.id }
            guard !mine.isEmpty else { return nil }
            return DomainResult(domain: domain.id, title: domain.title, weight: weights[domain.id] ?? 0, questions: mine.count,
                correct: mine.filter { state.answers[$0.position]?.correct == true }.count)
        }
        var limit: Int?
        var budget: Double?
        if header.kind == .exam, let format {
            let p = questions == 0 ? 0 : Double(correct) / Double(questions)
            passMark = format.passMark
            scaledScore = format.passMark.scaled(p)
            passed = p >= format.passMark.proportion - 1e-12
            limit = header.deadline.map { Int($0.timeIntervalSince(header.startedAt).rounded()) }
            budget = limit.map { Double($0) / Double(max(1, state.items.count)) }
        } else {
            passMark = nil
            scaledScore = nil
            passed = nil
        }
        timeLimitSeconds = limit
        paceBudgetSeconds = budget
        overBudget = budget.map { b in state.items.filter { (state.secondsSpent[$0.position] ?? 0) > b }.count } ?? 0
        // Changes: compare each replaced answer with the one that replaced it.
        var previous: [Int: Bool] = [:]
        var wrongToRight = 0
        var rightToWrong = 0
        for (_, answer) in state.answerLog where state.isComplete(answer) {
            if let before = previous[answer.position] {
                if !before && answer.correct { wrongToRight += 1 }
                if before && !answer.correct { rightToWrong += 1 }
            }
            previous[answer.position] = answer.correct
        }
        answersChanged = state.changes.values.reduce(0, +)
        changedWrongToRight = wrongToRight
        changedRightToWrong = rightToWrong
        items = state.items.compactMap { presented in
            guard let item = bank.item(presented.itemID) else { return nil }
            let answer = state.answers[presented.position]
            let chosenShown = answer.map { presented.shownIndices(forAuthored: $0.selected) } ?? []
            let sameShape = presented.optionOrder.allSatisfy(item.options.indices.contains)
            let options = !sameShape ? [] : presented.optionOrder.enumerated().map { shown, authored in
                OptionReview(letter: ItemOption.letter(for: shown), text: item.options[authored].text, correct: item.options[authored].correct,
                    chosen: chosenShown.contains(shown), rationale: item.options[authored].rationale)
            }
            return ItemReview(number: presented.position + 1, itemID: item.id, itemVersion: presented.itemVersion, domain: presented.domain,
                scenario: item.scenario, question: item.question, options: options, chosen: chosenShown.map(ItemOption.letter(for:)),
                key: options.filter(\.correct).map(\.letter), correct: answer?.correct ?? false, answered: answer != nil,
                flagged: state.flagged.contains(presented.position), seconds: state.secondsSpent[presented.position] ?? 0,
                changes: state.changes[presented.position] ?? 0, explanation: item.explanation, editedSince: item.version != presented.itemVersion)
        }
        readiness = nil
    }
}
