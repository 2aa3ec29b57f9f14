import Foundation
import MLCertContent
import Psychometrics
import Testing

@Suite("mlcert calibrate, simulate and srs, end to end")
struct PsychometricsCLITests {
    func temp(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func json(_ output: CLI.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    @Test func calibrateRecoversDifficultiesFromACSV() throws {
        var rng = SeededGenerator(seed: 5)
        let items = IRTSimulation.items(count: 15, model: .twoPL, using: &rng)
        let thetas = IRTSimulation.abilities(count: 1500, using: &rng)
        var csv = "person,item,correct\n"
        for (p, theta) in thetas.enumerated() {
            for (i, item) in items.enumerated() where (p + i) % 3 != 0 {  // sparse: each person skips a third
                csv += "p\(p),q\(i),\(IRTSimulation.answer(item, theta: theta, using: &rng) ? 1 : 0)\n"
            }
        }
        let file = try temp("responses.csv", csv)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["calibrate", "--responses", file.path, "--model", "2pl", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try json(result) as? [String: Any])
        #expect(report["converged"] as? Bool == true)
        let rows = try #require(report["items"] as? [[String: Any]])
        #expect(rows.count == 15)
        var squared = 0.0
        for row in rows {
            let index = Int((row["item"] as! String).dropFirst())!
            squared += pow((row["b"] as! Double) - items[index].b, 2)
            #expect((row["b_se"] as! Double) > 0)
        }
        #expect((squared / 15).squareRoot() < 0.2)
    }

    @Test func malformedResponseRowsNameTheirLine() throws {
        let bad = try temp("bad.csv", "person,item,correct\np1,q1,1\np1,q2,maybe\np2,q1\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        let result = try CLI.run(["calibrate", "--responses", bad.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.csv:4"), "\(result.stderr)")
        let noHeader = try temp("noheader.csv", "p1,q1,1\n")
        defer { try? FileManager.default.removeItem(at: noHeader) }
        let header = try CLI.run(["calibrate", "--responses", noHeader.path])
        #expect(header.stderr.contains("the header must name person,item,correct"))
        let values = try temp("values.csv", "person,item,correct\np1,q1,maybe\n")
        defer { try? FileManager.default.removeItem(at: values) }
        #expect(try CLI.run(["calibrate", "--responses", values.path]).stderr.contains("values.csv:2"))
    }

    /// The same responses grouped by person (the reader's fast path) and quoted with CRLF line ends give the same report
    /// byte for byte; shuffled (the regrouping path) they give the same parameters (people are met in another order, so
    /// sums run in another order), and a repeated pair there is refused.
    @Test func calibrateGivesOneReportWhateverTheRowOrderAndQuoting() throws {
        var rng = SeededGenerator(seed: 9)
        let items = IRTSimulation.items(count: 8, model: .twoPL, using: &rng)
        var rows: [(String, String, Int)] = []
        for (p, theta) in IRTSimulation.abilities(count: 400, using: &rng).enumerated() {
            for (i, item) in items.enumerated() where (p + i) % 4 != 0 {
                rows.append(("p\(p)", "q\(i)", IRTSimulation.answer(item, theta: theta, using: &rng) ? 1 : 0))
            }
        }
        var shuffled = rows
        for k in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
        func csv(_ rows: [(String, String, Int)]) -> String { "person,item,correct\n" + rows.map { "\($0.0),\($0.1),\($0.2)\n" }.joined() }
        func report(_ name: String, _ text: String, _ arguments: [String] = ["--format", "json"]) throws -> CLI.Output {
            let file = try temp(name, text)
            defer { try? FileManager.default.removeItem(at: file) }
            return try CLI.run(["calibrate", "--responses", file.path] + arguments)
        }
        let sortedRun = try report("sorted.csv", csv(rows))
        #expect(sortedRun.status == 0, "\(sortedRun.stderr)")
        let quoted = try report("quoted.csv", "\"person\",\"item\",\"correct\"\r\n" + rows.map { "\"\($0.0)\",\"\($0.1)\",\($0.2)\r\n" }.joined())
        #expect(quoted.stdout == sortedRun.stdout)
        // A repeated pair on the regrouping path is refused, not read twice.
        let refused = try report("repeat.csv", csv(shuffled + [shuffled[0]]), [])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already answered '\(shuffled[0].1)'"), "\(refused.stderr)")
        let result = try report("shuffled.csv", csv(shuffled))
        #expect(result.status == 0, "\(result.stderr)")
        // People and items are numbered in order of appearance, so compare the items' parameters by id.
        func parameters(_ text: String) throws -> [String: [Double]] {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let rows = try #require(report["items"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["item"] as! String, [$0["a"] as! Double, $0["b"] as! Double]) })
        }
        let sorted = try parameters(sortedRun.stdout)
        let mixed = try parameters(result.stdout)
        #expect(sorted.keys.sorted() == mixed.keys.sorted())
        for (id, ab) in sorted {
            #expect(abs(ab[0] - mixed[id]![0]) < 1e-6 && abs(ab[1] - mixed[id]![1]) < 1e-6, "\(id): \(ab) vs \(mixed[id]!)")
        }
    }

    /// Reading progress stays out of captured output unless asked for (`--progress`), and reaches 100% when asked.
    @Test func readingProgressIsShownOnlyWhenAskedOrSlow() throws {
        var csv = "person,item,correct\n"
        for p in 0..<200 { for i in 0..<5 { csv += "p\(p),q\(i),\((p * 7 + i * 3) % 5 < 3 ? 1 : 0)\n" } }
        let file = try temp("progress.csv", csv)
        defer { try? FileManager.default.removeItem(at: file) }
        let quiet = try CLI.run(["calibrate", "--responses", file.path, "--format", "json"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("reading "), "\(quiet.stderr)")
        let shown = try CLI.run(["calibrate", "--responses", file.path, "--format", "json", "--progress"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stderr.contains("reading \(file.path): 100%"), "\(shown.stderr)")
        #expect(shown.stdout == quiet.stdout)
    }

    @Test func srsReplayMatchesTheSchedulerAndRespectsTheExamDate() throws {
        let log = """
            card,review_time,rating
            drift,2026-11-01T09:00:00Z,3
            skew,2026-11-01T09:05:00Z,1
            drift,2026-11-03T09:00:00Z,3
            skew,2026-11-01T09:20:00Z,3
            drift,2026-11-10T18:30:00Z,4
            """
        let file = try temp("log.csv", log)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["srs", "replay", "--log", file.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let cards = try #require(try json(result) as? [[String: Any]])
        #expect(cards.map { $0["card"] as? String } == ["drift", "skew"])
        let parsed = try ReviewLogFile(csv: log, file: "log.csv")
        let history = parsed.cards[0].reviews.map { (rating: $0.rating, time: $0.time) }
        let expected = FSRSScheduler(enableFuzzing: false).replay(history, newCardDue: history[0].time)
        // JSON text round-trips a Double to within an ulp or two.
        #expect(abs((cards[0]["stability"] as! Double) - expected.stability!) < 1e-9 * expected.stability!)
        #expect(abs((cards[0]["difficulty"] as! Double) - expected.difficulty!) < 1e-9 * expected.difficulty!)
        #expect(cards[0]["reviews"] as? Int == 3)

        let clamped = try CLI.run(["srs", "replay", "--log", file.path, "--exam-date", "2026-11-15", "--format", "json"])
        let clampedCards = try #require(try json(clamped) as? [[String: Any]])
        for card in clampedCards { #expect((card["due"] as! String) <= "2026-11-15T00:00:00Z", "\(card)") }
        #expect((cards[0]["due"] as! String) > "2026-11-15T00:00:00Z", "the unclamped due date should fall after the exam")
    }

    @Test func badReviewLogsNameTheLine() throws {
        let file = try temp("log.csv", "card,review_time,rating\na,2026-11-01T09:00:00Z,5\nb,yesterday,3\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["srs", "replay", "--log", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("log.csv:2") && result.stderr.contains("expected 1 (again)"))
        #expect(result.stderr.contains("log.csv:3") && result.stderr.contains("ISO-8601"))
    }

    @Test func simulationsReportTheirStudies() throws {
        let cat = try CLI.run(["simulate", "cat", "--examinees", "150", "--bank-size", "400", "--format", "json", "--content", repositoryContent.path])
        #expect(cat.status == 0, "\(cat.stderr)")
        let catReport = try #require(try json(cat) as? [String: Any])
        // Seed 7 (the default) gave a mean length of 39.5 (the band is ±3 questions), a mean final SE of 0.300 against
        // the 0.3 target with 138 of 150 stopping on it, and a maximum exposure of 0.333. Exposure: K are set from 200
        // simulated tests and checked on 150, so a rate at the 0.25 target has SE sqrt(0.25·0.75/150 + 0.25·0.75/200)
        // = 0.047, and ε = 3 SE = 0.14. With --max-exposure 0 (no Sympson–Hetter) the maximum is 0.573 and the mean
        // length 33.7, which fail.
        let length = try #require(catReport["mean_length"] as? Double)
        #expect(abs(length - 39.5) <= 3, "mean length \(length)")
        #expect(try #require(catReport["mean_standard_error"] as? Double) <= 0.31)
        let stops = try #require(catReport["stop_reasons"] as? [String: Int])
        #expect((stops["precisionReached"] ?? 0) >= 120, "\(stops)")
        let exposure = try #require(catReport["max_exposure"] as? Double)
        #expect(exposure <= 0.25 + 3 * (0.25 * 0.75 / 150 + 0.25 * 0.75 / 200).squareRoot(), "max exposure \(exposure)")
        #expect((catReport["ability_rmse"] as? Double ?? 9) < 0.4)
    }

    /// The misspecified readiness study through the command, at a small scale: its three scorings, the reliability
    /// diagram, and an exit status that says whether the targets were met (2 when not; the full-scale figures are in
    /// README.md). Fails if a scoring goes missing, the SVG is not written, or the exit status disagrees with the figures.
    @Test func readinessStudyReportsEveryScoringAndItsVerdict() throws {
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-reliability.svg")
        defer { try? FileManager.default.removeItem(at: svg) }
        let run = try CLI.run(["simulate", "readiness", "--learners", "150", "--calibration-learners", "150", "--format", "json", "--svg", svg.path,
            "--content", repositoryContent.path])
        #expect(run.status == 0 || run.status == 2, "\(run.stderr)")
        let report = try #require(try json(run) as? [String: Any])
        let conditions = try #require(report["conditions"] as? [[String: Any]])
        #expect(conditions.compactMap { $0["name"] as? String } == ["author_estimates", "calibrated", "calibrated_every_answer"])
        func figure(_ name: String, _ key: String) -> Double? { conditions.first { $0["name"] as? String == name }?[key] as? Double }
        let calibratedECE = try #require(figure("calibrated", "expected_calibration_error"))
        let met = calibratedECE <= 0.04
            && ["author_estimates", "calibrated"].allSatisfy { (figure($0, "confident_wrong_rate") ?? 0) <= 0.05 }
        #expect(run.status == (met ? 0 : 2), "targets \(met ? "met" : "not met") but exit status \(run.status)")
        #expect(try #require(figure("calibrated", "brier_score")) < (figure("calibrated", "base_rate_brier_score") ?? 0))
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("<svg"))
    }
}
