import Foundation
import MLCertCore

/// Sizing an online endpoint from a one-replica load test: the capacity of a replica is the highest load at which the
/// latency percentile named in the SLO stays within its target, the team keeps each replica at a stated share of that
/// capacity (headroom for spikes and for losing a replica), and the replica count is ⌈peak QPS / (capacity × share)⌉.
///
/// The mistakes, each computed: reading capacity off the median (p50) column, off the wrong tail percentile, sizing
/// without the headroom, applying the headroom share to the peak instead of dividing by it, and treating a replica as
/// serving one request at a time (1,000 / median latency in milliseconds), which ignores that it serves requests
/// concurrently and so over-provisions.
public struct EndpointReplicasFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "endpoint-replicas", title: "Endpoint replicas for a peak load and a latency SLO from a load test", version: 1,
        targets: [
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "serving-scaling-models", objective: "4.2"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.3"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "monitoring-maintenance-security", objective: "4.2"),
        ],
        skillArea: .pipelineAutomation,
        difficultyDrivers: [
            "a p95 rather than a p99 SLO (the tail column to read changes)",
            "a peak that is not a round multiple of the usable capacity (rounding up matters)",
        ],
        sources: [
            FamilySource(supports: "finding a replica's peak sustainable load by load testing one instance while watching latency, then scaling below that peak",
                title: "Amazon SageMaker AI: Load testing your auto scaling configuration",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html"),
            FamilySource(supports: "minimum and maximum replica counts and target utilisation for autoscaling online endpoints",
                title: "Google Cloud: Configure compute resources for inference (autoscaling)",
                url: "https://cloud.google.com/vertex-ai/docs/predictions/configure-compute"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// One row of the load test: offered load on one replica and the latency percentiles in milliseconds.
    public struct Row: Sendable, Hashable {
        public let qps: Int
        public let p50: Int
        public let p95: Int
        public let p99: Int
    }

    public struct Situation: Sendable, Hashable {
        public let service: String
        public let rows: [Row]
        /// 95 or 99.
        public let sloPercentile: Int
        public let sloMilliseconds: Int
        public let peakQPS: Int
        /// The share of capacity each replica may carry, in percent.
        public let utilizationPercent: Int
    }

    public enum Mistake: Sendable, Hashable {
        case none, medianColumn, otherTail, noHeadroom, headroomOnPeak, oneAtATime
    }

    static let services = ["a fraud-scoring API", "a search re-ranking model", "a product-embedding service", "a credit-decision model",
        "a content-moderation classifier", "an ETA prediction service"]

    /// The highest tested load whose latency in `column` (50, 95 or 99) is within `limit`; nil if none is.
    static func capacity(_ rows: [Row], column: Int, limit: Int) -> Int? {
        rows.filter { (column == 50 ? $0.p50 : (column == 95 ? $0.p95 : $0.p99)) <= limit }.map(\.qps).max()
    }

    public static func replicas(_ s: Situation, _ mistake: Mistake) -> Int {
        let share = Double(s.utilizationPercent) / 100
        let peak = Double(s.peakQPS)
        switch mistake {
        case .oneAtATime:
            return Int((peak / share / (1000 / Double(s.rows[0].p50))).rounded(.up))
        default:
            let column = mistake == .medianColumn ? 50 : (mistake == .otherTail ? (s.sloPercentile == 99 ? 95 : 99) : s.sloPercentile)
            let capacity = Double(capacity(s.rows, column: column, limit: s.sloMilliseconds) ?? s.rows[0].qps)
            switch mistake {
            case .noHeadroom: return Int((peak / capacity).rounded(.up))
            case .headroomOnPeak: return Int((peak * share / capacity).rounded(.up))
            default: return Int((peak / (capacity * share)).rounded(.up))
            }
        }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let service = first.pick(Self.services)
        let percentile = first.coin() ? 99 : 95
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            // A replica with `workers` concurrent slots and a base latency saturates near workers × 1000 / base QPS.
            let base = draw.stepped(25...90, step: 1)
            let workers = Double(draw.integer(3...8))
            let saturation = workers * 1000 / base
            let step = max(5, (saturation / 10 / 5).rounded() * 5)
            let rows = (1...9).map { i -> Row in
                let qps = Double(i) * step
                let rho = min(qps / saturation, 0.97)
                return Row(qps: Int(qps), p50: Int((base / (1 - 0.5 * rho)).rounded()), p95: Int((base * 1.7 / (1 - 0.75 * rho)).rounded()),
                    p99: Int((base * 2.4 / (1 - 0.9 * rho)).rounded()))
            }.filter { Double($0.qps) < saturation * 0.97 }
            guard rows.count >= 6 else { continue }
            // The SLO sits between two rows of its own column, at least three rows in.
            let column = rows.map { percentile == 99 ? $0.p99 : $0.p95 }
            let cut = draw.integer(2...(rows.count - 2))
            let slo = Int(((Double(column[cut]) + Double(column[cut + 1])) / 2 / 5).rounded(.down) * 5)
            guard slo > column[cut], slo < column[cut + 1] else { continue }
            let s = Situation(service: service, rows: rows, sloPercentile: percentile, sloMilliseconds: slo,
                peakQPS: Int(draw.stepped(300...6_000, step: 10)), utilizationPercent: draw.pick([60, 65, 70, 75, 80]))
            let key = Self.replicas(s, .none)
            guard key >= 4 && key <= 120 else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("endpoint-replicas: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        OptionValues.pick(key: (Double(replicas(s, .none)), .none),
            mistakes: [Mistake.medianColumn, .otherTail, .noHeadroom, .headroomOnPeak, .oneAtATime].map { (Double(replicas(s, $0)), $0) },
            relative: 0.12, absolute: 2)
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5245_504C_4943_4153)
        let options = Self.options(for: s)!
        let slo = "p\(s.sloPercentile)"
        let other = s.sloPercentile == 99 ? 95 : 99
        let capacity = Self.capacity(s.rows, column: s.sloPercentile, limit: s.sloMilliseconds)!
        let usable = Double(capacity) * Double(s.utilizationPercent) / 100
        let drafts = options.map { value, mistake -> OptionDraft in
            let rationale: String
            switch mistake {
            case .none:
                rationale = "A replica holds \(slo) ≤ \(s.sloMilliseconds) ms up to \(capacity) QPS; at \(s.utilizationPercent)% that is \(Format.fixed(usable, 1)) QPS, and \(Format.whole(Double(s.peakQPS))) / \(Format.fixed(usable, 1)) rounds up to \(Int(value))."
            case .medianColumn:
                rationale = "Reads capacity off the p50 column; the median stays low long after the \(slo) tail has broken the \(s.sloMilliseconds) ms target, so this under-provisions."
            case .otherTail:
                rationale = "Reads capacity off the p\(other) column, but the SLO is stated on \(slo); the capacity must come from the percentile the SLO names."
            case .noHeadroom:
                rationale = "Runs every replica at 100% of its \(slo) capacity, leaving no headroom for spikes or a lost replica, which the team's \(s.utilizationPercent)% rule requires."
            case .headroomOnPeak:
                rationale = "Multiplies the peak by \(s.utilizationPercent)% instead of dividing the capacity by it, which shrinks the fleet when the rule is meant to grow it."
            case .oneAtATime:
                rationale = "Treats a replica as serving one request at a time (1,000 / \(s.rows[0].p50) ms); the load test shows it serves many concurrently, so this over-provisions."
            }
            return OptionDraft(text: "Provision \(Format.count(Int(value), "replica")) for the peak.", rationale: rationale, isKey: mistake == .none)
        }
        let exact = Double(s.peakQPS) / usable
        let difficulty: Item.Difficulty = s.sloPercentile == 95 && exact - exact.rounded(.down) < 0.2 ? .hard : (s.sloPercentile == 95 ? .medium : .easy)
        let rowText = s.rows.map { "\($0.qps) QPS: p50 \($0.p50), p95 \($0.p95), p99 \($0.p99) ms" }.joined(separator: "; ")
        let scenario = """
            A team is sizing the online endpoint of \(s.service). A load test against one replica at increasing offered load \
            gave these latencies: \(rowText). The SLO is \(slo) latency at or under \(s.sloMilliseconds) ms at the expected \
            peak of \(Format.whole(Double(s.peakQPS))) QPS, and the team's capacity rule keeps each replica at no more than \
            \(s.utilizationPercent)% of the load it can carry within the SLO, so that spikes and the loss of one replica are \
            absorbed. Traffic is spread evenly across replicas.
            """
        let working = [
            "Capacity per replica = highest tested load with \(slo) ≤ \(s.sloMilliseconds) ms = \(capacity) QPS.",
            "Usable per replica = \(capacity) × \(s.utilizationPercent)% = \(Format.fixed(usable, 1)) QPS.",
            "Replicas = ⌈\(Format.whole(Double(s.peakQPS))) / \(Format.fixed(usable, 1))⌉ = ⌈\(Format.fixed(exact, 2))⌉ = \(Self.replicas(s, .none)).",
        ]
        let table = FamilyTable(caption: "Load test of one replica (latency in ms)", headers: ["offered QPS", "p50", "p95", "p99"],
            rows: s.rows.map { ["\($0.qps)", "\($0.p50)", "\($0.p95)", "\($0.p99)"] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "How many replicas should the endpoint run at the peak?",
            options: drafts,
            explanation: "Size a fleet from the latency percentile the SLO names: a replica's capacity is the highest load at which that percentile meets the target (the median hides the tail). Then divide by the share of capacity the team allows per replica, and round up. A replica serves requests concurrently, so 1,000 ms divided by one request's latency is not its throughput. Working: "
                + working.joined(separator: " "),
            tags: ["online-serving", "capacity-planning", "latency-slo"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "Latency percentiles of one replica by offered load", xLabel: "offered QPS", yLabel: "latency (ms)",
                x: s.rows.map { Double($0.qps) },
                series: [("p50", s.rows.map { Double($0.p50) }), ("p95", s.rows.map { Double($0.p95) }), ("p99", s.rows.map { Double($0.p99) })]),
            table: table)
    }
}
