import Foundation
import MLCertCore

/// Retrieval evaluation of a RAG system from a judged sample: for each query, how many chunks the judges marked relevant
/// and at which ranks of the retriever's top 10 they appear. The team's launch bar is on recall@5 (the mean over
/// queries of the share of a query's relevant chunks found in the top 5) or on MRR@10 (the mean over queries of 1 /
/// rank of the first relevant chunk, 0 when none is in the top 10).
///
/// The mistakes, each computed. For recall@5: the hit rate (any relevant chunk in the top 5), recall@10, the pooled
/// (micro-averaged) recall, and precision@5. For MRR: leaving out the queries with no relevant chunk, 1 / the mean
/// first rank, the mean reciprocal rank of every relevant chunk, and the share of queries answered at rank 1.
public struct RetrievalEvaluationFamily: ItemFamily {
    public init() {}

    public let info = FamilyInfo(
        id: "rag-retrieval", title: "Recall@k and MRR of a RAG retriever from a judged sample", version: 1,
        targets: [
            FamilyTarget(credential: "azure-ai-300", blueprint: "2026-04", domain: "genai-optimization", objective: "5.1"),
            FamilyTarget(credential: "azure-ai-103", blueprint: "2026-04", domain: "generative-agentic", objective: "2.1"),
            FamilyTarget(credential: "aws-mla-c01", blueprint: "2026-09", domain: "model-development", objective: "2.3"),
        ],
        skillArea: .modelDevelopment,
        difficultyDrivers: [
            "queries with no relevant chunk in the top 10 (they count as zero)",
            "queries with several relevant chunks (recall differs from the hit rate)",
            "a metric within 0.03 of the bar",
        ],
        sources: [
            FamilySource(supports: "recall, precision and rank-based measures of ranked retrieval against relevance judgements",
                title: "Manning, Raghavan and Schütze, Introduction to Information Retrieval: Evaluation of ranked retrieval results",
                url: "https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-ranked-retrieval-results-1.html"),
            FamilySource(supports: "evaluating RAG retrieval against query relevance judgements (qrels) before evaluating generated answers",
                title: "Microsoft Foundry: Retrieval-augmented generation (RAG) evaluators",
                url: "https://learn.microsoft.com/en-us/azure/foundry/concepts/evaluation-evaluators/rag-evaluators"),
        ],
        lastChecked: Day("2026-12-07")!)

    public struct Query: Sendable, Hashable {
        public let relevant: Int
        /// Ranks (1 to 10) of the relevant chunks in the top 10, ascending.
        public let ranks: [Int]
    }

    public enum Metric: Int, Sendable, Hashable { case recallAt5, mrr }

    public enum Measure: Sendable, Hashable {
        case key, hitRate, recallAt10, pooledRecall, precisionAt5, mrrAnsweredOnly, inverseMeanRank, allRanks, shareAtRankOne
    }

    public struct Situation: Sendable, Hashable {
        public let corpus: String
        public let queries: [Query]
        public let metric: Metric
        public let bar: Double
        public let band: Int
    }

    static let corpora = ["an HR policy handbook", "a product support knowledge base", "a bank's internal procedures",
        "an insurer's claims manuals", "a software company's engineering wiki"]

    public static func measure(_ m: Measure, _ s: Situation) -> Double {
        let q = s.queries
        let n = Double(q.count)
        func mean(_ f: (Query) -> Double) -> Double { q.map(f).reduce(0, +) / n }
        switch m {
        case .key:
            return s.metric == .recallAt5 ? mean { Double($0.ranks.filter { $0 <= 5 }.count) / Double($0.relevant) } : mean { $0.ranks.first.map { 1 / Double($0) } ?? 0 }
        case .hitRate: return mean { $0.ranks.contains { $0 <= 5 } ? 1 : 0 }
        case .recallAt10: return mean { Double($0.ranks.count) / Double($0.relevant) }
        case .pooledRecall: return Double(q.reduce(0) { $0 + $1.ranks.filter { $0 <= 5 }.count }) / Double(q.reduce(0) { $0 + $1.relevant })
        case .precisionAt5: return mean { Double($0.ranks.filter { $0 <= 5 }.count) / 5 }
        case .mrrAnsweredOnly:
            let answered = q.filter { !$0.ranks.isEmpty }
            return answered.map { 1 / Double($0.ranks[0]) }.reduce(0, +) / Double(answered.count)
        case .inverseMeanRank:
            let firsts = q.compactMap(\.ranks.first)
            return Double(firsts.count) / Double(firsts.reduce(0, +))
        case .allRanks:
            let all = q.flatMap(\.ranks)
            return all.map { 1 / Double($0) }.reduce(0, +) / Double(all.count)
        case .shareAtRankOne: return mean { $0.ranks.first == 1 ? 1 : 0 }
        }
    }

