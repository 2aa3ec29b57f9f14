import Foundation
import MLCertCore

/// Batch against online inference for a traffic pattern: four serving designs, each priced correctly from the team's
/// rate card for a 30-day month, and a requirement (how fresh predictions must be, whether a user waits for them, and
/// how strict the latency is) that rules some of them out. The key is the cheapest design that meets the requirement.
///
/// Every option is the textbook answer for some profile: a nightly batch job when predictions may be a day old, hourly
/// batch jobs when they must be an hour fresh but nobody waits on them, a serverless endpoint for sparse on-request
/// traffic that tolerates cold starts, an always-on endpoint for strict latency. Wrong options are either cheaper but
/// break the requirement, or meet it at a higher cost; the generator balances which design is the key.
public struct InferenceCostFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "inference-cost", title: "Batch or online inference: the cheapest design that meets the requirement", version: 1,
        targets: [
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-deployment", objective: "3.1"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "deployment-orchestration", objective: "3.1"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "serving-scaling-models", objective: "4.1"),
        ],
        skillArea: .pipelineAutomation,
        difficultyDrivers: [
            "how close the two cheapest eligible designs are (within 15% is hard)",
            "whether the cheapest design overall is ruled out by the requirement",
        ],
        sources: [
            FamilySource(supports: "serverless endpoints that scale to zero and incur cold starts, priced by compute time per request",
                title: "Amazon SageMaker AI: Deploy models with Amazon SageMaker Serverless Inference",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html"),
            FamilySource(supports: "batch inference for large datasets when predictions need not be returned on request",
                title: "Amazon SageMaker AI: Batch transform for inference",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform.html"),
            FamilySource(supports: "choosing batch, streaming or real-time model serving by latency and freshness needs",
                title: "Databricks: Deploy models for batch inference and prediction",
                url: "https://docs.databricks.com/aws/en/machine-learning/model-inference/"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Design: Int, Sendable, Hashable, CaseIterable {
        case nightlyBatch, hourlyBatch, serverless, alwaysOn

        var name: String {
            switch self {
            case .nightlyBatch: "A nightly batch scoring job"
            case .hourlyBatch: "An hourly batch scoring job"
            case .serverless: "A serverless endpoint that scales to zero"
            case .alwaysOn: "An always-on real-time endpoint"
            }
        }
    }

    /// What the predictions are for; each profile makes a different design the textbook answer.
    public enum Requirement: Int, Sendable, Hashable, CaseIterable {
        /// Predictions may be up to a day old.
        case daily
        /// Predictions must reflect data at most an hour or two old; nobody waits on a request.
        case hourly
        /// A user waits for each prediction; a few seconds now and then are acceptable.
        case onRequestTolerant
        /// A user waits for each prediction under a strict latency SLO.
        case onRequestStrict

        func allows(_ d: Design) -> Bool {
            switch self {
            case .daily: true
            case .hourly: d != .nightlyBatch
            case .onRequestTolerant: d == .serverless || d == .alwaysOn
            case .onRequestStrict: d == .alwaysOn
            }
        }
    }

    public struct Situation: Sendable, Hashable {
        public let useCase: String
        public let requirement: Requirement
        public let requestsPerDay: Int
        public let peakQPS: Int
        public let instanceHourly: Double
        public let instanceQPS: Int
        public let serverlessPerThousand: Double
        public let coldStartSeconds: Int
        public let batchNodeHourly: Double
        public let recordsPerNodeHour: Int
        public let startupMinutes: Int
    }

    /// Use cases that are served in batch or online in practice, so that the requirement alone decides.
    static let useCases = [
        "product recommendations for a retailer", "propensity scores for a bank's customers", "risk scores for an insurer's policies",
        "price suggestions for a marketplace's sellers", "priority scores for a support team's tickets", "churn scores for a subscription service",
    ]

    /// Monthly (30-day) cost of each design, in dollars.
    public static func monthlyCost(_ d: Design, _ s: Situation) -> Double {
        let monthRequests = Double(s.requestsPerDay) * 30
        switch d {
        case .alwaysOn:
            // Two instances at least, for availability, and enough for the peak.
            let instances = max(2, Int((Double(s.peakQPS) / Double(s.instanceQPS)).rounded(.up)))
            return Double(instances) * s.instanceHourly * 24 * 30
        case .serverless:
            return monthRequests / 1000 * s.serverlessPerThousand
        case .nightlyBatch, .hourlyBatch:
            let jobs = d == .nightlyBatch ? 30.0 : 24 * 30
            let scoringHours = monthRequests / Double(s.recordsPerNodeHour)
            return (scoringHours + jobs * Double(s.startupMinutes) / 60) * s.batchNodeHourly
        }
    }

    /// The cheapest design the requirement allows.
    public static func key(_ s: Situation) -> Design {
        Design.allCases.filter { s.requirement.allows($0) }.min { monthlyCost($0, s) < monthlyCost($1, s) }!
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let target = first.pick(Design.allCases)
        let useCase = first.pick(Self.useCases)
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            // The requirement must allow the target and something cheaper must not be allowed too often: pick one that
            // allows the target design.
            let requirement = draw.pick(Requirement.allCases.filter { $0.allows(target) })
            let perDay = Int(draw.stepped(2_000...3_000_000, step: 1_000))
            let s = Situation(useCase: useCase, requirement: requirement, requestsPerDay: perDay,
                peakQPS: max(2, Int((Double(perDay) / 86_400 * draw.uniform(3...12)).rounded())),
                instanceHourly: draw.pick([0.23, 0.46, 0.92, 1.21]), instanceQPS: draw.pick([40, 60, 80, 120]),
                serverlessPerThousand: draw.pick([0.02, 0.04, 0.06, 0.09]), coldStartSeconds: draw.integer(3...12),
                batchNodeHourly: draw.pick([0.38, 0.77, 1.15]), recordsPerNodeHour: draw.pick([200_000, 500_000, 1_000_000]),
                startupMinutes: draw.pick([5, 8, 10, 15]))
            guard Self.key(s) == target else { continue }
            // Every option priced clearly apart, so no two read alike.
            let costs = Design.allCases.map { Self.monthlyCost($0, s) }
            guard Separation.isClear(costs, relative: 0.1, absolute: 5), costs.min()! >= 10 else { continue }
            return s
        }
        fatalError("inference-cost: no situation for seed \(seed) within the attempt limit")
    }

    func requirementText(_ s: Situation) -> String {
        switch s.requirement {
        case .daily: "The scores are used the next morning; data up to the previous evening is fresh enough."
        case .hourly: "The scores must reflect data no more than two hours old; no user waits on an individual prediction."
        case .onRequestTolerant:
            "A user waits for each prediction in the app; the product owner accepts an occasional wait of up to \(s.coldStartSeconds + 3) seconds, and traffic is bursty with long idle periods."
        case .onRequestStrict: "A user waits for each prediction, and the SLO is p99 under 300 ms on every request, including the first after an idle period."
        }
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x494E_4643_4F53_5453)
        let key = Self.key(s)
        let keyCost = Self.monthlyCost(key, s)
        let instances = max(2, Int((Double(s.peakQPS) / Double(s.instanceQPS)).rounded(.up)))
        let drafts = Design.allCases.map { d -> OptionDraft in
            let cost = Self.monthlyCost(d, s)
            let rationale: String
            if d == key {
                rationale = "Meets the requirement at \(Format.dollars(cost)) a month, the lowest of the designs that do."
            } else if !s.requirement.allows(d) {
                let why: String = switch (d, s.requirement) {
                case (.nightlyBatch, .hourly): "its scores are up to a day old, and they must be at most two hours old"
                case (.nightlyBatch, _), (.hourlyBatch, _): "a batch job cannot answer a request a user is waiting on"
                default: "after an idle period a cold start takes up to \(s.coldStartSeconds) s, which breaks the 300 ms p99"
                }
                rationale = "Right for a looser requirement, and cheaper here at \(Format.dollars(cost)), but \(why)."
            } else {
                rationale = "Meets the requirement, but at \(Format.dollars(cost)) a month it costs \(Format.dollars(cost - keyCost)) more than the key."
            }
            return OptionDraft(text: "\(d.name), at about \(Format.dollars(cost)) a month.", rationale: rationale, isKey: d == key)
        }
        let eligible = Design.allCases.filter { s.requirement.allows($0) }.map { Self.monthlyCost($0, s) }.sorted()
        let close = eligible.count > 1 && (eligible[1] - eligible[0]) / eligible[0] < 0.15
        let cheapestExcluded = Design.allCases.min { Self.monthlyCost($0, s) < Self.monthlyCost($1, s) }! != key
        let difficulty: Item.Difficulty = close ? .hard : (cheapestExcluded ? .medium : .easy)
        let scenario = """
            A team serves \(s.useCase): about \(Format.whole(Double(s.requestsPerDay))) predictions a day, peaking at \
            \(s.peakQPS) requests per second. \(requirementText(s)) Their rate card: an always-on real-time endpoint instance \
            costs \(Format.dollars(s.instanceHourly)) an hour and serves \(s.instanceQPS) requests per second, with at least \
            two instances for availability; the serverless endpoint costs \(Format.dollars(s.serverlessPerThousand)) per \
            1,000 predictions and cold-starts in up to \(s.coldStartSeconds) s after idling; a batch node costs \
            \(Format.dollars(s.batchNodeHourly)) an hour, scores \(Format.whole(Double(s.recordsPerNodeHour))) records an hour, \
            and each job adds \(s.startupMinutes) minutes of start-up. The team prices a month as 30 days.
            """
        let month = Double(s.requestsPerDay) * 30
        let working = [
            "Always-on: max(2, ⌈\(s.peakQPS) / \(s.instanceQPS)⌉) = \(instances) instances × \(Format.dollars(s.instanceHourly)) × 720 h = \(Format.dollars(Self.monthlyCost(.alwaysOn, s))).",
            "Serverless: \(Format.whole(month)) predictions / 1,000 × \(Format.dollars(s.serverlessPerThousand)) = \(Format.dollars(Self.monthlyCost(.serverless, s))).",
            "Nightly batch: (\(Format.whole(month)) / \(Format.whole(Double(s.recordsPerNodeHour))) + 30 × \(s.startupMinutes)/60) node-hours × \(Format.dollars(s.batchNodeHourly)) = \(Format.dollars(Self.monthlyCost(.nightlyBatch, s))).",
            "Hourly batch: (\(Format.whole(month)) / \(Format.whole(Double(s.recordsPerNodeHour))) + 720 × \(s.startupMinutes)/60) node-hours × \(Format.dollars(s.batchNodeHourly)) = \(Format.dollars(Self.monthlyCost(.hourlyBatch, s))).",
            "Allowed by the requirement: \(Design.allCases.filter { s.requirement.allows($0) }.map { $0.name.lowercased() }.joined(separator: "; ")). Cheapest allowed: \(key.name.lowercased()).",
        ]
        let table = FamilyTable(caption: "Traffic and rate card", headers: ["item", "value"],
            rows: [
                ["predictions per day", Format.whole(Double(s.requestsPerDay))], ["peak requests per second", "\(s.peakQPS)"],
                ["real-time instance", "\(Format.dollars(s.instanceHourly)) per hour, \(s.instanceQPS) requests per second, at least 2"],
                ["serverless endpoint", "\(Format.dollars(s.serverlessPerThousand)) per 1,000 predictions, cold start up to \(s.coldStartSeconds) s"],
                ["batch node", "\(Format.dollars(s.batchNodeHourly)) per hour, \(Format.whole(Double(s.recordsPerNodeHour))) records per hour, \(s.startupMinutes) min start-up per job"],
            ])
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which design meets the requirement at the lowest monthly cost?",
            options: drafts,
            explanation: "Rule out the designs the requirement forbids first (a batch job cannot answer a waiting user; a scale-to-zero endpoint has cold starts; a nightly job serves day-old scores), then compare what is left on cost: always-on instances cost the same whether busy or idle, serverless cost grows with every request, and batch cost is scoring time plus start-up per job. Working: "
                + working.joined(separator: " "),
            tags: ["batch-inference", "online-inference", "serving-cost"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            table: table)
    }
}
