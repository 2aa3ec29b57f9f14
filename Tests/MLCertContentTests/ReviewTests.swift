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
        for block in ["    review:\n      reviewer: fixture-reviewer\n      reviewed_on: 2026-11-22\n      reviewer_answer: [A]\n      agreed: true\n",
            "    review:\n      reviewer: fixture-reviewer\n      reviewed_on: 2026-11-22\n      reviewer_answer: [A, C]\n      agreed: true\n"] {
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
}