    public func situation(seed: UInt64) -> Situation {
        var first = Draw(seed: seed)
        let metric: Metric = first.coin() ? .recallAt5 : .mrr
        let band = first.integer(0...1)
        let corpus = first.pick(Self.corpora)
        let bar = metric == .recallAt5 ? first.pick([0.7, 0.75, 0.8]) : first.pick([0.55, 0.6, 0.65, 0.7])
        for attempt in Attempts.seeds(for: seed, limit: 400) {
            var draw = Draw(seed: attempt)
            let skill = draw.uniform(0.3...0.97)
            let queries = (0..<draw.integer(8...12)).map { _ -> Query in
                let relevant = draw.pick([1, 1, 2, 2, 3, 4])
                var ranks: Set<Int> = []
                for _ in 0..<relevant where draw.uniform(0...1) < min(0.98, skill + 0.1) {
                    // Good retrievers put relevant chunks near the top.
                    let rank = min(10, 1 + Int(-log(max(1e-9, draw.uniform(0...1))) * (0.8 + (1 - skill) * 6)))
                    ranks.insert(rank)
                }
                return Query(relevant: relevant, ranks: ranks.sorted())
            }
            let s = Situation(corpus: corpus, queries: queries, metric: metric, bar: bar, band: band)
            guard queries.contains(where: { $0.ranks.isEmpty }) || draw.coin() else { continue }
            let value = Self.measure(.key, s)
            let inBand = band == 0 ? value < bar - 0.015 : value >= bar + 0.015
            guard inBand, value > 0.2, value < 0.98 else { continue }
            if Self.options(for: s) != nil { return s }
        }
        fatalError("rag-retrieval: no situation for seed \(seed) within the attempt limit")
    }

    static func options(for s: Situation) -> [(value: Double, mistake: Measure)]? {
        let mistakes: [Measure] = s.metric == .recallAt5
            ? [.hitRate, .recallAt10, .pooledRecall, .precisionAt5] : [.mrrAnsweredOnly, .inverseMeanRank, .allRanks, .shareAtRankOne]
        return OptionValues.pick(key: (measure(.key, s), .key), mistakes: mistakes.map { (measure($0, s), $0) }, relative: 0.08, absolute: 0.02)
    }

    /// The decision for a value as printed (two decimals), so that "0.75" always reads as meeting a 0.75 bar.
    static func decision(_ value: Double, bar: Double) -> String {
        (value * 100).rounded() / 100 >= bar
            ? "meeting the \(Format.fixed(bar, 2)) bar, so move on to evaluating the generated answers"
            : "below the \(Format.fixed(bar, 2)) bar, so tune retrieval before evaluating the answers"
    }

