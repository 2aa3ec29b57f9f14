import Foundation
import MLCertCore

/// The target value of a SageMaker AI target-tracking policy on SageMakerVariantInvocationsPerInstance, as the load-test
/// guide gives it: MAX_RPS × SAFETY_FACTOR × 60, where MAX_RPS is the highest rate one instance sustains before latency
/// breaks the SLO or requests fail, and the 60 converts requests per second into the per-minute CloudWatch metric
/// (left out when the load tool already reports requests per minute).
///
/// The mistakes, each computed: no conversion to per minute, a second conversion of a figure already per minute, no
/// safety factor, the safety factor used as a divisor or read as the headroom to keep (0.7 taken as "keep 70% free",
/// so × 0.3), and MAX_RPS taken at the load tool's throughput peak, past the point where the SLO broke. A per-minute
/// load tool always comes with a factor other than 0.5, so that a mistake below the key exists in every instance.
public struct AutoscalingTargetFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "autoscaling-target", title: "Target value for invocations-per-instance autoscaling from a load test", version: 1,
        targets: [
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "deployment-orchestration", objective: "3.2"),
        ],
        skillArea: .pipelineAutomation,
        difficultyDrivers: [
            "a load tool that reports requests per minute (the conversion must be left out)",
            "a throughput peak past the SLO that tempts as MAX_RPS",
            "a safety factor other than the guide's suggested 0.5",
        ],
        sources: [
            FamilySource(supports: "SageMakerVariantInvocationsPerInstance = (MAX_RPS × SAFETY_FACTOR) × 60, a starting SAFETY_FACTOR of 0.5, and no × 60 when measuring per minute",
                title: "Amazon SageMaker AI: Load testing your auto scaling configuration",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html"),
            FamilySource(supports: "target-tracking scaling policies on the predefined metric SageMakerVariantInvocationsPerInstance (invocations per instance per minute)",
                title: "Amazon SageMaker AI: Define a scaling policy",
                url: "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// One load-test step on a single instance.
    public struct Row: Sendable, Hashable {
        public let concurrency: Int
        /// Throughput in requests per second (the situation says whether the table shows it per second or per minute).
        public let rps: Double
        public let p99: Int
        public let errorPercent: Double
    }

    public struct Situation: Sendable, Hashable {
        public let model: String
        public let instanceType: String
        public let rows: [Row]
        public let sloMilliseconds: Int
        public let safetyFactor: Double
        public let reportsPerMinute: Bool
    }

    public enum Mistake: Sendable, Hashable {
        case none, noPerMinute, doublePerMinute, noSafetyFactor, factorAsDivisor, factorAsHeadroom, throughputPeak
    }

    static let models = [("a fraud-scoring XGBoost model", "ml.c6i.xlarge"), ("a text-classification model", "ml.g5.xlarge"),
        ("a demand-forecast model", "ml.m6i.2xlarge"), ("an image-tagging model", "ml.g5.2xlarge"), ("a lead-scoring model", "ml.c6i.2xlarge")]

    /// MAX_RPS: the highest throughput among steps with p99 within the SLO and no errors.
    public static func maxRPS(_ s: Situation) -> Double {
        s.rows.filter { $0.p99 <= s.sloMilliseconds && $0.errorPercent == 0 }.map(\.rps).max()!
    }

    /// The displayed throughput of a row, per second or per minute as the load tool reports it.
    static func shown(_ rps: Double, perMinute: Bool) -> Double { perMinute ? (rps * 60).rounded() : rps }

    public static func target(_ s: Situation, _ mistake: Mistake) -> Double {
        let peak = s.rows.map(\.rps).max()!
        let basis = shown(mistake == .throughputPeak ? peak : maxRPS(s), perMinute: s.reportsPerMinute)
        let factor: Double = switch mistake {
        case .noSafetyFactor: 1
        case .factorAsDivisor: 1 / s.safetyFactor
        case .factorAsHeadroom: 1 - s.safetyFactor
        default: s.safetyFactor
        }
        // The right conversion: × 60 for a per-second figure, none for a per-minute one.
        let convert: Double = switch mistake {
        case .noPerMinute: 1
        case .doublePerMinute: 60
        default: s.reportsPerMinute ? 1 : 60
        }
        return (basis * factor * convert).rounded()
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let (model, instanceType) = first.pick(Self.models)
        let perMinute = first.coin()
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            // Throughput rises with concurrency and flattens at the instance's limit; latency climbs once it flattens.
            let limit = draw.stepped(40...900, step: 1)
            let base = draw.stepped(20...120, step: 1)
            let concurrencies = [1, 2, 4, 8, 16, 32, 64, 128]
            let rows = concurrencies.map { c -> Row in
                let ideal = Double(c) * 1000 / base
                let rps = (min(ideal, limit * (1 - exp(-ideal / limit))) * 10).rounded() / 10
                let p99 = Int((Double(c) * 1000 / rps * 1.8).rounded())
                let overload = ideal / limit
                let errors = overload > 3.5 ? ((overload - 3.5) * 1.5 * 10).rounded() / 10 : 0
                return Row(concurrency: c, rps: rps, p99: p99, errorPercent: errors)
            }.filter { $0.concurrency == 1 || Double($0.concurrency) * 1000 / base < limit * 8 }
            guard rows.count >= 5 else { continue }
            // The SLO falls between two steps, below the throughput peak, so the peak tempts as MAX_RPS.
            let cut = draw.integer(2...(rows.count - 2))
            let slo = Int(((Double(rows[cut].p99) + Double(rows[cut + 1].p99)) / 2 / 10).rounded(.down) * 10)
            guard slo > rows[cut].p99, slo < rows[cut + 1].p99, rows[cut].errorPercent == 0 else { continue }
            let s = Situation(model: model, instanceType: instanceType, rows: rows, sloMilliseconds: slo,
                safetyFactor: perMinute ? draw.pick([0.6, 0.7, 0.75]) : draw.pick([0.5, 0.5, 0.6, 0.7]), reportsPerMinute: perMinute)
            guard rows.map(\.rps).max()! > Self.maxRPS(s) * 1.1 else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("autoscaling-target: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        var mistakes: [Mistake] = s.reportsPerMinute
            ? [.doublePerMinute, .noSafetyFactor, .factorAsDivisor, .throughputPeak]
            : [.noPerMinute, .noSafetyFactor, .factorAsDivisor, .throughputPeak]
        if s.safetyFactor != 0.5 { mistakes.append(.factorAsHeadroom) }
        return OptionValues.pick(key: (target(s, .none), .none), mistakes: mistakes.map { (target(s, $0), $0) }, relative: 0.12, absolute: 5,
            straddle: true)
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4155_544F_5343_414C)
        let options = Self.options(for: s)!
        let unit = s.reportsPerMinute ? "requests per minute" : "requests per second"
        let format = { (x: Double) in s.reportsPerMinute ? Format.whole(x) : Format.fixed(x, 1) }
        let maxShown = Self.shown(Self.maxRPS(s), perMinute: s.reportsPerMinute)
        let peakShown = Self.shown(s.rows.map(\.rps).max()!, perMinute: s.reportsPerMinute)
        // 0.75 must print as 0.75: the scenario states the factor the key is computed with.
        let factor = Format.fixed(s.safetyFactor, (s.safetyFactor * 10).rounded() == s.safetyFactor * 10 ? 1 : 2)
        let drafts = options.map { value, mistake -> OptionDraft in
            let rationale: String
            switch mistake {
            case .none:
                rationale = s.reportsPerMinute
                    ? "MAX is \(format(maxShown)) per minute (the last step with p99 ≤ \(s.sloMilliseconds) ms and no errors); × \(factor) = \(Format.whole(value)), already per minute."
                    : "MAX_RPS is \(format(maxShown)) (the last step with p99 ≤ \(s.sloMilliseconds) ms and no errors); × \(factor) × 60 = \(Format.whole(value)) per minute."
            case .noPerMinute:
                rationale = "Leaves the value per second; the metric counts invocations per instance per minute, so the figure must be multiplied by 60."
            case .doublePerMinute:
                rationale = "Multiplies by 60 a figure the load tool already reports per minute; the guide's × 60 only converts a per-second rate."
            case .noSafetyFactor:
                rationale = "Targets the instance's full sustainable rate; with no safety factor, scaling starts only once instances are already at their limit."
            case .factorAsDivisor:
                rationale = "Divides by the safety factor instead of multiplying, which sets the target above what an instance can sustain."
            case .factorAsHeadroom:
                rationale = "Reads the \(factor) safety factor as the share to keep free and multiplies by \(Format.fixed(1 - s.safetyFactor, 2)); the factor is the share of MAX to target."
            case .throughputPeak:
                rationale = "Takes the load tool's throughput peak (\(format(peakShown))), reached only after p99 had passed \(s.sloMilliseconds) ms."
            }
            return OptionDraft(text: "Set the target value to \(Format.whole(value)) invocations per instance.", rationale: rationale, isKey: mistake == .none)
        }
        let difficulty: Item.Difficulty = s.reportsPerMinute ? (s.safetyFactor == 0.5 ? .medium : .hard) : (s.safetyFactor == 0.5 ? .easy : .medium)
        let rowText = s.rows.map {
            "concurrency \($0.concurrency): \(format(Self.shown($0.rps, perMinute: s.reportsPerMinute))), p99 \($0.p99) ms, \(Format.fixed($0.errorPercent, 1))% errors"
        }.joined(separator: "; ")
        let scenario = """
            A team serves \(s.model) on a SageMaker AI real-time endpoint with \(s.instanceType) instances and wants a \
            target-tracking scaling policy on SageMakerVariantInvocationsPerInstance. A load test against one instance, \
            raising the number of parallel clients step by step, reported throughput in \(unit): \(rowText). The latency \
            SLO is p99 at or under \(s.sloMilliseconds) ms, and the team follows the load-testing guide with a safety factor \
            of \(factor).
            """
        let working = [
            "MAX = highest throughput with p99 ≤ \(s.sloMilliseconds) ms and 0% errors = \(format(maxShown)) \(unit).",
            s.reportsPerMinute
                ? "Target = MAX × \(factor) = \(Format.whole(Self.target(s, .none))) invocations per instance per minute (no × 60: already per minute)."
                : "Target = MAX_RPS × \(factor) × 60 = \(Format.whole(Self.target(s, .none))) invocations per instance per minute.",
        ]
        let table = FamilyTable(caption: "Load test of one \(s.instanceType) instance", headers: ["concurrency", unit, "p99 (ms)", "errors"],
            rows: s.rows.map { ["\($0.concurrency)", format(Self.shown($0.rps, perMinute: s.reportsPerMinute)), "\($0.p99)", Format.fixed($0.errorPercent, 1) + "%"] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What target value should the scaling policy use?",
            options: drafts,
            explanation: "SageMakerVariantInvocationsPerInstance is a per-minute count, so the target is MAX_RPS × SAFETY_FACTOR × 60, where MAX_RPS is the highest rate one instance sustains within the latency SLO and without errors (not the load tool's throughput peak). If the load test already measured requests per minute, leave out the × 60. The safety factor keeps scale-out ahead of saturation. Working: "
                + working.joined(separator: " "),
            tags: ["autoscaling", "load-testing", "sagemaker-endpoints"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "Throughput and p99 latency by concurrency", xLabel: "concurrency", yLabel: unit + " / p99 ms",
                x: s.rows.map { Double($0.concurrency) },
                series: [(unit, s.rows.map { Self.shown($0.rps, perMinute: s.reportsPerMinute) }), ("p99 (ms)", s.rows.map { Double($0.p99) })]),
            table: table)
    }
}
