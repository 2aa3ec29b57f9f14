import Foundation
import MLCertPractice

/// The JSON shapes of practice sessions.
///
/// Exam integrity is decided here: a mock exam or diagnostic that is still open shows questions only as
/// `QuestionView` (no key, rationale or explanation by construction) and no correctness at all, not even a count.
/// Feedback appears only for drills and reviews, and for every kind once the session has ended (through the report).
enum SessionKindName {
    /// API names: `drill` is the engine's `practice`.
    static func name(_ kind: SessionKind) -> String {
        switch kind {
        case .practice: "drill"
        case .exam: "exam"
        case .diagnostic: "diagnostic"
        case .review: "review"
        }
    }

    static func kind(_ name: String) throws -> SessionKind {
        switch name {
        case "drill": .practice
        case "exam": .exam
        case "diagnostic": .diagnostic
        case "review": .review
        default: throw APIError.invalidField("kind", "'\(name)' is not one of drill, exam, diagnostic, review")
        }
    }
}

/// One line of the session list.
struct SessionSummary: Codable {
    let id: String
    let kind: String
    let credential: String
    let startedAt: Date
    let deadline: Date?
    let finished: Bool
    let finishReason: String?
    let questions: Int
    let answered: Int
    /// Nil while a mock exam or diagnostic is open.
    let correct: Int?

    init(_ state: SessionState) {
        id = state.header.id
        kind = SessionKindName.name(state.header.kind)
        credential = state.header.credentialID
        startedAt = state.header.startedAt
        deadline = state.header.deadline
        finished = state.isFinished
        finishReason = state.finished?.reason.rawValue
        questions = state.items.count
        answered = state.answers.count
        correct = SessionDetail.revealsCorrectness(state) ? state.correctCount : nil
    }
}

/// A session as a page or client shows it: progress, the review grid, the current question, and for drills and
/// reviews the feedback on it.
struct SessionDetail: Codable {
    struct Cell: Codable {
        let position: Int
        let number: Int
        let answered: Bool
        let flagged: Bool
    }

    let session: SessionSummary
    /// Seconds left on the exam clock (the server's clock); nil without a deadline.
    let secondsRemaining: Double?
    let cursor: Int
    let grid: [Cell]
    /// The requested question (default: where the learner is); nil once the session has ended.
    let question: QuestionView?
    /// Drills and reviews only, for an answered question.
    let feedback: AnswerFeedback?
    /// Whether `GET /sessions/{id}/report` has a report (the session has ended).
    let reportAvailable: Bool

    init(state: SessionState, position: Int? = nil, bank: ItemIndex, now: Date) {
        session = SessionSummary(state)
        secondsRemaining = state.isFinished ? nil : state.header.deadline.map { max(0, $0.timeIntervalSince(now)) }
        cursor = state.cursor
        grid = state.items.map { Cell(position: $0.position, number: $0.position + 1, answered: state.answers[$0.position] != nil,
            flagged: state.flagged.contains($0.position)) }
        let shown = position ?? state.cursor
        question = state.isFinished ? nil : QuestionView(state: state, position: shown, bank: bank)
        if state.header.kind.givesImmediateFeedback, let presented = state.items.first(where: { $0.position == shown }),
           let answer = state.answers[shown], let item = bank.item(presented.itemID, version: presented.itemVersion) ?? bank.item(presented.itemID) {
            feedback = AnswerFeedback(item: item, presented: presented, answer: answer)
        } else {
            feedback = nil
        }
        reportAvailable = state.isFinished
    }

    /// Correctness may be shown for drills and reviews at any time, and for exams and diagnostics once they end.
    static func revealsCorrectness(_ state: SessionState) -> Bool {
        state.header.kind.givesImmediateFeedback || state.isFinished
    }
}

/// What an answer returns: the session after it, and feedback for drills and reviews.
struct AnswerResult: Codable {
    let session: SessionDetail
    let feedback: AnswerFeedback?
}
