import Foundation
import MLCertCore

/// Token cost and latency of a prompt and model choice: four configurations that all passed the team's quality
/// evaluation (a large model with a zero-shot prompt, a small model with a long few-shot prompt, a fine-tuned small
/// model on hourly-billed hosting, a mid-size model that writes a reasoning step), each priced per month from its
/// input and output tokens at the team's rates, with a latency of time to first token (growing with the prompt) plus
/// output tokens over the generation speed. The key is the cheapest configuration within the latency budget.
///
/// Every option is right for some profile; the traps the rationales name where they apply: pricing input tokens only
/// (output tokens cost several times more), leaving out the fine-tuned model's hosting fee, and leaving out the
/// reasoning tokens, which are billed and generated like any output.
public struct TokenCostFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "llm-token-cost", title: "Token cost and latency of a prompt and model choice", version: 1,
        targets: [
            FamilyTarget(credential: "azure-ai-103", blueprint: "2026-04", domain: "plan-manage-solution", objective: "1.3"),
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "genai-quality-observability", objective: "4.2"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "monitoring-maintenance-security", objective: "4.2"),
            FamilyTarget(credential: "google-pmle", blueprint: "2026-06", domain: "architecting-low-code-ai", objective: "1.2"),
        ],
        skillArea: .pipelineAutomation,
        difficultyDrivers: [
            "a cheaper configuration that misses the latency budget",
            "a fine-tuned model whose hosting fee decides the comparison at this volume",
            "two eligible configurations within 15% of each other",
        ],
        sources: [
            FamilySource(supports: "latency as time to first token plus generated tokens over the generation rate, and output tokens as the main driver of latency",
                title: "Azure OpenAI in Microsoft Foundry: Performance and latency",
                url: "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/latency"),
            FamilySource(supports: "on-demand pricing per input and output token, and custom (fine-tuned) models billed for hosting by the hour",
                title: "Amazon Bedrock pricing", url: "https://aws.amazon.com/bedrock/pricing/"),
        ],
        lastChecked: Day("2026-12-07")!)

    public enum Config: Int, Sendable, Hashable, CaseIterable {
        case largeZeroShot, smallFewShot, fineTunedSmall, midReasoning

        var text: String {
            switch self {
            case .largeZeroShot: "The large model with a zero-shot prompt"
            case .smallFewShot: "The small model with a long few-shot prompt"
            case .fineTunedSmall: "A fine-tuned small model with hourly hosting"
            case .midReasoning: "The mid-size model with a reasoning step"
            }
        }
    }

    /// One configuration's workload and rates.
    public struct Profile: Sendable, Hashable {
        public let inputTokens: Int
        public let outputTokens: Int
        /// Dollars per million tokens.
        public let inputPrice: Double
        public let outputPrice: Double
        public let hostingPerHour: Double
        /// Seconds to the first token for a 1,000-token prompt, and extra seconds per further 1,000 prompt tokens.
        public let firstTokenSeconds: Double
        public let secondsPerThousandPrompt: Double
        public let tokensPerSecond: Int
    }

    public struct Situation: Sendable, Hashable {
        public let task: String
        public let requestsPerDay: Int
        public let budgetSeconds: Double
        public let profiles: [Profile]
    }

    static let tasks = ["answers customer questions from retrieved policy text", "summarises support tickets for agents",
        "drafts replies to supplier emails", "extracts fields from free-text claims", "classifies and routes incoming requests"]

    public static func monthlyCost(_ c: Config, _ s: Situation, inputOnly: Bool = false, noHosting: Bool = false) -> Double {
        let p = s.profiles[c.rawValue]
        let month = Double(s.requestsPerDay) * 30
        let tokens = Double(p.inputTokens) * p.inputPrice + (inputOnly ? 0 : Double(p.outputTokens) * p.outputPrice)
        return month * tokens / 1e6 + (noHosting ? 0 : p.hostingPerHour * 720)
    }

    public static func latency(_ c: Config, _ s: Situation) -> Double {
        let p = s.profiles[c.rawValue]
        return p.firstTokenSeconds + p.secondsPerThousandPrompt * max(0, Double(p.inputTokens) / 1000 - 1) + Double(p.outputTokens) / Double(p.tokensPerSecond)
    }

    public static func key(_ s: Situation) -> Config? {
        Config.allCases.filter { latency($0, s) <= s.budgetSeconds }.min { monthlyCost($0, s) < monthlyCost($1, s) }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let target = first.pick(Config.allCases)
        let task = first.pick(Self.tasks)
        for attempt in Attempts.seeds(for: seed, limit: 1_000) {
            var draw = Draw(seed: attempt)
            // Ranges tuned so that each configuration is the cheapest eligible one in a fair share of situations:
            // the large model wins small volumes under strict budgets, the few-shot prompt loose budgets at small
            // volumes, the fine-tuned model large volumes, the reasoning model loose budgets with long few-shot prompts.
            let context = Int(draw.stepped(800...4_000, step: 50))
            let answer = Int(draw.stepped(80...500, step: 10))
            let small = (input: draw.pick([0.10, 0.15, 0.20]), output: draw.pick([0.40, 0.60, 0.80]))
            let largeInput = draw.pick([0.8, 1.0, 1.25])
            let profiles = [
                Profile(inputTokens: context, outputTokens: answer, inputPrice: largeInput, outputPrice: largeInput * 4,
                    hostingPerHour: 0, firstTokenSeconds: draw.uniform(0.3...0.6), secondsPerThousandPrompt: 0.12, tokensPerSecond: draw.integer(90...150)),
                Profile(inputTokens: context + Int(draw.stepped(5_000...16_000, step: 100)), outputTokens: answer, inputPrice: small.input,
                    outputPrice: small.output, hostingPerHour: 0, firstTokenSeconds: draw.uniform(0.2...0.4),
                    secondsPerThousandPrompt: (draw.uniform(0.15...0.3) * 100).rounded() / 100, tokensPerSecond: draw.integer(120...200)),
                Profile(inputTokens: context, outputTokens: answer, inputPrice: small.input * 2, outputPrice: small.output * 2,
                    hostingPerHour: draw.pick([3.5, 5.0, 7.0]), firstTokenSeconds: draw.uniform(0.2...0.4), secondsPerThousandPrompt: 0.06,
                    tokensPerSecond: draw.integer(120...200)),
                Profile(inputTokens: context, outputTokens: answer + Int(draw.stepped(150...600, step: 50)), inputPrice: draw.pick([0.2, 0.3]),
                    outputPrice: draw.pick([0.8, 1.2]), hostingPerHour: 0, firstTokenSeconds: draw.uniform(0.3...0.6), secondsPerThousandPrompt: 0.08,
                    tokensPerSecond: draw.integer(80...140)),
            ].map { p in
                // Rates as the team's sheet prints them: seconds to two decimals.
                Profile(inputTokens: p.inputTokens, outputTokens: p.outputTokens, inputPrice: p.inputPrice, outputPrice: p.outputPrice,
                    hostingPerHour: p.hostingPerHour, firstTokenSeconds: (p.firstTokenSeconds * 100).rounded() / 100,
                    secondsPerThousandPrompt: p.secondsPerThousandPrompt, tokensPerSecond: p.tokensPerSecond)
            }
            let s = Situation(task: task, requestsPerDay: Int(draw.stepped(1_000...100_000, step: 500)),
                budgetSeconds: draw.pick([1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0]), profiles: profiles)
            guard Self.key(s) == target else { continue }
            // Clear of the budget and priced apart, so rounding cannot change the answer.
            guard Config.allCases.allSatisfy({ abs(Self.latency($0, s) - s.budgetSeconds) > 0.1 }),
                Separation.isClear(Config.allCases.map { Self.monthlyCost($0, s) }, relative: 0.08, absolute: 5) else { continue }
            return s
        }
        fatalError("llm-token-cost: no situation for seed \(seed) within the attempt limit")
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x544F_4B45_4E43_4F53)
        let key = Self.key(s)!
        let keyCost = Self.monthlyCost(key, s)
        let seconds = { (c: Config) in Format.fixed(Self.latency(c, s), 1) + " s" }
        let drafts = Config.allCases.map { c -> OptionDraft in
            let cost = Self.monthlyCost(c, s)
            var rationale: String
            if c == key {
                rationale = "Within the \(Format.fixed(s.budgetSeconds, 1)) s budget (\(seconds(c))) at \(Format.dollars(cost)) a month, the lowest of the configurations that are."
            } else if Self.latency(c, s) > s.budgetSeconds {
                rationale = "Right when latency is loose; it costs \(Format.dollars(cost)) a month, but answers in \(seconds(c)), over the \(Format.fixed(s.budgetSeconds, 1)) s budget."
            } else {
                rationale = "Within the budget (\(seconds(c))), but at \(Format.dollars(cost)) a month it costs \(Format.dollars(cost - keyCost)) more than the key."
                if Self.monthlyCost(c, s, inputOnly: true) < Self.monthlyCost(key, s, inputOnly: true) {
                    rationale += " Pricing input tokens alone would make it look cheaper; output tokens cost several times more."
                }
                if c == .fineTunedSmall && Self.monthlyCost(c, s, noHosting: true) < keyCost {
                    rationale += " Without the \(Format.dollars(s.profiles[c.rawValue].hostingPerHour * 720)) hosting fee it would be the cheapest."
                }
            }
            return OptionDraft(text: "\(c.text), at about \(Format.dollars(cost)) a month.", rationale: rationale, isKey: c == key)
        }
        let eligible = Config.allCases.filter { Self.latency($0, s) <= s.budgetSeconds }.map { Self.monthlyCost($0, s) }.sorted()
        let close = eligible.count > 1 && (eligible[1] - eligible[0]) / eligible[0] < 0.15
        let cheaperExcluded = Config.allCases.contains { Self.monthlyCost($0, s) < keyCost }
        let difficulty: Item.Difficulty = close ? .hard : (cheaperExcluded || key == .fineTunedSmall ? .medium : .easy)
        let describe = { (c: Config) -> String in
            let p = s.profiles[c.rawValue]
            let hosting = p.hostingPerHour > 0 ? " plus \(Format.dollars(p.hostingPerHour)) an hour of hosting" : ""
            return "\(c.text.prefix(1).lowercased() + c.text.dropFirst()): \(Format.whole(Double(p.inputTokens))) input and \(Format.whole(Double(p.outputTokens))) output tokens per request, \(Format.dollars(p.inputPrice)) and \(Format.dollars(p.outputPrice)) per million\(hosting), first token after \(Format.fixed(p.firstTokenSeconds, 2)) s plus \(Format.fixed(p.secondsPerThousandPrompt, 2)) s per further 1,000 prompt tokens, then \(p.tokensPerSecond) tokens per second"
        }
        let scenario = """
            A team runs an assistant that \(s.task), about \(Format.whole(Double(s.requestsPerDay))) requests a day. Four \
            configurations passed their quality evaluation equally well: \(Config.allCases.map(describe).joined(separator: "; ")). \
            A response must complete within \(Format.fixed(s.budgetSeconds, 1)) seconds (time to first token plus generation, \
            as measured in their tests), and the team prices a month as 30 days.
            """
        let working = Config.allCases.map { c -> String in
            let p = s.profiles[c.rawValue]
            return "\(c.text): latency \(Format.fixed(p.firstTokenSeconds, 2)) + \(Format.fixed(p.secondsPerThousandPrompt, 2)) × \(Format.fixed(max(0, Double(p.inputTokens) / 1000 - 1), 2)) + \(p.outputTokens) / \(p.tokensPerSecond) = \(seconds(c)); cost \(Format.whole(Double(s.requestsPerDay) * 30)) × (\(p.inputTokens) × \(Format.dollars(p.inputPrice)) + \(p.outputTokens) × \(Format.dollars(p.outputPrice))) / 10⁶\(p.hostingPerHour > 0 ? " + 720 × \(Format.dollars(p.hostingPerHour))" : "") = \(Format.dollars(Self.monthlyCost(c, s)))."
        } + ["Cheapest within \(Format.fixed(s.budgetSeconds, 1)) s: \(key.text.lowercased())."]
        let table = FamilyTable(caption: "Configurations that passed the quality evaluation",
            headers: ["configuration", "input tokens", "output tokens", "$ per M input", "$ per M output", "hosting per hour", "first token (s)", "s per extra 1k prompt", "tokens per s"],
            rows: Config.allCases.map { c in
                let p = s.profiles[c.rawValue]
                return [c.text, Format.whole(Double(p.inputTokens)), Format.whole(Double(p.outputTokens)), Format.dollars(p.inputPrice), Format.dollars(p.outputPrice),
                    p.hostingPerHour > 0 ? Format.dollars(p.hostingPerHour) : "-", Format.fixed(p.firstTokenSeconds, 2), Format.fixed(p.secondsPerThousandPrompt, 2), "\(p.tokensPerSecond)"]
            })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "Which configuration meets the latency requirement at the lowest monthly cost?",
            options: drafts,
            explanation: "Cost per request is input tokens × input price + output tokens × output price, and output tokens usually cost several times more; a few-shot prompt trades a cheaper model for more input tokens, a reasoning step adds billed output tokens, and a fine-tuned model may carry an hourly hosting fee that only high volume amortises. Latency is time to first token, which grows with the prompt, plus output tokens over the generation speed. Filter on latency first, then compare monthly cost. Working: "
                + working.joined(separator: " "),
            tags: ["llm-cost", "token-pricing", "inference-latency"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
