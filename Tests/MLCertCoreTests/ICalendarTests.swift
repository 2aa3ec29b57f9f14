import Foundation
import MLCertCore
import Testing

/// A small RFC 5545 reader for the tests: unfolds lines and returns the events' properties.
func parseICalendar(_ text: String) throws -> [[String: String]] {
    #expect(text.hasSuffix("\r\n"))
    var lines: [String] = []
    for raw in text.components(separatedBy: "\r\n") where !raw.isEmpty {
        #expect(raw.utf8.count <= 75, "line longer than 75 octets: \(raw)")
        if raw.hasPrefix(" ") { lines[lines.count - 1] += raw.dropFirst() } else { lines.append(raw) }
    }
    #expect(lines.first == "BEGIN:VCALENDAR")
    #expect(lines.last == "END:VCALENDAR")
    var events: [[String: String]] = []
    var current: [String: String]?
    for line in lines {
        if line == "BEGIN:VEVENT" { current = [:]; continue }
        if line == "END:VEVENT" { events.append(try #require(current)); current = nil; continue }
        guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
        current![String(line[..<colon])] = String(line[line.index(after: colon)...])
    }
    return events
}

@Suite("iCalendar export")
struct ICalendarTests {
    @Test func sessionsParseBackAndAddUpToThePlan() throws {
        var profile = Profile()
        profile.mlKnowledge = .foundations
        let plan = try Planner(catalog: realCatalog).plan(
            PlanRequest(credential: "aws-mla-c01", profile: profile, start: Day("2026-11-23")!, hoursPerWeek: 9))
        let ics = ICalendarExport(plan: plan).render()
        let events = try parseICalendar(ics)
        #expect(!events.isEmpty)
        var minutes = 0
        var uids: Set<String> = []
        for event in events where event["CATEGORIES"] != "MLCERT,EXAM" {
            let duration = try #require(event["DURATION"])
            let parts = duration.dropFirst(2).split(separator: "H")
            minutes += Int(parts[0])! * 60 + Int(parts[1].dropLast())!
            #expect(uids.insert(try #require(event["UID"])).inserted)
            let start = try #require(event["DTSTART"])
            #expect(start.count == 15 && start.contains("T"))
            #expect(event["SUMMARY"]?.isEmpty == false)
        }
        #expect(abs(Double(minutes) / 60 - plan.totalHours) < 0.5)
        #expect(ics == ICalendarExport(plan: plan).render(), "export must be deterministic")
    }

    @Test func textIsEscapedAndFoldedWithoutBreakingCharacters() throws {
        let plan = StudyPlan(credential: "x", blueprint: "1", start: Day("2026-01-05")!, examDate: Day("2026-02-01")!,
            hoursPerWeek: 2, totalHours: 1, weeks: [PlanWeek(number: 1, start: Day("2026-01-05")!, end: Day("2026-01-11")!, hours: 1,
                activities: [Activity(kind: .practice, title: String(repeating: "é, ; \\ ", count: 30), course: nil, domain: nil, hours: 1)])],
            domainHours: [], feasibility: Feasibility(feasible: true, weeksNeeded: 1, weeksAvailable: nil, hoursPerWeekNeeded: nil,
                earliestExamDate: Day("2026-01-12")!, message: ""), assumptions: [])
        let ics = ICalendarExport(plan: plan).render()
        let events = try parseICalendar(ics)
        let description = events.first?["DESCRIPTION"] ?? ""
        // Unfolded, the description is the escaped title in full: folding (checked at <= 75 octets a line by the
        // reader) lost no character and split no two-byte "é".
        #expect(description == String(repeating: "é\\, \\; \\\\ ", count: 30) + "\\nExam: 2026-02-01. Plan built by mlcert.")
        #expect(ics.components(separatedBy: "\r\n").contains { $0.hasPrefix(" ") })
    }

    @Test func anIndependentParserReadsTheFile() throws {
        // Python's `icalendar` package (installed by scripts/test) parses the export and counts its events.
        let plan = try Planner(catalog: realCatalog).plan(PlanRequest(credential: "google-pmle", start: Day("2026-11-23")!, hoursPerWeek: 6))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-\(UUID().uuidString).ics")
        try ICalendarExport(plan: plan).render().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [e for e in cal.walk('VEVENT') if 'DURATION' in e]
            total = sum(e.decoded('DURATION').total_seconds() for e in events) / 3600
            exam = [e for e in cal.walk('VEVENT') if 'DURATION' not in e]
            assert len(exam) == 1 and str(exam[0]['SUMMARY']).startswith('Exam day: '), exam
            print(len(events), round(total, 2))
            """, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python icalendar could not parse the export")
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
        #expect(Int(out.first ?? "") == ICalendarExport(plan: plan).sessions.count)
        #expect(abs((Double(out.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? -1) - plan.totalHours) < 0.5)
    }

    /// Fails without the exam-day event and with the old summaries ("Study: " and a cut at 60 characters, the
    /// command after a colon).
    @Test func theExamDayIsAnEventAndTitlesAreWholeAndPlain() throws {
        var profile = Profile()
        profile.mlKnowledge = .foundations
        let plan = try Planner(catalog: realCatalog).plan(
            PlanRequest(credential: "aws-mla-c01", profile: profile, start: Day("2026-11-23")!, hoursPerWeek: 8, examDate: Day("2027-09-06")!))
        let events = try parseICalendar(ICalendarExport(plan: plan, examName: "AWS Certified Machine Learning Engineer - Associate").render())
        let exam = events.filter { $0["CATEGORIES"] == "MLCERT,EXAM" }
        #expect(exam.count == 1)
        #expect(exam.first?["DTSTART;VALUE=DATE"] == "20270906")
        #expect(exam.first?["SUMMARY"] == "Exam day: AWS Certified Machine Learning Engineer - Associate")
        let titles = Set(plan.weeks.flatMap(\.activities).map(\.calendarTitle))
        for event in events where event["CATEGORIES"] != "MLCERT,EXAM" {
            let summary = try #require(event["SUMMARY"]).replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            #expect(titles.contains(summary), "summary \(summary) is not a whole activity title")
            #expect(!summary.hasPrefix("Study: ") && !summary.contains("…") && !summary.contains("mlcert "))
            #expect(!(event["DESCRIPTION"] ?? "").contains("mlcert practice"))
        }
    }
}
