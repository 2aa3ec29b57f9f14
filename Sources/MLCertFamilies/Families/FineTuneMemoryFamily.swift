import Foundation
import MLCertCore

/// Which fine-tuning method fits one GPU: full fine-tuning, LoRA over a bf16 base, LoRA over an 8-bit base, or QLoRA
/// over a 4-bit base, sized with the team's sheet (16 bytes per parameter for full fine-tuning with mixed-precision
/// AdamW, 2, 1 or 0.5 bytes per frozen base parameter for the adapter methods, 16 bytes per trainable adapter
/// parameter, plus a stated allowance for activations and workspace). The team takes the least quantised method that
/// fits, so the key is the first in that order whose total is within the GPU's memory.
///
/// Each wrong option is either a less quantised method that does not fit (the usual mistake behind it: counting only
/// the weights, 2 bytes per parameter, which makes full fine-tuning look feasible) or a more quantised one that fits
/// but gives up precision the GPU has room for. The generator balances which method is the key.
public struct FineTuneMemoryFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "finetune-memory", title: "GPU memory for full fine-tuning, LoRA and QLoRA", version: 1,
        targets: [
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "genai-optimization", objective: "5.2"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "model-development", objective: "2.2"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "scaling-prototypes", objective: "3.3"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "how close the key's total comes to the GPU's memory (within 10% is hard)",
            "a model small enough that full fine-tuning is in reach",
        ],
        sources: [
            FamilySource(supports: "16 bytes per parameter for mixed-precision Adam training: fp16 weights and gradients plus fp32 master weights, momentum and variance",
                title: "Rajbhandari et al., ZeRO: Memory Optimizations Toward Training Trillion Parameter Models (2019)",
                url: "https://arxiv.org/abs/1910.02054"),
            FamilySource(supports: "LoRA: frozen base weights with small trainable low-rank adapters",
                title: "Hu et al., LoRA: Low-Rank Adaptation of Large Language Models (2021)", url: "https://arxiv.org/abs/2106.09685"),
            FamilySource(supports: "QLoRA: adapters trained over a 4-bit NormalFloat base model",
                title: "Dettmers et al., QLoRA: Efficient Finetuning of Quantized LLMs (2023)", url: "https://arxiv.org/abs/2305.14314"),
            FamilySource(supports: "what occupies GPU memory in training: weights, gradients, optimizer states and activations",
                title: "Hugging Face Transformers: GPU memory usage (model memory anatomy)",
                url: "https://huggingface.co/docs/transformers/model_memory_anatomy"),
        ],
        lastChecked: Day("2026-12-07")!)

    /// The methods in the team's order of preference (least quantised first).
    public enum Method: Int, Sendable, Hashable, CaseIterable {
        case full, loraBF16, lora8bit, qlora

        /// Bytes per base parameter.
        var baseBytes: Double {
            switch self {
            case .full: 16
            case .loraBF16: 2
            case .lora8bit: 1
            case .qlora: 0.5
            }
        }

        var text: String {
            switch self {
            case .full: "Full fine-tuning of every weight, in bf16 with AdamW."
            case .loraBF16: "LoRA adapters over the base model kept in bf16."
            case .lora8bit: "LoRA adapters over the base model quantised to 8 bits."
            case .qlora: "QLoRA: adapters over the base model quantised to 4-bit NF4."
            }
        }

        var name: String {
            switch self {
            case .full: "full fine-tuning"
            case .loraBF16: "LoRA over bf16"
            case .lora8bit: "LoRA over 8-bit"
            case .qlora: "QLoRA"
            }
        }
    }

    public struct Situation: Sendable, Hashable {
        public let modelBillions: Double
        public let gpu: String
        public let gpuGB: Int
        /// Trainable adapter parameters as a percentage of the base parameters.
        public let adapterPercent: Double
        public let activationGB: Int
        public let task: String
    }

    static let gpus: [(String, Int)] = [("an NVIDIA L4 (24 GB)", 24), ("an NVIDIA A10G (24 GB)", 24), ("an NVIDIA A100 40 GB", 40),
        ("an NVIDIA L40S (48 GB)", 48), ("an NVIDIA A100 80 GB", 80), ("an NVIDIA H100 (80 GB)", 80), ("an NVIDIA A2 (16 GB)", 16)]
    static let sizes: [Double] = [0.5, 1.1, 1.5, 2, 3, 7, 8, 13, 14, 27, 32, 34, 70]
    static let tasks = ["classify support tickets", "summarise claims notes", "extract fields from invoices", "answer HR policy questions",
        "draft product descriptions"]

    /// Total GB (10⁹ bytes) a method needs: base parameters, adapters at 16 bytes per trainable parameter, activations.
    public static func gigabytes(_ m: Method, _ s: Situation) -> Double {
        let base = s.modelBillions * m.baseBytes
        let adapters = m == .full ? 0 : s.modelBillions * s.adapterPercent / 100 * 16
        return base + adapters + Double(s.activationGB)
    }

    public static func key(_ s: Situation) -> Method? {
        Method.allCases.first { gigabytes($0, s) <= Double(s.gpuGB) }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let target = first.pick(Method.allCases)
        let task = first.pick(Self.tasks)
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let (gpu, gb) = draw.pick(Self.gpus)
            let s = Situation(modelBillions: draw.pick(Self.sizes), gpu: gpu, gpuGB: gb, adapterPercent: draw.pick([0.2, 0.5, 1.0]),
                activationGB: draw.integer(2...10), task: task)
            guard Self.key(s) == target else { continue }
            // Clear margins: the key fits with at least 1 GB to spare, and every method before it misses by at least 1 GB.
            guard Self.gigabytes(target, s) <= Double(gb) - 1,
                Method.allCases.prefix(target.rawValue).allSatisfy({ Self.gigabytes($0, s) >= Double(gb) + 1 }) else { continue }
            return s
        }
        fatalError("finetune-memory: no situation for seed \(seed) within the attempt limit")
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x4654_4D45_4D4F_5259)
        let key = Self.key(s)!
        let gb = { (m: Method) in Format.fixed(Self.gigabytes(m, s), 1) + " GB" }
        let size = Format.fixed(s.modelBillions, s.modelBillions == s.modelBillions.rounded() ? 0 : 1)
        let drafts = Method.allCases.map { m -> OptionDraft in
            let rationale: String
            if m == key {
                rationale = "Needs \(gb(m)) of the \(s.gpuGB) GB, and every less quantised method needs more than the GPU has."
            } else if m.rawValue < key.rawValue {
                rationale = m == .full
                    ? "Needs \(gb(m)): weights, gradients and AdamW states take 16 bytes per parameter, not the 2 of the weights alone, which is more than \(s.gpuGB) GB."
                    : "Needs \(gb(m)) with the \(Format.fixed(m.baseBytes, 0))-byte base, more than the \(s.gpuGB) GB the GPU has."
            } else {
                rationale = "Fits (\(gb(m))), but quantises the base further than needed: \(key.name) already fits in \(gb(key))."
            }
            return OptionDraft(text: m.text, rationale: rationale, isKey: m == key)
        }
        let spare = (Double(s.gpuGB) - Self.gigabytes(key, s)) / Double(s.gpuGB)
        let difficulty: Item.Difficulty = spare < 0.1 ? .hard : (key == .full || key == .loraBF16 ? .medium : .easy)
        let scenario = """
            A team will fine-tune a \(size)-billion-parameter open model to \(s.task), on one GPU: \(s.gpu). Their sizing \
            sheet counts 1 GB as 10⁹ bytes and charges: full fine-tuning with mixed-precision AdamW at 16 bytes per \
            parameter; for LoRA, the frozen base at 2 bytes per parameter in bf16, 1 byte in 8 bits or 0.5 bytes in 4-bit \
            NF4, plus the trainable adapters (\(Format.fixed(s.adapterPercent, 1))% of the base parameters) at 16 bytes each; \
            and \(s.activationGB) GB for activations and workspace at their sequence length and micro-batch size, whatever \
            the method. Their order of preference is full fine-tuning, then LoRA over the bf16 base, then LoRA over the \
            8-bit base, then QLoRA, because their evaluation showed quality losses from training fewer parameters and \
            more from quantising the base; they take the first method in that order that fits.
            """
        var working = ["Adapters: \(size)B × \(Format.fixed(s.adapterPercent, 1))% × 16 bytes = \(Format.fixed(s.modelBillions * s.adapterPercent / 100 * 16, 2)) GB."]
        for m in Method.allCases {
            let adapters = m == .full ? "" : " + \(Format.fixed(s.modelBillions * s.adapterPercent / 100 * 16, 2))"
            working.append("\(m.name): \(size) × \(Format.fixed(m.baseBytes, 1))\(adapters) + \(s.activationGB) = \(gb(m)) \(Self.gigabytes(m, s) <= Double(s.gpuGB) ? "≤" : ">") \(s.gpuGB) GB.")
        }
        working.append("Least quantised that fits: \(key.name).")
        let table = FamilyTable(caption: "Sizing inputs", headers: ["item", "value"],
            rows: [["model", "\(size)B parameters"], ["GPU", "\(s.gpuGB) GB"], ["trainable adapters", "\(Format.fixed(s.adapterPercent, 1))% of base"],
                ["activations and workspace", "\(s.activationGB) GB"]])
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which method should the team use?",
            options: drafts,
            explanation: "Training memory is weights plus gradients plus optimizer states plus activations. Mixed-precision AdamW keeps bf16 weights and gradients and fp32 master weights and two moments: 16 bytes per trained parameter. LoRA freezes the base (2 bytes in bf16, 1 in 8 bits, 0.5 in 4-bit NF4) and trains only small adapters, which is why QLoRA fits large models on one GPU. Pick the least quantised method whose total fits. Working: "
                + working.joined(separator: " "),
            tags: ["fine-tuning", "lora", "gpu-memory"], draw: &draw)
        // No figure: a chart of each method's memory would show the answer before the learner works it out.
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
