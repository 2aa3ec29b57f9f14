/// Turns a study plan into an iCalendar (RFC 5545) file of study sessions that calendar apps can import.
///
/// Each week's activities are cut into sessions of at most two hours (a mock exam stays one sitting) and spread over
/// the week's days in the evening, as floating local times so that they stay at 18:30 wherever the learner is.
/// Output is deterministic: the same plan always gives the same file, with stable UIDs, so a re-import updates events.
public struct ICalendarExport: Sendable {
    public let plan: StudyPlan
    /// The exam's name for the exam-day event ("AWS Certified Machine Learning Engineer - Associate"); the id without it.
    public var examName: String?
    /// Longest session in hours.
    public var maxSessionHours = 2.0

    public init(plan: StudyPlan, examName: String? = nil) {
        self.plan = plan
        self.examName = examName
    }

    /// One study session.
    public struct Session: Hashable, Sendable {
        public let day: Day
        public let startHour: Int
        public let startMinute: Int
        public let minutes: Int
        public let title: String
        public let kind: Activity.Kind
    }

    public var sessions: [Session] {
        let dayOffsets = [0, 2, 4, 5, 1, 3, 6]
        let slots = [(18, 30), (9, 0), (13, 0), (20, 45)]
        var out: [Session] = []
        for week in plan.weeks {
            var pieces: [(Activity, Int)] = []
            for activity in week.activities {
                var minutes = Int((activity.hours * 60).rounded())
                let cap = activity.splittable ? Int(maxSessionHours * 60) : minutes
                while minutes > 0 {
                    let piece = min(minutes, cap)
                    pieces.append((activity, piece))
                    minutes -= piece
                }
            }
            for (i, (activity, minutes)) in pieces.enumerated() {
                let day = week.start.adding(days: dayOffsets[i % 7])
                let slot = slots[(i / 7) % slots.count]
                out.append(Session(day: day, startHour: slot.0, startMinute: slot.1, minutes: minutes, title: activity.calendarTitle, kind: activity.kind))
            }
        }
        return out
    }

    public func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mlcert//study plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape("mlcert: \(plan.credential) study plan"),
        ]
        let stamp = compact(plan.start) + "T000000Z"
        for (n, session) in sessions.enumerated() {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(plan.credential)-\(compact(plan.start))-\(n + 1)@mlcert",
                "DTSTAMP:\(stamp)",
                "DTSTART:\(compact(session.day))T\(two(session.startHour))\(two(session.startMinute))00",
                "DURATION:PT\(session.minutes / 60)H\(session.minutes % 60)M",
                "SUMMARY:" + escape(session.title),
                "DESCRIPTION:" + escape(session.title + "\nExam: \(plan.examDate). Plan built by mlcert."),
                "CATEGORIES:MLCERT," + session.kind.rawValue.uppercased(),
                "END:VEVENT",
            ]
        }
        // The exam itself, as an all-day event on its day.
        lines += [
            "BEGIN:VEVENT",
            "UID:\(plan.credential)-\(compact(plan.start))-exam@mlcert",
            "DTSTAMP:\(stamp)",
            "DTSTART;VALUE=DATE:\(compact(plan.examDate))",
            "DTEND;VALUE=DATE:\(compact(plan.examDate.adding(days: 1)))",
            "SUMMARY:" + escape("Exam day: \(examName ?? plan.credential)"),
            "DESCRIPTION:" + escape("The exam this plan prepares for. Plan built by mlcert."),
            "CATEGORIES:MLCERT,EXAM",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }
    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Escapes TEXT values: backslash, semicolon, comma and newline.
    func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets, never inside a UTF-8 sequence; continuation lines start with a space.
    func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for ch in line {
            let size = String(ch).utf8.count
            let limit = parts.isEmpty ? 75 : 74
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += size
        }
        parts.append(current)
        return parts.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }
}
