import Foundation
import MLCertCore
import Psychometrics

/// Computes readiness for one credential from a learner's first attempts.
///
/// Built once per credential, pass mark and parameter set (the predictor's tables do not depend on the learner), then
/// asked for as many learners or moments as needed.
public struct ReadinessEstimator: Sendable {
    public let format: ExamFormat
    public let blueprint: Blueprint
    /// The credential's items in the current blueprint: the questions a real form is assumed to resemble.
    public let bank: [Item]
    public let parameters: BankParameters
    public let predictor: ReadinessPredictor
    /// The form a real sitting is assumed to be.
    public let form: ExamFormSpecification
    private let indexByID: [String: Int]

    /// The posterior SD of general ability at or below which the evidence counts as enough: the adaptive diagnostic's
    /// precision target, so one finished diagnostic (or the same information from practice) is enough.
    public static let enoughEvidenceStandardError = DiagnosticSelector.defaultTargetStandardError
    /// Fewest first attempts before the evidence can count as enough, whatever the precision.
    public static let enoughEvidenceAnswers = 20

    public enum EstimateError: Error, Equatable, Sendable, CustomStringConvertible {
        case emptyBank(String)
        case unreachableCut(Double)
        public var description: String {
            switch self {
            case .emptyBank(let id): "the bank has no items for \(id)'s current blueprint"
            case .unreachableCut(let p): "a pass mark of \(percent(p)) correct cannot be reached on this bank"
            }
        }
    }

