import Foundation
import MLCertCore

/// How many accelerators to train on: a training run of known size, one accelerator's measured throughput, the
/// measured scaling efficiency at each cluster size, a deadline and a price per accelerator-hour. Wall-clock time is
/// samples × epochs / (throughput × N × efficiency(N)); cost is time × N × price, which grows with N because
/// efficiency falls, so the cheapest cluster that meets the deadline is the smallest one that does.
///
/// The mistakes, each computed: assuming linear scaling (efficiency 100%), timing one epoch instead of all of them,
/// multiplying by the efficiency instead of dividing; and, above the key, one size up "to be safe" and the fastest
/// cluster on the table, which meet the deadline but pay for scaling losses. The options always include a cluster below
/// the key and one above it.
public struct TrainingScaleFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "training-scale", title: "Cluster size for a training deadline with scaling efficiency", version: 1,
        targets: [
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "scaling-prototypes", objective: "3.3"),
            FamilyTarget(credential: "databricks-ml-professional", blueprint: "2025-09", domain: "model-development", objective: "1.1"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "ml-lifecycle-operations", objective: "2.1"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "how close the key cluster's time comes to the deadline (within 10% is hard)",
            "how fast the scaling efficiency falls (the linear-scaling answer moves further from the key)",
        ],
        sources: [
            FamilySource(supports: "data-parallel training across accelerators and why throughput scales less than linearly with their number",
                title: "Google Cloud: Distributed training on Vertex AI",
                url: "https://cloud.google.com/vertex-ai/docs/training/distributed-training"),
            FamilySource(supports: "scaling efficiency as achieved throughput over N times single-device throughput, measured as the cluster grows",
                title: "Sergeev and Del Balso, Horovod: fast and easy distributed deep learning in TensorFlow (2018)",
                url: "https://arxiv.org/abs/1802.05799"),
        ],
        lastChecked: Day("2026-12-07")!)

    public static let sizes = [1, 2, 4, 8, 16, 32, 64]

    public struct Situation: Sendable, Hashable {
        public let workload: String
        public let accelerator: String
        public let pricePerHour: Double
        public let samplesMillions: Double
        public let epochs: Int
        /// One accelerator's throughput in samples per second.
        public let throughput: Int
        /// Measured scaling efficiency per cluster size, in whole percent.
        public let efficiencyPercent: [Int]
        public let deadlineHours: Int
    }

    public enum Mistake: Sendable, Hashable {
        case none, linearScaling, oneEpoch, efficiencyMultiplied, oneSizeUp, fastest
    }

    static let workloads = ["an image classifier on product photos", "a speech-recognition model on call recordings",
        "a recommendation model on click logs", "a document-understanding model on scanned forms", "a time-series model on sensor data"]
    static let accelerators: [(String, Double)] = [("NVIDIA A100 GPUs", 3.67), ("NVIDIA H100 GPUs", 9.80), ("NVIDIA L4 GPUs", 0.71),
        ("TPU v5e chips", 1.20), ("NVIDIA A10G GPUs", 1.21)]

    /// Hours for `n` accelerators, as the mistake computes it.
    public static func hours(_ s: Situation, n: Int, _ mistake: Mistake) -> Double {
        let index = sizes.firstIndex(of: n)!
        let efficiency = mistake == .linearScaling ? 1 : Double(s.efficiencyPercent[index]) / 100
        let epochs = mistake == .oneEpoch ? 1 : Double(s.epochs)
        let rate = Double(s.throughput) * Double(n) * (mistake == .efficiencyMultiplied ? 1 / efficiency : efficiency)
        return s.samplesMillions * 1e6 * epochs / rate / 3600
    }

    public static func cost(_ s: Situation, n: Int) -> Double { hours(s, n: n, .none) * Double(n) * s.pricePerHour }

    /// The cluster size each mistake picks: the smallest that meets the deadline by its arithmetic (the largest for
    /// `.fastest`); nil if none does.
    public static func pick(_ s: Situation, _ mistake: Mistake) -> Int? {
        switch mistake {
        case .fastest: return sizes.last
        case .oneSizeUp: return pick(s, .none).map { $0 * 2 }
        default: return sizes.first { hours(s, n: $0, mistake) <= Double(s.deadlineHours) }
        }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let workload = first.pick(Self.workloads)
        let (accelerator, price) = first.pick(Self.accelerators)
        let keyIndex = first.integer(2...4)
        for attempt in Attempts.seeds(for: seed) {
            var draw = Draw(seed: attempt)
            let decay = draw.uniform(0.03...0.11)
            let efficiency = Self.sizes.map { Int((100 / (1 + decay * log2(Double($0)))).rounded()) }
            let throughput = Int(draw.stepped(150...3_000, step: 10))
            let epochs = draw.integer(2...12)
            // Size the dataset so that the target cluster lands just inside the deadline.
            let deadline = draw.pick([8, 12, 24, 36, 48, 72])
            let n = Self.sizes[keyIndex]
            let slack = draw.uniform(0.55...0.95)
            let samples = Double(deadline) * slack * 3600 * Double(throughput) * Double(n) * Double(efficiency[keyIndex]) / 100 / Double(epochs) / 1e6
            let s = Situation(workload: workload, accelerator: accelerator, pricePerHour: price,
                samplesMillions: (samples * 10).rounded() / 10, epochs: epochs, throughput: throughput,
                efficiencyPercent: efficiency, deadlineHours: deadline)
            guard s.samplesMillions >= 1, Self.pick(s, .none) == n else { continue }
            // Clear of the deadline at every size a learner might check, so rounding cannot tip a choice.
            guard Self.sizes.allSatisfy({ abs(Self.hours(s, n: $0, .none) / Double(deadline) - 1) > 0.02 }) else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("training-scale: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Mistake)]? {
        guard let key = pick(s, .none) else { return nil }
        let mistakes = [Mistake.linearScaling, .oneEpoch, .efficiencyMultiplied, .oneSizeUp, .fastest].compactMap { m in pick(s, m).map { (Double($0), m) } }
        return OptionValues.pick(key: (Double(key), .none), mistakes: mistakes, relative: 0.2, absolute: 0.5, straddle: true)
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5452_4149_4E53_434C)
        let options = Self.options(for: s)!
        let key = Int(options[0].value)
        let time = { (n: Int) in Format.fixed(Self.hours(s, n: n, .none), 1) + " h" }
        let drafts = options.map { value, mistake -> OptionDraft in
            let n = Int(value)
            let rationale: String
            switch mistake {
            case .none:
                rationale = "\(n) take \(time(n)), within \(s.deadlineHours) h, for \(Format.dollars(Self.cost(s, n: n))); fewer miss the deadline, and more cost more because efficiency falls."
            case .linearScaling:
                rationale = "Assumes linear scaling: at \(s.efficiencyPercent[Self.sizes.firstIndex(of: n)!])% efficiency, \(n) take \(time(n)), past the \(s.deadlineHours) h deadline."
            case .oneEpoch:
                rationale = "Times one epoch instead of \(s.epochs); all \(s.epochs) epochs on \(n) take \(time(n)), past the deadline."
            case .efficiencyMultiplied:
                rationale = "Multiplies by the efficiency instead of dividing; \(n) really take \(time(n)), past the deadline."
            case .oneSizeUp:
                rationale = "Right when the benchmark is doubtful and a late finish is costly: \(n) finish in \(time(n)), but cost \(Format.dollars(Self.cost(s, n: n))) against \(Format.dollars(Self.cost(s, n: key)))."
            case .fastest:
                rationale = "Right when the deadline is the only concern: \(n) finish in \(time(n)), but cost \(Format.dollars(Self.cost(s, n: n))) against \(Format.dollars(Self.cost(s, n: key)))."
            }
            return OptionDraft(text: "Train on \(n) \(s.accelerator).", rationale: rationale, isKey: mistake == .none)
        }
        let margin = 1 - Self.hours(s, n: key, .none) / Double(s.deadlineHours)
        let difficulty: Item.Difficulty = margin < 0.1 ? .hard : (s.efficiencyPercent[4] < 75 ? .medium : .easy)
        let effText = zip(Self.sizes, s.efficiencyPercent).map { "\($0.0): \($0.1)%" }.joined(separator: ", ")
        let scenario = """
            A team trains \(s.workload): \(Format.fixed(s.samplesMillions, 1)) million samples for \(s.epochs) epochs, with \
            data-parallel training on \(s.accelerator) at \(Format.dollars(s.pricePerHour)) per accelerator-hour. One \
            accelerator processes \(Format.whole(Double(s.throughput))) samples per second, and their benchmark measured the \
            scaling efficiency (throughput over N times one accelerator's) by cluster size as \(effText). The run must \
            finish within \(s.deadlineHours) hours, and the team wants the lowest cost that meets the deadline.
            """
        var working = ["Time(N) = \(Format.fixed(s.samplesMillions, 1))M × \(s.epochs) / (\(s.throughput) × N × efficiency) / 3,600; cost = time × N × \(Format.dollars(s.pricePerHour))."]
        for n in Self.sizes {
            working.append("N = \(n): \(time(n)), \(Format.dollars(Self.cost(s, n: n)))\(Self.hours(s, n: n, .none) <= Double(s.deadlineHours) ? "" : " (misses the deadline)").")
        }
        working.append("Cost rises with N, so the cheapest cluster within \(s.deadlineHours) h is the smallest that meets it: \(key).")
        let table = FamilyTable(caption: "Measured scaling efficiency by cluster size", headers: ["accelerators", "scaling efficiency"],
            rows: zip(Self.sizes, s.efficiencyPercent).map { ["\($0.0)", "\($0.1)%"] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "How many accelerators should the team train on?",
            options: drafts,
            explanation: "Data-parallel training rarely scales linearly: each accelerator added spends more time communicating. Wall-clock time is total samples / (per-accelerator throughput × N × efficiency), and cost is time × N × price, so cost rises as efficiency falls. The cheapest cluster that meets a deadline is therefore the smallest that meets it, found with the measured efficiency rather than a linear assumption. Working: "
                + working.joined(separator: " "),
            tags: ["distributed-training", "scaling-efficiency", "training-cost"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working,
            figure: .curves(title: "Scaling efficiency by cluster size", xLabel: "accelerators", yLabel: "efficiency (%)",
                x: Self.sizes.map(Double.init), series: [("efficiency", s.efficiencyPercent.map(Double.init))]),
            table: table)
    }
}
