/// Why the engine refused a command. Every case is the learner's (or the caller's) mistake, never a crash; the
/// server maps them to 4xx answers and the terminal prints them.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case finished
    case noSuchPosition(Int, count: Int)
    case wrongNumberOfChoices(expected: Int, got: Int)
    case noSuchOption(String)
    case alreadyAnswered(position: Int)
    case timeUp
    case conflict
    case notFound(String)
    case notYours(String)

    public var description: String {
        switch self {
        case .finished: "this session has ended"
        case .noSuchPosition(let p, let count): "there is no question \(p + 1); the session has \(count)"
        case .wrongNumberOfChoices(let expected, let got):
            got > expected
                ? "This question asks for \(Self.answers(expected)); you chose \(Self.answers(got)). Clear one first."
                : "This question asks for \(Self.answers(expected)); you chose \(got == 0 ? "none" : Self.answers(got))."
        case .noSuchOption(let text): "no option '\(text)' on this question"
        case .alreadyAnswered(let p): "question \(p + 1) is already answered; answers can be changed only on a mock exam"
        case .timeUp: "time is up; the exam was submitted with the answers recorded before the deadline"
        case .conflict: "the session changed in another window; reload it and try again"
        case .notFound(let id): "no session '\(id)'"
        case .notYours(let id): "session '\(id)' belongs to another learner"
        }
    }

    /// "one answer", "two answers", ... as a learner reads it.
    static func answers(_ n: Int) -> String {
        let words = ["none", "one", "two", "three", "four", "five", "six"]
        let word = words.indices.contains(n) ? words[n] : String(n)
        return n == 1 ? "one answer" : "\(word) answers"
    }
}