    public func instance(seed: UInt64, for credential: String?) -> FamilyInstance {
        let s = situation(seed: seed)
        let target = target(for: credential)
        var draw = Draw(seed: seed ^ 0x5241_4752_4554_5256)
        let options = Self.options(for: s)!
        let name = s.metric == .recallAt5 ? "Recall@5" : "MRR@10"
        let drafts = options.map { value, mistake -> OptionDraft in
            let shown = Format.fixed(value, 2)
            let rationale: String = switch mistake {
            case .key:
                s.metric == .recallAt5
                    ? "Each query's share of its relevant chunks in the top 5, averaged over the \(s.queries.count) queries: \(shown)."
                    : "1 / rank of each query's first relevant chunk (0 when none is in the top 10), averaged over all \(s.queries.count) queries: \(shown)."
            case .hitRate: "\(shown) is the hit rate: a query counts in full once any relevant chunk is in the top 5, even when others are missed."
            case .recallAt10: "\(shown) counts relevant chunks anywhere in the top 10; the bar is on the top 5 the prompt actually receives."
            case .pooledRecall: "\(shown) pools chunks across queries, so queries with many relevant chunks weigh more; the bar averages per query."
            case .precisionAt5: "\(shown) is precision@5, the share of the five retrieved chunks that are relevant, a different question from recall."
            case .mrrAnsweredOnly: "\(shown) leaves out the queries with no relevant chunk in the top 10; they count as zero in MRR."
            case .inverseMeanRank: "\(shown) is 1 / the mean first rank; MRR averages the reciprocals, which is not the same."
            case .allRanks: "\(shown) averages 1 / rank over every relevant chunk; MRR uses only each query's first relevant chunk."
            case .shareAtRankOne: "\(shown) is the share of queries with a relevant chunk at rank 1; MRR also credits later first hits."
            }
            return OptionDraft(text: "\(name) is \(shown), \(Self.decision(value, bar: s.bar)).", rationale: rationale, isKey: mistake == .key)
        }
        let value = Self.measure(.key, s)
        let misses = s.queries.filter(\.ranks.isEmpty).count
        let difficulty: Item.Difficulty = abs(value - s.bar) < 0.03 ? .hard : (misses > 0 || s.metric == .recallAt5 ? .medium : .easy)
        let rankText = { (q: Query) in q.ranks.isEmpty ? "none in the top 10" : "at rank\(q.ranks.count == 1 ? "" : "s") " + q.ranks.map(String.init).joined(separator: ", ") }
        let queryText = s.queries.enumerated().map { "Q\($0.offset + 1): \($0.element.relevant) relevant, \(rankText($0.element))" }.joined(separator: "; ")
        let definition = s.metric == .recallAt5
            ? "recall@5, the share of each query's relevant chunks that appear in the top 5, averaged over queries"
            : "MRR@10, the mean over queries of 1 / the rank of the first relevant chunk in the top 10 (0 if there is none)"
        let scenario = """
            A team is tuning the retriever of a RAG assistant over \(s.corpus). Judges labelled the relevant chunks for a \
            sample of \(s.queries.count) queries and recorded where they appear in the retriever's top 10: \(queryText). \
            The prompt receives the top 5 chunks. The launch bar for retrieval is \(definition), of at least \
            \(Format.fixed(s.bar, 2)).
            """
        let working = s.queries.enumerated().map { i, q -> String in
            s.metric == .recallAt5
                ? "Q\(i + 1): \(q.ranks.filter { $0 <= 5 }.count) / \(q.relevant) in the top 5 = \(Format.fixed(Double(q.ranks.filter { $0 <= 5 }.count) / Double(q.relevant), 3))"
                : "Q\(i + 1): \(q.ranks.first.map { "1 / \($0) = \(Format.fixed(1 / Double($0), 3))" } ?? "0")"
        } + ["Mean over \(s.queries.count) queries: \(name) = \(Format.fixed(value, 3)), \(Self.decision(value, bar: s.bar))."]
        let table = FamilyTable(caption: "Judged sample: relevant chunks and their ranks in the top 10", headers: ["query", "relevant chunks", "ranks in the top 10"],
            rows: s.queries.enumerated().map { ["Q\($0.offset + 1)", "\($0.element.relevant)", $0.element.ranks.isEmpty ? "none" : $0.element.ranks.map(String.init).joined(separator: ", ")] })
        let item = ItemBuilder.item(
            info: info, target: target, seed: seed, difficulty: difficulty, scenario: scenario,
            question: "What is the retriever's \(name), and what should the team do next?",
            options: drafts,
            explanation: "Evaluate retrieval on its own before judging generated answers: a generator cannot ground an answer in a chunk it never received. Recall@k averages, per query, the share of relevant chunks in the top k the prompt receives; MRR averages 1 / the rank of the first relevant chunk, counting a miss as zero. Hit rate, pooled recall, precision and averages over answered queries only are different numbers. Working: "
                + working.joined(separator: " "),
            tags: ["rag", "retrieval-evaluation", s.metric == .recallAt5 ? "recall-at-k" : "mean-reciprocal-rank"], draw: &draw)
        return FamilyInstance(familyID: info.id, seed: seed, item: item, working: working, table: table)
    }
}
