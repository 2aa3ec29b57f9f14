/// Pace: seconds per question in each session, as horizontal bars, against the exam's pace (its time limit spread
/// evenly over its questions) drawn as a dashed line. A bar past the line means that session ran slower than the
/// real exam allows.
///
/// The scale runs from zero to a little past the longest bar or the exam pace, whichever is larger, so bar length is
/// proportional to seconds per question.
public struct PaceChart: Sendable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var secondsPerQuestion: Double
        public var questions: Int

        public init(label: String, secondsPerQuestion: Double, questions: Int) {
            self.label = label
            self.secondsPerQuestion = secondsPerQuestion
            self.questions = questions
        }
    }

    public var id: String
    public var title: String
    public var rows: [Row]
    /// Seconds per question the real exam allows.
    public var examPace: Double?

    public init(id: String, title: String, rows: [Row], examPace: Double?) {
        self.id = id
        self.title = title
        self.rows = rows
        self.examPace = examPace
    }

    static let width = 640.0
    static let left = 8.0
    static let trackWidth = 600.0
    static let rowHeight = 44.0
    static let top = 8.0

    /// Seconds that fill the whole track.
    var scaleMaximum: Double {
        let values = rows.map(\.secondsPerQuestion).filter(\.isFinite) + [examPace ?? 0]
        return max(values.max() ?? 0, 1) * 1.1
    }

    func length(_ seconds: Double) -> Double {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return seconds / scaleMaximum * Self.trackWidth
    }

    static func seconds(_ s: Double) -> String { "\(Int(s.isFinite ? s.rounded() : 0)) s" }

    func caption(_ row: Row) -> String {
        var text = "\(row.label): \(Self.seconds(row.secondsPerQuestion)) per question over \(row.questions)"
        if let examPace {
            text += row.secondsPerQuestion > examPace ? " (slower than the exam pace)" : " (within the exam pace)"
        }
        return text
    }

    public func svg() -> String {
        let n = SVGText.number
        let height = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + 20
        var body = ""
        for (i, row) in rows.enumerated() {
            let y = Self.top + Double(i) * Self.rowHeight
            body += "<g class=\"row\"><text class=\"label\" x=\"\(n(Self.left))\" y=\"\(n(y + 14))\">\(SVGText.escape(caption(row)))</text>"
            body += "<rect class=\"track\" x=\"\(n(Self.left))\" y=\"\(n(y + 20))\" width=\"\(n(Self.trackWidth))\" height=\"16\"/>"
            let slow = examPace.map { row.secondsPerQuestion > $0 } ?? false
            body += "<rect class=\"bar\(slow ? " slow" : "")\" x=\"\(n(Self.left))\" y=\"\(n(y + 20))\" width=\"\(n(length(row.secondsPerQuestion)))\" "
                + "height=\"16\"><title>\(SVGText.escape(caption(row)))</title></rect></g>"
        }
        if rows.isEmpty {
            body += "<text class=\"label\" x=\"\(n(Self.left))\" y=\"30\">No timed answers yet.</text>"
        }
        if let examPace {
            let x = n(Self.left + length(examPace))
            body += "<line class=\"target\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(Self.top))\" y2=\"\(n(height - 16))\"/>"
            body += "<text class=\"note\" x=\"\(x)\" y=\"\(n(height - 4))\" text-anchor=\"middle\">exam pace \(Self.seconds(examPace))</text>"
        }
        return SVGText.document(id: id, width: Self.width, height: height, title: title, description: description, body: body)
    }

    var description: String {
        guard !rows.isEmpty else { return "No timed answers yet, so there is no pace to draw." }
        var text = "Seconds per question in each session. "
        if let examPace { text += "The real exam allows \(Self.seconds(examPace)) per question. " }
        return text + rows.map(caption).joined(separator: "; ") + "."
    }
}
