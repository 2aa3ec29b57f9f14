import Foundation
import MLCertContent
import MLCertCore
import Testing

@Suite("Review sheets and review records")
struct ReviewTests {
    /// The minimal fixture with its review records removed, as items arrive from a writer.
    func unreviewedFixture() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-review-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: minimalFixture, to: root)
        let url = root.appendingPathComponent("items/alpha-exam/run.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        for block in ["    review:\n      reviewer: fixture-reviewer\n      reviewed_on: 2026-11-22\n      item_version: 1\n      item_digest: \"018ebe90a709dc23\"\n      reviewer_answer: [A]\n      agreed: true\n",
            "    review:\n      reviewer: fixture-reviewer\n      reviewed_on: 2026-11-22\n      item_version: 1\n      item_digest: \"c3b3b3db4538c9f2\"\n      reviewer_answer: [A, C]\n      agreed: true\n"] {
            text = text.replacingOccurrences(of: block, with: "")
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return root
    }

    @Test func sheetHidesKeysRationalesAndExplanations() throws {
        let (content, _) = ContentLoader(root: minimalFixture).load()
        let sheet = ReviewSheet(items: content.items).renderMarkdown()
        #expect(sheet.contains("## alpha-2-001"))
        #expect(sheet.contains("A. Whether the distribution of input features"))
        for item in content.items {
            for option in item.options { #expect(!sheet.contains(option.rationale)) }
            #expect(!sheet.contains(item.explanation.prefix(40)))
        }
        #expect(!sheet.contains("correct"))
    }

    @Test func answersParseAndBadLinesNameTheirLine() throws {
        let answers = try ReviewAnswer.parse("# comment\nalpha-2-001: a | high | -\nalpha-2-002: C,A | medium | two are defensible\n", file: "a.txt")
        #expect(answers == [
            ReviewAnswer(itemID: "alpha-2-001", letters: ["A"], confidence: "high", note: nil),
            ReviewAnswer(itemID: "alpha-2-002", letters: ["A", "C"], confidence: "medium", note: "two are defensible"),
        ])
        #expect(throws: ContentErrors.self) { try ReviewAnswer.parse("alpha-2-001 B\n", file: "a.txt") }
        // `#expect(throws:)` returns the error, so this fails if the input stops throwing (a do/catch would pass).
        let error = #expect(throws: ContentErrors.self) { try ReviewAnswer.parse("ok-1: A\nalpha-2-001: 7\n", file: "a.txt") }
        #expect(error?.problems.first?.line == 2)
    }

    @Test func recordingWritesReviewsThatLintAcceptsAndKeepsEarlierRounds() throws {
        let root = try unreviewedFixture()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(lintProblems(root).filter { $0.rule == "items.review" }.count == 2)

        // First round: the reviewer agrees on one item and disagrees on the other.
        let first = try ReviewRecorder(root: root).record(
            [ReviewAnswer(itemID: "alpha-2-001", letters: ["A"], confidence: "high", note: nil),
             ReviewAnswer(itemID: "alpha-2-002", letters: ["A", "D"], confidence: "low", note: "D: \"bigger window\" also helps")],
            reviewer: "reviewer-one", on: Day("2026-11-22")!)
        #expect(first.map(\.agreed) == [true, false])
        let afterFirst = lintProblems(root).filter { $0.rule == "items.review" }
        #expect(afterFirst.count == 1)
        #expect(afterFirst[0].message.contains("the reviewer disagreed"))

        // Second round after a fix: agreement, with the first round kept under `previous`.
        _ = try ReviewRecorder(root: root).record([ReviewAnswer(itemID: "alpha-2-002", letters: ["A", "C"], confidence: "high", note: nil)],
            reviewer: "reviewer-two", on: Day("2026-11-23")!)
        let problems = lintProblems(root)
        #expect(problems.isEmpty, "\(problems)")
        let (content, _) = ContentLoader(root: root).load()
        let review = try #require(content.items.first { $0.id == "alpha-2-002" }?.review)
        #expect(review.reviewer == "reviewer-two" && review.agreed)
        #expect(review.firstRound.reviewer == "reviewer-one")
        #expect(review.firstRound.agreed == false)
        #expect(review.firstRound.note == "D: \"bigger window\" also helps")
        let stats = BankStatistics(catalog: content.catalog, items: content.items)
        #expect(stats.review.firstPassAgreed == 1)
        #expect(stats.review.currentlyAgreed == 2)
        #expect(stats.review.firstPassAgreementRate == 0.5)
    }

    @Test func unknownItemIDsAreRejectedWithoutWritingAnything() throws {
        let root = try unreviewedFixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try String(contentsOf: root.appendingPathComponent("items/alpha-exam/run.yaml"), encoding: .utf8)
        #expect(throws: ContentErrors.self) {
            try ReviewRecorder(root: root).record([ReviewAnswer(itemID: "nope-1", letters: ["A"], confidence: nil, note: nil),
                ReviewAnswer(itemID: "alpha-2-001", letters: ["A"], confidence: nil, note: nil)], reviewer: "r", on: Day("2026-11-22")!)
        }
        #expect(try String(contentsOf: root.appendingPathComponent("items/alpha-exam/run.yaml"), encoding: .utf8) == before)
    }

    @Test func statsCoverTheBlueprintAndReportGaps() throws {
        let (content, _) = ContentLoader(root: minimalFixture).load()
        let stats = BankStatistics(catalog: content.catalog, items: content.items)
        let alpha = try #require(stats.credentials.first)
        #expect(alpha.items == 2)
        #expect(alpha.byType == ["single": 1, "choose_2": 1])
        // Domain `build` (55%) has no items: a proportion gap and an objective gap.
        #expect(alpha.coverageGaps.contains { $0.domain == "build" && $0.objective == nil })
        #expect(alpha.coverageGaps.contains { $0.domain == "build" && $0.objective == "1.1" })
        #expect(!alpha.coverageGaps.contains { $0.domain == "run" })
        let json = try JSONOutput.encode(stats)
        for key in ["\"credentials\"", "\"by_type\"", "\"by_difficulty\"", "\"coverage_gaps\"", "\"cues\"", "\"longest_key\"",
            "\"key_positions\"", "\"first_pass_agreement_rate\"", "\"proportional_minimum\""] {
            #expect(json.contains(key), "missing \(key)")
        }
    }

    @Test func optionsOnlySheetShowsNothingButTheOptions() throws {
        let (content, _) = ContentLoader(root: minimalFixture).load()
        let sheet = ReviewSheet(items: content.items).render(.optionsOnly)
        #expect(sheet.contains("## alpha-2-001 (pick 1)"))
        #expect(sheet.contains("## alpha-2-002 (pick 2)"))
        for item in content.items {
            for option in item.options {
                #expect(sheet.contains(option.text))
                #expect(!sheet.contains(option.rationale))
            }
            #expect(!sheet.contains(item.scenario.prefix(40)))
            #expect(!sheet.contains(item.question))
            #expect(!sheet.contains(item.explanation.prefix(40)))
        }
        #expect(!sheet.contains("correct"))
    }

    @Test func optionsOnlyRoundIsRecordedBesideTheFullItemRoundAndCountedAgainstChance() throws {
        let root = try unreviewedFixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcomes = try ReviewRecorder(root: root).record(
            [ReviewAnswer(itemID: "alpha-2-001", letters: ["A"], confidence: "medium", note: "the only monitoring option"),
             ReviewAnswer(itemID: "alpha-2-002", letters: ["B", "D"], confidence: "low", note: nil)],
            reviewer: "options-reader-two", on: Day("2026-12-07")!, round: .optionsOnly)
        #expect(outcomes.map(\.agreed) == [true, false])
        let (content, _) = ContentLoader(root: root).load()
        let first = try #require(content.items.first { $0.id == "alpha-2-001" })
        let review = try #require(first.optionsReview)
        #expect(review.hit && review.reviewer == "options-reader-two" && review.itemVersion == 1)
        #expect(review.confidence == "medium" && review.note == "the only monitoring option")
        // The fixture's earlier round is kept, and the full-item record (removed by `unreviewedFixture`) is untouched.
        #expect(review.previous?.map(\.reviewer) == ["fixture-options-reader"])
        #expect(review.previous?.first?.hit == false)
        #expect(first.review == nil)
        let problems = lintProblems(root).filter { $0.rule == "items.options-review" }
        #expect(problems.isEmpty, "\(problems)")

        let alpha = try #require(BankStatistics(catalog: content.catalog, items: content.items).credentials.first)
        #expect(alpha.optionsOnly.reviewed == 2 && alpha.optionsOnly.hits == 1)
        #expect(alpha.optionsOnly.hitRate == 0.5)
        // Chance: 1 in 4 for the single item, 1 in C(5,2) = 10 for the choose-two item.
        #expect(abs((alpha.optionsOnly.chanceRate ?? 0) - (0.25 + 0.1) / 2) < 1e-12)
        #expect(alpha.reviewsByDomain.first { $0.group == "run" }?.optionsOnly.hits == 1)
        #expect(alpha.reviewsByDomain.first { $0.group == "build" }?.optionsOnly.reviewed == 0)
    }

    @Test func statsCountActiveItemsAndSplitReviewsByTheMonthItemsWereAdded() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-review-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: minimalFixture, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("items/alpha-exam/run.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        // The first item was added in November; the second in December, then retired.
        text = text.replacingOccurrences(of: "    tags: [drift, monitoring]\n", with: "    tags: [drift, monitoring]\n    added_on: 2026-11-22\n")
        text = text.replacingOccurrences(of: "    tags: [retraining, model-validation]\n",
            with: "    tags: [retraining, model-validation]\n    added_on: 2026-12-07\n    retired: {on: 2026-12-08, reason: left the guide}\n")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let (content, problems) = ContentLoader(root: root).load()
        #expect(problems.isEmpty, "\(problems)")
        let alpha = try #require(BankStatistics(catalog: content.catalog, items: content.items).credentials.first)
        #expect(alpha.items == 2 && alpha.activeItems == 1 && alpha.retiredItems == 1)
        #expect(alpha.review.items == 1)
        #expect(alpha.reviewsByAdded.map(\.group) == ["2026-11"])
        // Without the retirement both months appear, oldest first.
        try text.replacingOccurrences(of: "    retired: {on: 2026-12-08, reason: left the guide}\n", with: "").write(to: url, atomically: true, encoding: .utf8)
        let (again, _) = ContentLoader(root: root).load()
        let both = try #require(BankStatistics(catalog: again.catalog, items: again.items).credentials.first)
        #expect(both.reviewsByAdded.map(\.group) == ["2026-11", "2026-12"])
        #expect(both.reviewsByAdded.map(\.optionsOnly.hits) == [0, 1])
    }
}
