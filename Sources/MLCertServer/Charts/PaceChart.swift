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

    static let width = 360.0
    static let left = 8.0
    static let trackWidth = 344.0
    static let top = 8.0

    /// Under this many seconds a question cannot have been read, let alone answered: the chart says so.
    static let guessingSeconds = 15.0

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
        if row.secondsPerQuestion < Self.guessingSeconds {
            text += " (too fast to have read the questions)"
        } else if let examPace {
            text += row.secondsPerQuestion > examPace ? " (slower than the exam pace)" : " (within the exam pace)"
        }
        return text
    }

    func lines(_ row: Row) -> [String] { SVGText.lines(caption(row), width: SVGText.charactersPerLine) }

    public func svg() -> String {
        let n = SVGText.number
        var body = ""
        var y = Self.top
        var bars: [(Double, Double)] = []
        for row in rows {
            let text = lines(row)
            let barY = y + Double(text.count) * SVGText.lineHeight + 4
            body += "<g class=\"row\">" + SVGText.textLines(text, x: Self.left, y: y + 13, class: "label")
            body += "<rect class=\"track\" x=\"\(n(Self.left))\" y=\"\(n(barY))\" width=\"\(n(Self.trackWidth))\" height=\"16\"/>"
            let slow = examPace.map { row.secondsPerQuestion > $0 } ?? false
            let fast = row.secondsPerQuestion < Self.guessingSeconds
            body += "<rect class=\"bar\(slow ? " slow" : fast ? " fast" : "")\" x=\"\(n(Self.left))\" y=\"\(n(barY))\" width=\"\(n(length(row.secondsPerQuestion)))\" "
                + "height=\"16\"><title>\(SVGText.escape(caption(row)))</title></rect></g>"
            bars.append((barY - 4, barY + 20))
            y = barY + 16 + 12
        }
        if rows.isEmpty { y += 40 }
        let height = y + 20
        if rows.isEmpty {
            body += "<text class=\"label\" x=\"\(n(Self.left))\" y=\"30\">No timed answers yet.</text>"
        }
        if let examPace, !rows.isEmpty {
            let x = n(Self.left + length(examPace))
            // The exam pace crosses each bar only, never a line of text.
            for (from, to) in bars {
                body += "<line class=\"target\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(from))\" y2=\"\(n(to))\"/>"
            }
            let share = length(examPace) / Self.trackWidth
            let anchor = share > 0.75 ? "end" : share < 0.25 ? "start" : "middle"
            body += "<text class=\"note\" x=\"\(x)\" y=\"\(n(height - 4))\" text-anchor=\"\(anchor)\">exam pace \(Self.seconds(examPace))</text>"
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
