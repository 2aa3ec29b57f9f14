import MLCertCore
import Psychometrics

/// The adaptive diagnostic's item choice: maximum information at the current estimate, balanced to the blueprint,
/// randomesque among the best five, never an item the learner has seen before (while enough remain).
///
/// Exposure is controlled four ways, all seeded by the session so a resumed diagnostic asks exactly what it would
/// have asked: ties in information (common while items carry authors' estimates, which give whole groups of items
/// the same parameters) are broken at random rather than in bank order; each session's content balancing starts from
/// random offsets, so sessions open on different domains; the next item is drawn from the five most informative; and
/// Sympson–Hetter filtering admits a chosen item only with its probability K, set by simulation on this bank and
/// these parameters (aiming at `sympsonHetterAim`) so that no item is shown to more than about `targetMaxExposure` of
/// learners.
///
/// The CAT state is not stored: it is rebuilt from the session's answers each time, replaying each step's random
/// choice (seeded with the session seed and the step) so that items Sympson–Hetter turned away stay away.
public struct DiagnosticSelector: Sendable {
    public static let defaultMinItems = 15
    public static let defaultMaxItems = 40
    /// The posterior SD at which the diagnostic stops: about what 25 answers reach on authors' estimates
    /// (discrimination 1, guessing floor 1/4 to 1/20, each answer worth 0.13-0.2 units of information against the
    /// prior's 1), so the rule fires before the cap; on google-pmle's bank it stops 26 questions in on average
    /// (`mlcert simulate diagnostic`). 0.35, the old target, needed about 50 and was never reached within 40.
    public static let defaultTargetStandardError = 0.44
    public static let randomesque = 5
    /// The exposure the diagnostic is held to: no question shown to more than this share of diagnostics.
    public static let targetMaxExposure = 0.25
    /// The exposure the Sympson–Hetter simulation aims at, below `targetMaxExposure` by a margin for learners who do
    /// not answer as the simulation does. Its K hold on the learners it simulates (answers from the bank's
    /// parameters): on google-pmle, aiming at 0.25 (2,000 simulated tests a round) gave a maximum of 0.281 over 1,000 such learners, 0.25 within
    /// Monte Carlo error. Learners answering from a truth that differs (`mlcert simulate diagnostic`) reached
    /// 0.322-0.360 whatever population the simulation drew from (SD 0.8 to 1.5, mean shifted by 0.3, answers from
    /// drawn parameters), because their paths through the bank differ from simulated ones; aiming at 0.2 gave 0.268
    /// over 1,000 of them (mean length 27.4 instead of 26.2).
    public static let sympsonHetterAim = 0.2

    public let blueprint: Blueprint
    public let items: [Item]
    public let parameters: BankParameters
    /// Sympson–Hetter admission probability of each item (indexed like `items`).
    public let exposureControl: [Double]
    private let bank: ItemBank
    private let indexByID: [String: Int]
    private let weights: [Double]

    /// Prepares the bank and sets the exposure-control parameters by simulation (deterministic: every process builds
    /// the same ones). Takes a moment on a large bank, so a service builds one per credential and parameter set.
    public init(blueprint: Blueprint, items: [Item], parameters: BankParameters = .authorEstimates) {
        self.blueprint = blueprint
        self.items = items
        self.parameters = parameters
        let domainIndex = Dictionary(uniqueKeysWithValues: blueprint.domains.enumerated().map { ($0.element.id, $0.offset) })
        let bank = ItemBank(items: items.map(parameters.parameters(for:)), domains: items.map { domainIndex[$0.domain] ?? 0 })
        self.bank = bank
        indexByID = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
        let weights = blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 }
        self.weights = weights
        var rng = SeededGenerator(seed: 0x5348_4B)
        exposureControl = items.isEmpty ? [] : CATSimulation.sympsonHetterParameters(bank: bank,
            configuration: Self.configuration(weights: weights, stopping: CATStoppingRule(minItems: Self.defaultMinItems, maxItems: Self.defaultMaxItems,
                targetStandardError: Self.defaultTargetStandardError), prior: parameters.population, exposureControl: nil),
            targetMaxExposure: Self.sympsonHetterAim, examinees: 1000, rounds: 8, using: &rng)
    }

    static func configuration(weights: [Double], stopping: CATStoppingRule, prior: NormalPrior, exposureControl: [Double]?) -> CATConfiguration {
        CATConfiguration(blueprint: weights, randomesque: randomesque, sympsonHetter: exposureControl, stopping: stopping, prior: prior)
    }

    /// The seen items to leave out: all of them, unless that would leave fewer than `maxItems` to choose from.
    public func exclusions(seen: Set<String>, maxItems: Int) -> [String] {
        let seenHere = items.map(\.id).filter(seen.contains)
        return items.count - seenHere.count >= maxItems ? seenHere : []
    }

    public enum Step: Sendable, Hashable {
        /// Ask this item next.
        case ask(Item)
        /// The stopping rule is met.
        case stop(CATStopReason)
    }

    /// What comes after the answered items in `state` (which must all be answered).
    public func next(after state: SessionState) -> (step: Step, estimate: AbilityEstimate) {
        var session = replay(state)
        var rng = Self.generator(seed: state.header.seed, step: state.items.count)
        if let index = session.selectNextItem(using: &rng) { return (.ask(items[index]), session.estimate) }
        return (.stop(session.stopReason ?? .bankExhausted), session.estimate)
    }

    /// The stopping rule a session's settings give.
    public static func stoppingRule(_ settings: SessionSettings) -> CATStoppingRule {
        CATStoppingRule(minItems: settings.minItems ?? defaultMinItems, maxItems: settings.maxItems ?? defaultMaxItems,
            targetStandardError: settings.targetStandardError ?? defaultTargetStandardError)
    }

    private func replay(_ state: SessionState) -> CATSession {
        let configuration = Self.configuration(weights: weights, stopping: Self.stoppingRule(state.header.settings), prior: parameters.population,
            exposureControl: exposureControl)
        var session = CATSession(bank: bank, configuration: configuration,
            excluding: (state.header.settings.excludedItems ?? []).compactMap { indexByID[$0] }, tieBreakSeed: state.header.seed)
        for (step, item) in state.items.enumerated() {
            guard let index = indexByID[item.itemID], let answer = state.answers[item.position] else { continue }
            // The step's choice again, for the items Sympson–Hetter turned away on the way to it.
            var rng = Self.generator(seed: state.header.seed, step: step)
            _ = session.selectNextItem(using: &rng)
            session.record(item: index, correct: answer.correct)
        }
        return session
    }

    /// The random stream of step `step` of a session.
    static func generator(seed: UInt64, step: Int) -> SeededGenerator {
        SeededGenerator(seed: seed &+ UInt64(step) &* 0x9E37_79B9_7F4A_7C15)
    }
}
