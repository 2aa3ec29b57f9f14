import Foundation
import MLCertCore

/// The rules of a session: turns a learner's command into the events to record, or refuses it.
///
/// Pure. The caller supplies the time, so that the clock rules (deadline, auto-submit, time per item) are tested
/// with a fake clock, and the caller writes the returned events to the store before it tells the learner anything.
public struct SessionEngine: Sendable {
    public let bank: ItemIndex

    public init(bank: ItemIndex) { self.bank = bank }

    public enum Command: Sendable, Hashable {
        /// Answer the item at `position` with the options at these shown places (0 = A).
        case answer(position: Int, shown: [Int])
        case view(position: Int)
        case flag(position: Int, on: Bool)
        case submit
    }

    /// The events a command produces. When the exam clock has run out, the only event is the automatic submission
    /// (at the deadline), and the command itself is refused with `.timeUp` by `handle`.
    public func decide(_ command: Command, in state: SessionState, at now: Date) throws(SessionError) -> [SessionEvent.Change] {
        if state.isFinished { throw .finished }
        if let deadline = state.header.deadline, now >= deadline { throw .timeUp }
        switch command {
        case .answer(let position, let shown):
            let item = try presented(position, in: state)
            if state.answers[position] != nil && !state.header.kind.allowsChangingAnswers { throw .alreadyAnswered(position: position) }
            let distinct = Array(Set(shown)).sorted()
            // A mock exam takes a partial "choose N" selection as an answer in progress (scored wrong unless completed
            // before the end, as on the real exams), and an empty one as clearing the answer. Drills, reviews and
            // diagnostics score at once, so they need the whole selection.
            let partialAllowed = state.header.kind.allowsChangingAnswers
            guard distinct.count == item.choose || (partialAllowed && distinct.count < item.choose) else {
                throw .wrongNumberOfChoices(expected: item.choose, got: distinct.count)
            }
            if distinct.isEmpty && state.answers[position] == nil { return [] }
            guard let authored = item.authoredIndices(forShown: distinct) else {
                throw .noSuchOption(distinct.map { ItemOption.letter(for: max(0, min($0, 25))) }.joined(separator: ","))
            }
            // The same selection again records nothing, so a save that races another (a click saved at once and the
            // Next button carrying it too) is harmless and does not count as a change of mind.
            if state.header.kind.allowsChangingAnswers, state.answers[position]?.selected == authored { return [] }
            let correct = bank.item(item.itemID, version: item.itemVersion)?.isCorrect(Set(authored)) ?? false
            return [.answered(RecordedAnswer(position: position, itemID: item.itemID, itemVersion: item.itemVersion, selected: authored, correct: correct))]
        case .view(let position):
            _ = try presented(position, in: state)
            return position == state.cursor && state.viewStartedAt != nil ? [] : [.viewed(position: position)]
        case .flag(let position, let on):
            _ = try presented(position, in: state)
            return state.flagged.contains(position) == on ? [] : [.flagged(position: position, flagged: on)]
        case .submit:
            return [.finished(reason: .submitted)]
        }
    }

    /// The automatic submission owed at `now`, if the clock has run out on an open session.
    public func expiry(of state: SessionState, at now: Date) -> SessionEvent? {
        guard !state.isFinished, let deadline = state.header.deadline, now >= deadline else { return nil }
        return SessionEvent(sequence: state.nextSequence, at: deadline, change: .finished(reason: .timeUp))
    }

    /// Numbers `changes` from the state's next sequence, stamped with `now`.
    public func events(_ changes: [SessionEvent.Change], after state: SessionState, at now: Date) -> [SessionEvent] {
        changes.enumerated().map { SessionEvent(sequence: state.nextSequence + $0.offset, at: now, change: $0.element) }
    }

    private func presented(_ position: Int, in state: SessionState) throws(SessionError) -> PresentedItem {
        guard let item = state.items.first(where: { $0.position == position }) else {
            throw .noSuchPosition(position, count: state.items.count)
        }
        return item
    }
}
