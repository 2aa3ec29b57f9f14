import Foundation
import Testing

@Suite("mlcert advise and plan, end to end")
struct AdvisePlanCLITests {
    let content = ["--content", repositoryContent.path]

    @Test func interactiveAdviceIsDrivenByInput() throws {
        // cloud=aws, defaults, then an invalid years answer that is re-asked, then yes to reimbursement.
        let answers = ["aws", "", "", "", "", "lots", "3", "yes", "", "", "", "6"].joined(separator: "\n") + "\n"
        let result = try CLI.run(["advise", "--interactive"] + content, stdin: answers)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("'lots' is not allowed"))
        #expect(result.stdout.contains("VERDICT: weigh it (leaning towards pursuing)"))
        #expect(result.stdout.contains("[choice.retired-successor]"))
        #expect(result.stdout.contains("AWS Certified Machine Learning Engineer - Associate"))
    }

    @Test func interactiveAdviceFailsCleanlyWhenInputEnds() throws {
        let result = try CLI.run(["advise", "--interactive"] + content, stdin: "aws\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("input ended"))
    }

    @Test func profileFileAndFlagsGiveTheJSONContract() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).json")
        try #"{"cloud": "databricks", "employer_type": "enterprise", "ml_knowledge": "working", "weekly_study_hours": 5}"#
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["advise", "--profile", file.path, "--employer-reimburses", "yes", "--format", "json"] + content)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "pursue")
        #expect(json["certification"] as? String == "databricks-ml-professional")
        #expect((json["prep_weeks"] as? [String: Any])?["min"] as? Int == 8)
        #expect(((json["reasons_for"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == "pursue.employer-pays" })
        #expect((json["cost_usd"] as? [String: Any])?["out_of_pocket"] as? Double == 0)
        #expect((json["next_steps"] as? [String])?.isEmpty == false)
    }

    @Test func badProfileValuesNameTheKey() throws {
        let result = try CLI.run(["advise", "--cloud", "oracle"] + content)
        #expect(result.status != 0)
        #expect(result.stderr.contains("profile key 'cloud'"))
        #expect(result.stderr.contains("gcp, aws, azure, databricks, multi, none"))
    }

    @Test func planPrintsEveryFormatAndWritesACalendar() throws {
        let base = ["plan", "--cert", "google-pmle", "--hours-per-week", "8", "--start", "2026-11-23"] + content
        let table = try CLI.run(base)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Production Machine Learning Systems"))
        let markdown = try CLI.run(base + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Study plan for Google Cloud Professional Machine Learning Engineer"))
        let json = try CLI.run(base + ["--format", "json"])
        let plan = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(plan["credential"] as? String == "google-pmle")
        #expect((plan["weeks"] as? [Any])?.isEmpty == false)
        let ics = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).ics")
        defer { try? FileManager.default.removeItem(at: ics) }
        let written = try CLI.run(base + ["--format", "ics", "--output", ics.path])
        #expect(written.status == 0)
        let events = try parseICalendarText(String(contentsOf: ics, encoding: .utf8))
        #expect(events > 0)
    }

    @Test func infeasibleExamDateIsReported() throws {
        let result = try CLI.run(["plan", "--cert", "google-pmle", "--hours-per-week", "4", "--start", "2026-11-23", "--exam-date", "2026-12-10"] + content)
        #expect(result.status == 0)
        #expect(result.stdout.contains("NOT FEASIBLE"))
        // 87 hours in two weeks is more than the 25 a week mlcert suggests, so only a later date is offered.
        #expect(result.stdout.contains("Move the exam to 2027-"))
    }

    @Test func planRejectsRetiredCredentialsAndBadDates() throws {
        let retired = try CLI.run(["plan", "--cert", "aws-mls-c01"] + content)
        #expect(retired.status != 0)
        #expect(retired.stderr.contains("plan for 'aws-mla-c01' instead"))
        let date = try CLI.run(["plan", "--cert", "google-pmle", "--exam-date", "next week"] + content)
        #expect(date.stderr.contains("--exam-date: 'next week' is not a date"))
    }
}

/// Counts VEVENTs after checking the calendar's envelope.
func parseICalendarText(_ text: String) throws -> Int {
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
    #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    return text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1
}
