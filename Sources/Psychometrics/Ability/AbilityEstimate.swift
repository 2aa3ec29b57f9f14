/// A point estimate of ability with its standard error.
public struct AbilityEstimate: Hashable, Sendable, Codable {
    /// How the estimate was obtained.
    public enum Method: String, Hashable, Sendable, Codable {
        /// Posterior mean; SE is the posterior SD. Always finite, even for all-correct patterns.
        case eap
        /// Posterior mode; SE from the test information plus the prior's.
        case map
    }

    /// Ability on the calibration's θ scale.
    public var theta: Double
    /// Standard error (posterior SD for EAP).
    public var standardError: Double
    /// EAP or MAP.
    public var method: Method

    public init(theta: Double, standardError: Double, method: Method) {
        self.theta = theta
        self.standardError = standardError
        self.method = method
    }
}

/// Ability scoring for a whole test or for one domain's items.
///
/// ```swift
/// let overall = AbilityEstimator.eap(responses)
/// let perDomain = AbilityEstimator.eapByDomain(responses, domains: domainOfEachResponse)
/// ```
public enum AbilityEstimator {
    /// EAP estimate and posterior SD under a normal prior.
    public static func eap(_ responses: [ScoredResponse], prior: NormalPrior = NormalPrior(mean: 0, sd: 1)) -> AbilityEstimate {
        var posterior = AbilityPosterior(prior: prior)
        posterior.update(responses)
        return posterior.expectedAPosteriori()
    }

    /// MAP estimate by Fisher scoring on the log-posterior; SE = 1/√(test information + 1/σ²) at the mode.
    public static func map(_ responses: [ScoredResponse], prior: NormalPrior = NormalPrior(mean: 0, sd: 1)) -> AbilityEstimate {
        var theta = prior.mean
        let v = prior.sd * prior.sd
        var info = 1 / v
        for _ in 0..<100 {
            var grad = -(theta - prior.mean) / v
            info = 1 / v
            for r in responses {
                let it = r.item
                let p = min(max(it.probability(theta), 1e-12), 1 - 1e-12)
                let s = (p - it.c) / (1 - it.c)
                let dp = it.a * (1 - it.c) * s * (1 - s)
                grad += ((r.correct ? 1 : 0) - p) / (p * (1 - p)) * dp
                info += dp * dp / (p * (1 - p))
            }
            let step = max(-1, min(1, grad / info))
            theta = min(max(theta + step, -8), 8)
            if abs(step) < 1e-10 { break }
        }
        return AbilityEstimate(theta: theta, standardError: 1 / msqrt(info), method: .map)
    }

    /// EAP per domain (each domain scored from its own items only), e.g. for a per-topic readiness breakdown.
    public static func eapByDomain<Domain: Hashable>(
        _ responses: [ScoredResponse], domains: [Domain], prior: NormalPrior = NormalPrior(mean: 0, sd: 1)
    ) -> [Domain: AbilityEstimate] {
        precondition(responses.count == domains.count, "one domain per response")
        var grouped: [Domain: [ScoredResponse]] = [:]
        for (r, d) in zip(responses, domains) { grouped[d, default: []].append(r) }
        return grouped.mapValues { eap($0, prior: prior) }
    }

    /// MAP per domain.
    public static func mapByDomain<Domain: Hashable>(
        _ responses: [ScoredResponse], domains: [Domain], prior: NormalPrior = NormalPrior(mean: 0, sd: 1)
    ) -> [Domain: AbilityEstimate] {
        precondition(responses.count == domains.count, "one domain per response")
        var grouped: [Domain: [ScoredResponse]] = [:]
        for (r, d) in zip(responses, domains) { grouped[d, default: []].append(r) }
        return grouped.mapValues { map($0, prior: prior) }
    }
}