    public init(
        format: ExamFormat, blueprint: Blueprint, bank: [Item], parameters: BankParameters = .authorEstimates,
        configuration: ReadinessPredictor.Configuration? = nil
    ) throws(EstimateError) {
        guard !bank.isEmpty else { throw .emptyBank(format.credentialID) }
        self.format = format
        self.blueprint = blueprint
        self.bank = bank
        self.parameters = parameters
        let domainIndex = Dictionary(uniqueKeysWithValues: blueprint.domains.enumerated().map { ($0.element.id, $0.offset) })
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        form = ExamFormSpecification(seats: FormAssembler.apportion(format.questionCount, weights: weights), passProportion: format.passMark.proportion)
        var settings = configuration ?? ReadinessPredictor.Configuration()
        settings.population = parameters.population
        predictor = ReadinessPredictor(
            items: bank.map {
                ReadinessPredictor.Item(parameters: parameters.distribution(for: $0), domain: domainIndex[$0.domain] ?? 0, drawSeed: ItemPriors.drawSeed($0.id))
            }, domainCount: blueprint.domains.count, form: form, configuration: settings)
        guard predictor.abilityCut != nil else { throw .unreachableCut(format.passMark.proportion) }
        indexByID = Dictionary(uniqueKeysWithValues: bank.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// Readiness at `now` from a learner's history: their first attempts (before the key was shown) at items of this
    /// credential's current blueprint, revealed by `now`; answers to items no longer in the bank are left out.
    public func estimate(_ history: LearnerHistory, at now: Date) -> ReadinessReport {
        let evidence = history.evidence.filter { $0.credentialID == format.credentialID && $0.at <= now && indexByID[$0.answer.itemID] != nil }
        let revealed = history.revealed.filter { $0.credentialID == format.credentialID && $0.at <= now && indexByID[$0.answer.itemID] != nil }
        return estimate(evidence: evidence, revealedCount: revealed.count, at: now, chosenDomainSessions: chosenDomainSessions(history))
    }

    /// The practice sessions the learner aimed at a single domain (every question from one domain of a blueprint
    /// with several). Their answers tell readiness about that domain only: a learner picks the domain to drill,
    /// usually their weakest, so those answers are not a fair sample of the rest (see `ReadinessPredictor.predict`).
    /// On google-pmle's misspecified study, counting them toward general ability made every stated probability too
    /// low, even with the true item parameters.
    public func chosenDomainSessions(_ history: LearnerHistory) -> Set<String> {
        guard blueprint.domains.count > 1 else { return [] }
        return Set(history.sessions.filter { state in
            state.header.kind == .practice && state.header.credentialID == format.credentialID && !state.header.items.isEmpty
                && Set(state.header.items.map(\.domain)).count == 1
        }.map(\.header.id))
    }

    /// Readiness from `evidence` (first attempts, one per item); `revealedCount` is every revealed answer, so the
    /// report can say how many repeats were left out. Answers from `chosenDomainSessions` inform their own domain only.
    public func estimate(
        evidence: [LearnerHistory.Entry], revealedCount: Int, at now: Date, chosenDomainSessions: Set<String> = []
    ) -> ReadinessReport {
        var answers: [(item: Int, correct: Bool)] = []
        var ownDomainOnly: Set<Int> = []
        for entry in evidence {
            guard let index = indexByID[entry.answer.itemID] else { continue }
            if chosenDomainSessions.contains(entry.sessionID) { ownDomainOnly.insert(answers.count) }
            answers.append((item: index, correct: entry.answer.correct))
        }
        let prediction = predictor.predict(answers, ownDomainOnly: ownDomainOnly)
        let cut = predictor.abilityCut ?? 0
        let weights = blueprint.normalizedWeights
        let domains = blueprint.domains.enumerated().map { d, domain in
            let mine = answers.filter { bank[$0.item].domain == domain.id }
            let strength = prediction.domains[d]
            return ReadinessReport.DomainStrength(domain: domain.id, title: domain.title, weight: weights[domain.id] ?? 0, answered: mine.count,
                correct: mine.filter(\.correct).count, expectedProportion: strength.expectedProportion,
                expectedLow: strength.expectedRange.lowerBound, expectedHigh: strength.expectedRange.upperBound, ability: strength.ability.theta,
                standardError: strength.ability.standardError, probabilityAboveCut: strength.probabilityAboveCut ?? 0)
        }
        // Most urgent: the heaviest share of the exam's expected misses.
        let studyNext = domains.sorted { $0.weight * (1 - $0.expectedProportion) > $1.weight * (1 - $1.expectedProportion) }.prefix(3).map(\.domain)
        let enough = answers.count >= Self.enoughEvidenceAnswers && prediction.ability.standardError <= Self.enoughEvidenceStandardError
        let left = max(0, revealedCount - answers.count)
        return ReadinessReport(
            credentialID: format.credentialID, at: now, answered: answers.count, correct: answers.filter(\.correct).count,
            probabilityOfPassing: prediction.probabilityOfPassing,
            probabilityRange: .init(low: prediction.probabilityRange.lowerBound, high: prediction.probabilityRange.upperBound,
                level: predictor.configuration.probabilityRangeLevel, meaning: Self.rangeMeaning(predictor.configuration.probabilityRangeLevel)),
            expectedScore: .init(expected: prediction.expectedProportion, low: prediction.proportionRange.lowerBound,
                high: prediction.proportionRange.upperBound, level: predictor.configuration.scoreRangeLevel,
                meaning: Self.scoreMeaning(predictor.configuration.scoreRangeLevel, questions: form.questionCount)),
            abilityLow: prediction.abilityInterval.lowerBound, abilityHigh: prediction.abilityInterval.upperBound, ability: prediction.ability.theta,
            standardError: prediction.ability.standardError, cut: cut, outcome: prediction.outcome, credibleLevel: predictor.configuration.credibleLevel,
            domains: domains, studyNext: Array(studyNext), exam: examAssumption, parameters: parameterSource,
            evidence: .init(enough: enough, firstAttempts: answers.count, repeatsLeftOut: left, message: Self.evidenceMessage(answers.count, left: left, enough: enough)),
            assumptions: assumptions)
    }

    var examAssumption: ReadinessReport.ExamAssumption {
        .init(questions: form.questionCount,
            questionsByDomain: Dictionary(uniqueKeysWithValues: zip(blueprint.domains.map(\.id), form.seats)),
            passMark: format.passMark.proportion, passCount: form.passCount, passMarkAssumed: format.passMark.assumed)
    }

    var parameterSource: ReadinessReport.ParameterSource {
        let calibrated = parameters.calibratedCount(bank)
        let kind = calibrated == 0 ? "author_estimates" : calibrated == bank.count ? "calibrated" : "mixed"
        return .init(kind: kind, setVersion: calibrated == 0 ? nil : parameters.set?.version, calibratedAt: calibrated == 0 ? nil : parameters.set?.createdAt,
            calibrationLearners: calibrated == 0 ? nil : parameters.set?.learners, calibratedItems: calibrated, authorEstimatedItems: bank.count - calibrated)
    }

    /// The assumptions in words, for every interface that shows the figure.
    var assumptions: [String] {
        let calibrated = parameters.calibratedCount(bank)
        let source = calibrated == 0
            ? ItemPriors.disclosure
            : "Item difficulties come from calibration \(parameters.set?.version ?? 0) on \(parameters.set?.learners ?? 0) learners' first attempts "
                + "for \(calibrated) of \(bank.count) questions; the others use the question writers' estimates."
        return [
            format.passMark.explanation,
            "A real exam is taken to have \(form.questionCount) questions spread over the domains by the exam guide's weights, drawn from "
                + "questions as hard as mlcert's, and passing needs \(form.passCount) right.",
            source,
            "Only your first attempt at each question counts, given before you saw its answer; all your answers are taken as one "
                + "measure of how well you know the material now, so after a big improvement the figure lags until you answer new questions.",
        ]
    }

    static func rangeMeaning(_ level: Double) -> String {
        "If the questions' true difficulties differ from mlcert's estimates as much as they plausibly do, the probability "
            + "falls in this range \(percent(level)) of the time."
    }

    static func scoreMeaning(_ level: Double, questions: Int) -> String {
        "On one real \(questions)-question exam, your score falls in this range \(percent(level)) of the time."
    }

    static func evidenceMessage(_ counted: Int, left: Int, enough: Bool) -> String {
        let repeats = left == 0 ? "" : " (\(left) later answers to questions whose answer you had seen are left out)"
        return enough
            ? "Based on \(counted) first attempts\(repeats): enough to rely on the figure."
            : "Based on \(counted) first attempts\(repeats): not yet enough to rely on it; a diagnostic or a mock exam adds the most."
    }
}
