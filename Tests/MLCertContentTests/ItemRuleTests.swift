import Foundation
import MLCertContent
import MLCertCore
import Testing

@Suite("Item lint rules")
struct ItemRuleTests {
    static let file = "items/alpha-exam/run.yaml"

    static let broken: [BrokenFixture] = [
        BrokenFixture(name: "a retired product name without the current one", file: file,
            find: "serves a fraud model behind an online endpoint.", replace: "serves a fraud model behind an Alpha Old Studio endpoint.",
            rule: "names.retired", lineContaining: "scenario: >-", message: "'Alpha Old Studio' is now 'Alpha Studio'"),
        BrokenFixture(name: "a key that recommends a service closed to new customers", file: file,
            find: "      - text: Whether the distribution of input features at serving time has moved away from the training data.",
            replace: "      - text: Whether Alpha Drift Watch shows input features at serving time moving away from the training data.",
            rule: "items.unavailable-service", lineContaining: "Whether Alpha Drift Watch shows", message: "recommends Alpha Drift Watch, which alpha has closed to new customers"),
        BrokenFixture(name: "an item left on a guide that is no longer in force", file: file,
            find: "blueprint: \"2026\"\n    domain: run\n    objective: \"2.1\"", replace: "blueprint: \"2025\"\n    domain: build\n    objective: \"1.1\"",
            rule: "items.current-guide", lineContaining: "blueprint: \"2025\"", message: "targets guide '2025' of alpha-exam, which is no longer in force"),
        BrokenFixture(name: "duplicate item id", file: file, find: "id: alpha-2-002", replace: "id: alpha-2-001",
            rule: "items.unique-ids", lineContaining: "- id: alpha-2-001", message: "already used at", occurrence: 2),
        BrokenFixture(name: "unknown objective", file: file, find: "objective: \"2.2\"", replace: "objective: \"2.9\"",
            rule: "items.references", lineContaining: "objective: \"2.9\"", message: "no objective '2.9'"),
        BrokenFixture(name: "unknown domain", file: file, find: "    domain: run\n    objective: \"2.2\"", replace: "    domain: runn\n    objective: \"2.2\"",
            rule: "items.references", lineContaining: "domain: runn", message: "did you mean 'run'"),
        BrokenFixture(name: "unknown blueprint version", file: file, find: "blueprint: \"2026\"\n    domain: run\n    objective: \"2.2\"",
            replace: "blueprint: \"2027\"\n    domain: run\n    objective: \"2.2\"", rule: "items.references", lineContaining: "blueprint: \"2027\"", message: "no blueprint '2027'"),
        BrokenFixture(name: "too few options", file: file,
            find: "      - text: Whether the labelling team can deliver fraud labels within days instead of two weeks.\n        rationale: Faster labels help later evaluation but are not the first check for a shift already visible.\n",
            replace: "", rule: "items.option-count", lineContaining: "    options:", message: "has 3 options", occurrence: 1),
        BrokenFixture(name: "two keys on a single item", file: file,
            find: "      - text: Whether a larger model trained on the same data would raise the precision of the fraud flags.\n",
            replace: "      - text: Whether a larger model trained on the same data would raise the precision of the fraud flags.\n        correct: true\n",
            rule: "items.key-count", lineContaining: "    options:", message: "exactly one option with correct: true (found 2)", occurrence: 1),
        BrokenFixture(name: "choose-N stem does not state N", file: file, find: "(Choose two.)", replace: "",
            rule: "items.key-count", lineContaining: "Which two changes", message: "must say '(Choose two.)'"),
        BrokenFixture(name: "choose-N with the wrong number of keys", file: file,
            find: "      - text: Retrain every day instead of every week so that a bad model is replaced sooner by the next one.\n",
            replace: "      - text: Retrain every day instead of every week so that a bad model is replaced sooner by the next one.\n        correct: true\n",
            rule: "items.key-count", lineContaining: "    options:", message: "choose: 2 but 3 option(s)", occurrence: 2),
        BrokenFixture(name: "duplicate options", file: file,
            find: "      - text: Whether the endpoint has enough replicas to absorb the traffic of the coming holiday season.",
            replace: "      - text: Whether a larger model trained on the same data would raise the precision of the fraud flags!",
            rule: "items.duplicate-options", lineContaining: "fraud flags!", message: "option C repeats option B"),
        BrokenFixture(name: "none of the above", file: file,
            find: "      - text: Whether the endpoint has enough replicas to absorb the traffic of the coming holiday season.",
            replace: "      - text: None of the above.", rule: "items.no-all-none-of-the-above", lineContaining: "None of the above.", message: "catch-all option"),
        BrokenFixture(name: "missing rationale", file: file,
            find: "        rationale: Capacity affects latency and errors, not which transactions are flagged.",
            replace: "        rationale: \"\"", rule: "items.rationales", lineContaining: "rationale: \"\"", message: "option C needs a rationale"),
        BrokenFixture(name: "lower-case negative stem", file: file, find: "What should the team check first?",
            replace: "Which check should the team not do first?", rule: "items.negative-stem", lineContaining: "should the team not", message: "must be in capitals"),
        BrokenFixture(name: "no review record", file: file,
            find: "    review:\n      reviewer: fixture-reviewer\n      reviewed_on: 2026-11-22\n      item_version: 1\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n",
            replace: "", rule: "items.review", lineContaining: "- id: alpha-2-001", message: "no review record"),
        BrokenFixture(name: "review record contradicts the key", file: file, find: "reviewer_answer: [A]\n", replace: "reviewer_answer: [B]\n",
            rule: "items.review", lineContaining: "agreed: true", message: "agreed: true but the reviewer answered B", occurrence: 1),
        BrokenFixture(name: "reviewer disagreed", file: file, find: "reviewer_answer: [A]\n      agreed: true", replace: "reviewer_answer: [B]\n      agreed: false",
            rule: "items.review", lineContaining: "    review:", message: "the reviewer disagreed", occurrence: 1),
        BrokenFixture(name: "an option that drops a safeguard", file: file,
            find: "      - text: Whether the endpoint has enough replicas to absorb the traffic of the coming holiday season.",
            replace: "      - text: Whether the model can be promoted straight to production without any testing of the new inputs.",
            rule: "items.self-undermining-option", lineContaining: "without any testing", message: "option C drops a safeguard ('without any testing')"),
        BrokenFixture(name: "an option that declares a safeguard needless", file: file,
            find: "      - text: Whether the endpoint has enough replicas to absorb the traffic of the coming holiday season.",
            replace: "      - text: Whether strong offline metrics make a staged rollout unnecessary for this model.",
            rule: "items.self-undermining-option", lineContaining: "unnecessary for this model", message: "declares something needless ('unnecessary')"),
        BrokenFixture(name: "an option that turns off an alert", file: file,
            find: "      - text: Whether the endpoint has enough replicas to absorb the traffic of the coming holiday season.",
            replace: "      - text: Whether the team can turn off the alert until the holiday traffic has passed.",
            rule: "items.self-undermining-option", lineContaining: "turn off the alert", message: "turns off a safeguard"),
        BrokenFixture(name: "no options-only review", file: file,
            find: "    options_review:\n      reviewer: fixture-options-reader\n      reviewed_on: 2026-11-23\n      item_version: 1\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [B]\n      hit: false\n",
            replace: "", rule: "items.options-review", lineContaining: "- id: alpha-2-001", message: "no options-only review"),
        BrokenFixture(name: "options-only review of an earlier version", file: file,
            find: "    version: 1\n    credential: alpha-exam\n    blueprint: \"2026\"\n    domain: run\n    objective: \"2.1\"",
            replace: "    version: 2\n    credential: alpha-exam\n    blueprint: \"2026\"\n    domain: run\n    objective: \"2.1\"",
            rule: "items.options-review", lineContaining: "item_version: 1", message: "the options-only review is of version 1; version 2 needs its own", occurrence: 2),
        BrokenFixture(name: "options-only hit contradicts the pick", file: file, find: "reviewer_answer: [B]\n      hit: false", replace: "reviewer_answer: [A]\n      hit: false",
            rule: "items.options-review", lineContaining: "hit: false", message: "hit: false but the reader picked A"),
        BrokenFixture(name: "full-item review of an earlier version", file: file,
            find: "      item_version: 1\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n", replace: "      item_version: 0\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n",
            rule: "items.review", lineContaining: "item_version: 0", message: "the full-item review is of version 0; version 1 needs its own"),
        BrokenFixture(name: "full-item review that does not name the version it reviewed", file: file,
            find: "      item_version: 1\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n", replace: "      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n",
            rule: "items.review", lineContaining: "    review:", message: "does not say which version it reviewed", occurrence: 1),
        BrokenFixture(name: "wording changed without a version bump", file: file,
            find: "Whether a larger model trained on the same data would raise the precision of the fraud flags.",
            replace: "Whether a larger model trained on the same data would raise the recall of the fraud flags.",
            rule: "items.review", lineContaining: "item_digest", message: "the wording changed after this full-item review", occurrence: 1),
        BrokenFixture(name: "options-only review of a wording changed without a version bump", file: file,
            find: "Whether a larger model trained on the same data would raise the precision of the fraud flags.",
            replace: "Whether a larger model trained on the same data would raise the recall of the fraud flags.",
            rule: "items.options-review", lineContaining: "item_digest", message: "the wording changed after this options-only review", occurrence: 2),
        BrokenFixture(name: "near-duplicate stem", file: "items/alpha-exam/zcopy.yaml", find: "",
            replace: try! String(contentsOf: minimalFixture.appendingPathComponent(file), encoding: .utf8)
                .replacingOccurrences(of: "alpha-2-00", with: "alpha-2-10"),
            rule: "items.near-duplicate-stems", lineContaining: "scenario:", message: "the same as item alpha-2-001"),
    ]

