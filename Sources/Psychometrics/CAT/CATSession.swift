/// One learner's adaptive test in progress: pick an item, record the answer, repeat until `stopReason` is set.
///
/// The session keeps every buffer it needs (posterior grid, seen flags, top-k candidates, the administered list with
/// capacity for `maxItems`) so that a select-and-record step allocates nothing; on a 1,000-item bank a step takes a
/// few microseconds in a release build (see bench/).
///
/// ```swift
/// var session = CATSession(bank: bank, configuration: config, excluding: alreadySeen)
/// while let item = session.selectNextItem(using: &rng) {
///     session.record(item: item, correct: ask(bank.items[item]))
/// }
/// print(session.estimate, session.stopReason!)
/// ```
public struct CATSession: Sendable {
    /// The bank items are chosen from.
    public let bank: ItemBank
    /// Selection and stopping policy.
    public let configuration: CATConfiguration
    /// The ability posterior after the answers so far.
    public private(set) var posterior: AbilityPosterior
    /// EAP and posterior SD after the answers so far.
    public private(set) var estimate: AbilityEstimate
    /// Bank indices of administered items, in order.
    public private(set) var administered: [Int]
    /// Answers to `administered`, in order.
    public private(set) var answers: [Bool]
    /// Items that may still be chosen (not seen, not administered, not blocked by Sympson–Hetter).
    private var available: [Bool]
    private var availableCount: Int
    private var domainAdministered: [Int]
    private var domainAvailable: [Int]
    private var topIndex: [Int]
    private var topValue: [Double]
    /// Per item, a factor within 1e-9 of 1 that breaks exact ties in information at random (items with the same
    /// parameters would otherwise always be taken in bank order); all 1 without a tie-break seed.
    private let tieBreak: [Double]
    /// Per domain, a random fraction of an item added to its blueprint deficit, so that sessions open on different
    /// domains and still keep every domain within about one item of its share; all 0 without a tie-break seed.
    private let domainOffset: [Double]

    /// Starts a test; `seen` items (answered in earlier sessions) are never chosen. With `tieBreakSeed`, ties in
    /// information and the opening domain are decided at random, reproducibly for the seed.
    public init(bank: ItemBank, configuration: CATConfiguration, excluding seen: [Int] = [], tieBreakSeed: UInt64? = nil) {
        self.bank = bank
        self.configuration = configuration
        posterior = AbilityPosterior(prior: configuration.prior)
        estimate = posterior.expectedAPosteriori()
        administered = []
        administered.reserveCapacity(configuration.stopping.maxItems + 1)
        answers = []
        answers.reserveCapacity(configuration.stopping.maxItems + 1)
        available = [Bool](repeating: true, count: bank.count)
        availableCount = bank.count
        domainAdministered = [Int](repeating: 0, count: bank.domainCount)
        domainAvailable = bank.domainSizes
        topIndex = [Int](repeating: -1, count: configuration.randomesque)
        topValue = [Double](repeating: -1, count: configuration.randomesque)
        if let tieBreakSeed {
            var rng = SeededGenerator(seed: tieBreakSeed)
            tieBreak = (0..<bank.count).map { _ in 1 + 1e-9 * rng.nextUnit() }
            domainOffset = (0..<bank.domainCount).map { _ in rng.nextUnit() }
        } else {
            tieBreak = [Double](repeating: 1, count: bank.count)
            domainOffset = [Double](repeating: 0, count: bank.domainCount)
        }
        if let bp = configuration.blueprint { precondition(bp.count >= bank.domainCount, "blueprint needs a share per domain") }
        if let sh = configuration.sympsonHetter { precondition(sh.count == bank.count, "one Sympson–Hetter K per item") }
        for i in seen { exclude(i) }
    }

    /// Removes an item from consideration (already seen, retired, flagged).
    public mutating func exclude(_ item: Int) {
        guard available[item] else { return }
        available[item] = false
        availableCount -= 1
        domainAvailable[bank.domains[item]] -= 1
    }

    /// Why the test is over, or nil while it should continue.
    public var stopReason: CATStopReason? {
        let n = administered.count
        let rule = configuration.stopping
        if n >= rule.maxItems { return .maxLength }
        if availableCount == 0 { return .bankExhausted }
        guard n >= rule.minItems else { return nil }
        if let se = rule.targetStandardError, estimate.standardError <= se { return .precisionReached }
        if let cut = rule.classificationCut {
            let p = posterior.probability(atLeast: cut)
            let tail = (1 - rule.classificationLevel) / 2
            if p >= 1 - tail || p <= tail { return .classified }
        }
        return nil
    }

    /// Chooses the next item, or returns nil when the test should stop.
    public mutating func selectNextItem<G: RandomNumberGenerator>(using generator: inout G) -> Int? {
        guard stopReason == nil else { return nil }
        while availableCount > 0 {
            let domain = targetDomain()
            let found = scanTopK(domain: domain)
            if found == 0 { return nil }
            let pick = found == 1 ? 0 : Int(generator.next() % UInt64(found))
            let item = topIndex[pick]
            if let k = configuration.sympsonHetter?[item], generator.nextUnit() >= k {
                // Sympson–Hetter: selected but not administered; blocked for the rest of this test.
                exclude(item)
                continue
            }
            return item
        }
        return nil
    }

    /// Records the answer to `item` and updates the ability posterior.
    public mutating func record(item: Int, correct: Bool) {
        exclude(item)
        administered.append(item)
        answers.append(correct)
        domainAdministered[bank.domains[item]] += 1
        posterior.update(bank.items[item], correct: correct)
        estimate = posterior.expectedAPosteriori()
    }

    /// The domain furthest below its blueprint share after one more item, among domains with items left; -1 for any.
    private func targetDomain() -> Int {
        guard let bp = configuration.blueprint else { return -1 }
        let next = Double(administered.count + 1)
        var best = -1
        var bestDeficit = -Double.infinity
        for d in 0..<bank.domainCount where domainAvailable[d] > 0 {
            let deficit = bp[d] * next - Double(domainAdministered[d]) + domainOffset[d]
            if deficit > bestDeficit {
                bestDeficit = deficit
                best = d
            }
        }
        return best
    }

    /// Fills `topIndex`/`topValue` with the most informative available items (of `domain`, or any if -1) at the
    /// current estimate; returns how many were found.
    private mutating func scanTopK(domain: Int) -> Int {
        let k = topIndex.count
        let (g, t) = bank.gridPosition(estimate.theta)
        let n = bank.count
        var found = 0
        bank.infoTable.withUnsafeBufferPointer { table in
            tieBreak.withUnsafeBufferPointer { jitter in
                available.withUnsafeBufferPointer { avail in
                    bank.domains.withUnsafeBufferPointer { domains in
                        topIndex.withUnsafeMutableBufferPointer { topI in
                            topValue.withUnsafeMutableBufferPointer { topV in
                                let row0 = g * n
                                let row1 = (g + 1) * n
                                let u = 1 - t
                                for i in 0..<n where avail[i] && (domain < 0 || domains[i] == domain) {
                                    let v = (table[row0 + i] * u + table[row1 + i] * t) * jitter[i]
                                    if found == k && v <= topV[k - 1] { continue }
                                    // Insertion into the sorted (descending) top-k buffer.
                                    var j = found < k ? found : k - 1
                                    if found < k { found += 1 }
                                    while j > 0 && topV[j - 1] < v {
                                        topV[j] = topV[j - 1]
                                        topI[j] = topI[j - 1]
                                        j -= 1
                                    }
                                    topV[j] = v
                                    topI[j] = i
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}
