import Foundation
import MLCertContent
import MLCertFamilies
import MLCertCore
import Testing

/// A running `mlcert` child driven line by line, as a person at the keyboard would, reading its JSON Lines events.
final class InteractiveCLI {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    private(set) var events: [[String: Any]] = []

    init(_ arguments: [String]) throws {
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A watchdog: a child that hangs is killed, which ends every blocking read with end-of-file.
        let child = process
        DispatchQueue.global().asyncAfter(deadline: .now() + 240) {
            if child.isRunning { Foundation.kill(child.processIdentifier, SIGKILL) }
        }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next event with this name; fails when the output ends (the child exited or the watchdog killed it) first.
    func next(_ names: String...) throws -> [String: Any] {
        while let event = try popLine() {
            events.append(event)
            if names.contains(event["event"] as? String ?? "") { return event }
        }
        throw ChildError.noEvent(names.joined(separator: "|"), seen: events.compactMap { $0["event"] as? String })
    }

    private func popLine() throws -> [String: Any]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return try JSONSerialization.jsonObject(with: line) as? [String: Any]
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func closeInputAndWait() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    enum ChildError: Error, CustomStringConvertible {
        case noEvent(String, seen: [String])
        var description: String {
            switch self {
            case .noEvent(let name, let seen): "no '\(name)' event; saw \(seen.suffix(8))"
            }
        }
    }
}

/// The real bank, to answer questions the way a test wants (right or wrong) from what the CLI shows.
let practiceBank: [String: Item] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    // What `mlcert` serves: the written items and the computed families' instances (PracticePool, default count).
    let items = try! ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules).items
    return Dictionary(uniqueKeysWithValues: PracticePool.bank(written: items).map { ($0.id, $0) })
}()

/// The letters to type for a question event: the key, or a wrong answer of the same size.
func letters(for event: [String: Any], correct: Bool) throws -> String {
    let question = try #require(event["question"] as? [String: Any])
    let itemID = try #require(question["item_id"] as? String)
    let item = try #require(practiceBank[itemID])
    let options = try #require(question["options"] as? [[String: Any]])
    let shown = options.map { ($0["letter"] as! String, $0["text"] as! String) }
    let keyTexts = Set(item.options.filter(\.correct).map(\.text))
    let key = shown.filter { keyTexts.contains($0.1) }.map(\.0)
    #expect(key.count == item.choose)
    if correct { return key.joined(separator: ",") }
    let wrong = shown.first { !keyTexts.contains($0.1) }!.0
    // In option order, as a report lists the chosen letters.
    return (Array(key.dropFirst()) + [wrong]).sorted().joined(separator: ",")
}

func temporaryLearnerDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-cli-\(UUID().uuidString)/learner.sqlite").path
}

@Suite("Practice commands end to end", .serialized)
struct PracticeCLITests {
    @Test("a full mock exam through the CLI: answers, a flag, a changed answer, the review grid, submission and the report")
    func fullMockExam() throws {
        let database = temporaryLearnerDatabase()
        let child = try InteractiveCLI(["exam", "--cert", "aws-mla-c01", "--seed", "5", "--format", "json", "--database", database])
        var question = try child.next("question")
        #expect((question["question"] as? [String: Any])?["of"] as? Int == 65)
        #expect((question["seconds_left"] as? Int).map { (7790...7800).contains($0) } == true, "130 minutes on the clock")
        var firstQuestion = question
        for number in 1...65 {
            if number == 1 { firstQuestion = question }
            child.send(try letters(for: question, correct: number <= 40))
            let ack = try child.next("recorded")
            #expect(ack["number"] as? Int == number)
            if number < 65 { question = try child.next("question") }
        }
        // Back to question 1: flag it and change the right answer to a wrong one.
        child.send("g 1")
        _ = try child.next("question")
        child.send("f")
        _ = try child.next("flagged")
        child.send(try letters(for: firstQuestion, correct: false))
        _ = try child.next("recorded")
        child.send("r")
        let grid = try child.next("grid")
        #expect(grid["unanswered"] as? Int == 0)
        #expect(grid["flagged"] as? Int == 1)
        child.send("s")
        _ = try child.next("confirm")
        child.send("y")
        let report = try child.next("report")
        #expect(child.closeInputAndWait() == 0)
        #expect(report["correct"] as? Int == 39)
        #expect(report["answers_changed"] as? Int == 1)
        #expect(report["changed_right_to_wrong"] as? Int == 1)
        #expect(report["finish_reason"] as? String == "submitted")
        #expect(report["scaled_score"] as? Int == Int((100 + 39.0 / 65 * 900).rounded()))
        #expect(report["passed"] as? Bool == false)
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.count == 65)
        #expect(items.filter { $0["flagged"] as? Bool == true }.count == 1)