    @Test(arguments: broken)
    func brokenItemIsRejectedAtTheRightPlace(_ fixture: BrokenFixture) throws {
        let root = try fixture.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        let problems = lintProblems(root)
        let problem = try #require(problems.first { $0.rule == fixture.rule && $0.message.contains(fixture.message) },
            "expected \(fixture.rule) '\(fixture.message)'; got:\n\(problems.map(\.description).joined(separator: "\n"))")
        #expect(problem.file.hasSuffix(fixture.file))
        #expect(problem.line == (try fixture.expectedLine(in: root)), "\(problem)")
    }

    /// Writes a bank of `count` single-answer items with chosen cues switched on, and returns the rules that fire.
    func cueRulesFiring(count: Int = 40, keyAlwaysA: Bool = false, keyLongest: Bool = false, keyEchoes: Bool = false,
        absoluteInDistractors: Bool = false, severity: ContentProblem.Severity = .error) throws -> Set<String> {
        let root = try BrokenFixture(name: "cue bank", file: "items/alpha-exam/run.yaml", find: "", replace: "items: []\n",
            rule: "", lineContaining: "", message: "").materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        var yaml = "items:\n"
        let topics = ["latency", "storage", "labels", "drift", "cost", "privacy", "schema", "replicas"]
        for n in 0..<count {
            let key = keyAlwaysA ? 0 : n % 4
            let stem = "Case \(n): the \(topics[n % 8]) budget for pipeline \(n) changed and reviewers asked about warehouse \(n * 7) capacity."
            var options: [String] = []
            for o in 0..<4 {
                var text = "Option \(o) for case \(n) moves work item \(o * 13 + n) to queue \(o)"
                if o == key {
                    if keyLongest { text += " after a careful staged review with rollback" }
                    if keyEchoes { text += " within the \(topics[n % 8]) budget for pipeline \(n) and warehouse \(n * 7) capacity" }
                } else {
                    if absoluteInDistractors { text += " and always blocks every release" }
                    if keyEchoes && !keyLongest { text += " with unrelated zebra quartz fjord words added" }
                }
                options.append(text)
            }
            yaml += """
                  - id: cue-\(n)
                    version: 1
                    credential: alpha-exam
                    blueprint: "2026"
                    domain: run
                    objective: "2.1"
                    skill_area: monitoring
                    type: single
                    choose: 1
                    difficulty: medium
                    scenario: "\(stem)"
                    question: What should the team do?
                    options:

                """
            for (o, text) in options.enumerated() {
                yaml += "      - text: \"\(text)\"\n" + (o == key ? "        correct: true\n" : "") + "        rationale: Rationale for option \(o) of case \(n).\n"
            }
            yaml += """
                    explanation: Explanation for case \(n), long enough.
                    tags: [cue]
                    last_checked: 2026-11-22
                    review: {reviewer: r, reviewed_on: 2026-11-22, reviewer_answer: [\(ItemOption.letter(for: key))], agreed: true}
                    options_review: {reviewer: o, reviewed_on: 2026-11-22, reviewer_answer: [A], hit: \(key == 0)}

                """
        }
        try yaml.write(to: root.appendingPathComponent("items/alpha-exam/run.yaml"), atomically: true, encoding: .utf8)
        let problems = lintProblems(root)
        let decode = problems.filter { $0.rule.hasPrefix("schema") || $0.rule.hasPrefix("yaml") }
        #expect(decode.isEmpty, "\(decode)")
        return Set(problems.filter { $0.severity == severity }.map(\.rule).filter { $0.hasPrefix("cue.") })
    }

    @Test func aBalancedBankTripsNoCueRule() throws {
        #expect(try cueRulesFiring().isEmpty)
    }

    @Test func keysAlwaysAtATripTheKeyPositionRule() throws {
        #expect(try cueRulesFiring(keyAlwaysA: true) == ["cue.key-position"])
    }

    @Test func keysAlwaysLongestTripTheLongestKeyRule() throws {
        #expect(try cueRulesFiring(keyLongest: true).contains("cue.longest-key"))
        #expect(!(try cueRulesFiring(keyLongest: true)).contains("cue.key-position"))
    }

    @Test func keysEchoingTheStemTripTheStemEchoRule() throws {
        #expect(try cueRulesFiring(keyEchoes: true).contains("cue.stem-echo"))
    }

    @Test func keysThatAreNeverTheLongestRaiseAWarningNotAnError() throws {
        // Padding every distractor makes the key the shortest option: a guesser gains by eliminating long options.
        #expect(try cueRulesFiring(absoluteInDistractors: true, severity: .warning).contains("cue.longest-key"))
        #expect(try cueRulesFiring(keyLongest: true, severity: .warning).isDisjoint(with: ["cue.longest-key"]))
    }

    @Test func absoluteWordsOnlyInDistractorsTripTheirRule() throws {
        let fired = try cueRulesFiring(absoluteInDistractors: true)
        #expect(fired.contains("cue.absolute-words"), "\(fired)")
    }

    @Test("the current name beside the old one, an acknowledged closed service and a retired item on an old guide all pass")
    func namesAndGuidesThatAreFine() throws {
        let fixture = BrokenFixture(name: "acceptable", file: Self.file,
            find: "      A payments team serves a fraud model behind an online endpoint.",
            replace: "      A payments team serves a fraud model behind an Alpha Studio (formerly Alpha Old Studio) endpoint and has used Alpha Drift Watch since 2025.",
            rule: "", lineContaining: "", message: "")
        let root = try fixture.materialize()
        let file = root.appendingPathComponent(Self.file)
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "      - text: Whether the distribution of input features at serving time has moved away from the training data.",
            with: "      - text: Whether Alpha Drift Watch shows input features at serving time moving away from the training data.")
        // The second item stays on the old guide but is retired.
        text = text.replacingOccurrences(of: "blueprint: \"2026\"\n    domain: run\n    objective: \"2.2\"", with: "blueprint: \"2025\"\n    domain: build\n    objective: \"1.1\"")
        text += "    retired: {on: 2026-12-07, reason: \"Tests a skill the new guide removed.\"}\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        let problems = lintProblems(root).filter { ["names.retired", "items.unavailable-service", "items.current-guide"].contains($0.rule) }
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }
}

@Suite("Probability tails used by the cue rules")
struct ProbabilityTests {
    @Test func binomialTailMatchesExactValues() {
        // P(X >= 3), X ~ Bin(4, 0.5) = 5/16.
        #expect(abs(Probability.binomialUpperTail(atLeast: 3, n: 4, p: 0.5) - 5.0 / 16) < 1e-12)
        #expect(Probability.binomialUpperTail(atLeast: 0, n: 10, p: 0.3) == 1)
        #expect(Probability.binomialUpperTail(atLeast: 11, n: 10, p: 0.3) == 0)
    }

    @Test func chiSquareAndNormalTailsMatchTables() {
        #expect(abs(Probability.chiSquareSurvival(7.815, df: 3) - 0.05) < 1e-3)
        #expect(abs(Probability.chiSquareSurvival(11.345, df: 3) - 0.01) < 1e-3)
        #expect(abs(Probability.chiSquareSurvival(2, df: 2) - exp(-1.0)) < 1e-9)
        #expect(abs(Probability.normalSurvival(1.959964) - 0.025) < 1e-6)
    }
}