        let history = try CLI.run(["history", "--database", database, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let id = try #require(report["session_id"] as? String)
        #expect(history.stdout.contains(id))
        let again = try CLI.run(["history", String(id.prefix(8)), "--database", database, "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\"correct\":39"))
    }

    @Test("kill -9 mid-exam loses no acknowledged answer; the exam resumes where it was with the clock still running")
    func killAndResumeExam() throws {
        let database = temporaryLearnerDatabase()
        var sent: [Int: String] = [:]
        do {
            let child = try InteractiveCLI(["exam", "--cert", "google-pmle", "--seed", "7", "--format", "json", "--database", database])
            var question = try child.next("question")
            for number in 1...12 {
                let answer = try letters(for: question, correct: number % 3 != 0)
                child.send(answer)
                _ = try child.next("recorded")
                sent[number] = answer
                question = try child.next("question")
            }
            child.send("f")
            _ = try child.next("flagged")
            // An answer typed just before the kill may or may not be recorded; it was never acknowledged.
            child.send(try letters(for: question, correct: true))
            child.kill()
            #expect(child.process.terminationReason == .uncaughtSignal)
        }
        let resumed = try InteractiveCLI(["exam", "--cert", "google-pmle", "--format", "json", "--database", database])
        let notice = try resumed.next("resumed")
        #expect((notice["message"] as? String)?.contains("answered") == true)
        let question = try resumed.next("question")
        #expect(((question["question"] as? [String: Any])?["number"] as? Int).map { $0 >= 13 } == true, "resumes at the question it was on")
        #expect((question["seconds_left"] as? Int).map { $0 < 7200 && $0 > 7000 } == true)
        resumed.send("r")
        let grid = try resumed.next("grid")
        let cells = try #require(grid["cells"] as? [[String: Any]])
        for number in 1...12 { #expect(cells[number - 1]["answered"] as? Bool == true, "question \(number) lost") }
        #expect(cells[12]["flagged"] as? Bool == true)
        resumed.send("s")
        _ = try resumed.next("confirm")
        resumed.send("y")
        let report = try resumed.next("report")
        #expect(resumed.closeInputAndWait() == 0)
        let items = try #require(report["items"] as? [[String: Any]])
        for number in 1...12 {
            #expect((items[number - 1]["chosen"] as? [String])?.joined(separator: ",") == sent[number], "question \(number) changed")
        }
        #expect(report["correct"] as? Int ?? 0 >= 8)
    }

    @Test("kill -9 mid-drill: the drill resumes with every acknowledged answer and its feedback kept")
    func killAndResumeDrill() throws {
        let database = temporaryLearnerDatabase()
        let child = try InteractiveCLI(["practice", "--cert", "azure-ai-103", "--count", "6", "--seed", "3", "--format", "json", "--database", database])
        var question = try child.next("question")
        for _ in 1...3 {
            child.send(try letters(for: question, correct: false))
            let feedback = try child.next("feedback")
            #expect(feedback["correct"] as? Bool == false)
            #expect((feedback["options"] as? [[String: Any]])?.allSatisfy { !(($0["rationale"] as? String) ?? "").isEmpty } == true)
            question = try child.next("question")
        }
        child.kill()
        let resumed = try InteractiveCLI(["practice", "--cert", "azure-ai-103", "--format", "json", "--database", database])
        _ = try resumed.next("resumed")
        question = try resumed.next("question")
        #expect((question["answered"] as? Int) == 3)
        for number in 4...6 {
            resumed.send(try letters(for: question, correct: true))
            #expect(try resumed.next("feedback")["correct"] as? Bool == true)
            if number < 6 { question = try resumed.next("question") }
        }
        let report = try resumed.next("report")
        #expect(report["answered"] as? Int == 6)
        #expect(report["correct"] as? Int == 3)
        #expect(resumed.closeInputAndWait() == 0)
    }

    @Test("time-out: the engine submits at the deadline while the terminal waits for a key")
    func timeOut() throws {
        let database = temporaryLearnerDatabase()
        let child = try InteractiveCLI(["exam", "--cert", "google-pmle", "--minutes", "0.05", "--seed", "2", "--format", "json", "--database", database])
        let question = try child.next("question")
        child.send(try letters(for: question, correct: true))
        _ = try child.next("recorded")
        _ = try child.next("time_up")
        let report = try child.next("report")
        #expect(report["finish_reason"] as? String == "time_up")
        #expect(report["answered"] as? Int == 1)
        #expect(report["custom_time_limit"] as? Bool == true)
        child.process.waitUntilExit()
        #expect(child.process.terminationStatus == 0)
    }

    @Test("a diagnostic ends by its stopping rule with readiness and no feedback on the way; progress, review and plan follow in JSON")
    func diagnosticProgressReview() throws {
        let database = temporaryLearnerDatabase()
        let child = try InteractiveCLI(["diagnose", "--cert", "aws-mla-c01", "--seed", "4", "--format", "json", "--database", database])
        var event = try child.next("question")
        var asked = 0
        while event["event"] as? String == "question" {
            asked += 1
            child.send(try letters(for: event, correct: asked % 4 != 0))
            event = try child.next("question", "report")
        }
        #expect(child.closeInputAndWait() == 0)
        let report = event
        #expect(report["finish_reason"] as? String == "stopping_rule")
        #expect((15...40).contains(asked))
        #expect(report["answered"] as? Int == asked)
        let readiness = try #require(report["readiness"] as? [String: Any])
        #expect(["likely_pass", "likely_fail", "not_enough_evidence", "likelyPass", "likelyFail", "notEnoughEvidence"].contains(readiness["outcome"] as? String ?? ""))
        #expect(!child.events.contains { ($0["event"] as? String) == "feedback" }, "no feedback during a diagnostic")

        let progress = try CLI.run(["progress", "--cert", "aws-mla-c01", "--format", "json", "--database", database, "--exam-date", "2027-06-01"])
        #expect(progress.status == 0, "\(progress.stderr)")
        let p = try #require(try JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [String: Any])
        #expect(p["answers_given"] as? Int == report["answered"] as? Int)
        #expect(p["exam_date"] as? String == "2027-06-01")
        #expect((p["domain_results"] as? [String: Double])?.count == 4)

        let review = try CLI.run(["review", "--cert", "aws-mla-c01", "--format", "json", "--database", database], stdin: "")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("\"event\":\"nothing_due\"") || review.stdout.contains("\"event\":\"question\""))

        let plan = try CLI.run(["plan", "--cert", "aws-mla-c01", "--from-progress", "--database", database, "--start", "2026-12-01", "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("\"exam_date\" : \"2027-06-01\"") || plan.stdout.contains("\"exam_date\":\"2027-06-01\""))
    }

    @Test("bad input is named: unknown credential, retired credential, a key that is not an option")
    func refusals() throws {
        let database = temporaryLearnerDatabase()
        let unknown = try CLI.run(["exam", "--cert", "nope", "--database", database], stdin: "")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nope"))
        let retired = try CLI.run(["exam", "--cert", "aws-mls-c01", "--database", database], stdin: "")
        #expect(retired.status != 0)
        #expect(retired.stderr.contains("aws-mla-c01"), "names the successor")
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-keys-\(UUID().uuidString).txt")
        try "z\nr\nq\n".write(to: keys, atomically: true, encoding: .utf8)
        let badKey = try CLI.run(["practice", "--cert", "google-pmle", "--count", "2", "--format", "json", "--database", database, "--input", keys.path])
        #expect(badKey.status == 0)
        #expect(badKey.stdout.contains("\"event\":\"error\""))
        #expect(badKey.stdout.contains("\"event\":\"grid\""), "keys are read from the --input file")
        #expect(badKey.stdout.contains("\"event\":\"suspended\""))
    }

    /// Fails without `mlcert content reports`. The report is written by Python's sqlite3 into the schema the command
    /// created, so the command is checked against rows it did not write itself.
    @Test("mlcert content reports lists problem reports with the item version, as a table and as JSON")
    func contentReports() throws {
        let database = temporaryLearnerDatabase()
        let empty = try CLI.run(["content", "reports", "--database", database])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("No problem reports."))
        let insert = Process()
        insert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        insert.arguments = ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT INTO learner (id, display_name, exam_dates, created_at) VALUES ('ada', 'Ada', '{}', '2026-12-01 10:00:00.000')")
            db.execute("INSERT INTO item_report VALUES ('r1', 'ada', 's1', 3, 'pmle-6-001', 1, 'google-pmle', 'wrong_key', 'C is right too', '2026-12-01 10:05:00.000')")
            db.commit()
            """, database]
        try insert.run()
        insert.waitUntilExit()
        #expect(insert.terminationStatus == 0)
        let table = try CLI.run(["content", "reports", "--database", database])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("pmle-6-001") && table.stdout.contains("wrong_key") && table.stdout.contains("C is right too"))
        #expect(table.stdout.contains("1 report on 1 item."))
        let json = try CLI.run(["content", "reports", "--database", database, "--format", "json", "--item", "pmle-6-001"])
        #expect(json.stdout.contains("\"item_version\":1") && json.stdout.contains("\"kind\":\"wrong_key\""))
        let other = try CLI.run(["content", "reports", "--database", database, "--item", "nope"])
        #expect(other.stdout.contains("No problem reports on nope."))
    }
}
