import Foundation
import MLCertCore
import MLCertPractice

/// Runs one session from keyboard or scripted input until it ends or the learner quits.
///
/// Every answer goes through `PracticeService.perform`, which commits it before returning; only then does the
/// runner print the acknowledgement. On a mock exam a clock task submits the exam at the deadline even while the
/// runner waits for a key.
struct SessionRunner {
    let service: PracticeService
    let learnerID: String
    let renderer: SessionRenderer
    let resumeHint: String

    /// Returns when the session has ended or the learner quit; the final state.
    @discardableResult
    func run(_ initial: SessionState, input: AsyncStream<String>) async throws -> SessionState {
        var state = initial
        show(state)
        let clock = startClock(for: state)
        defer { clock?.cancel() }
        var awaitingConfirmation = false
        for await line in input {
            let command: KeyCommand
            do { command = try KeyCommand.parse(line) } catch {
                renderer.message(error.description, event: "error")
                continue
            }
            if awaitingConfirmation {
                awaitingConfirmation = false
                if command == .confirm(true) {
                    do {
                        state = try await service.perform(.submit, session: state.header.id, learnerID: learnerID).state
                    } catch let error as SessionError {
                        return try await ended(state, error: error)
                    }
                    try await finish(state)
                    return state
                }
                renderer.message("Not submitted.")
                show(state)
                continue
            }
            do {
                switch command {
                case .answer(let shown):
                    let position = state.cursor
                    let outcome = try await service.perform(.answer(position: position, shown: shown), session: state.header.id, learnerID: learnerID)
                    state = outcome.state
                    renderer.recorded(state, position: position)
                    if let feedback = outcome.feedback { renderer.feedback(feedback) }
                    if state.isFinished {
                        try await finish(state)
                        return state
                    }
                    state = try await moveAfterAnswer(state, from: position)
                    show(state)
                case .next, .previous, .go:
                    let target: Int = switch command {
                    case .next: state.cursor + 1
                    case .previous: state.cursor - 1
                    case .go(let p): p
                    default: state.cursor
                    }
                    guard state.items.contains(where: { $0.position == target }) else {
                        renderer.message(target < 0 ? "This is the first question." : "There is no question \(target + 1) (the session has \(state.items.count)).", event: "error")
                        continue
                    }
                    state = try await service.perform(.view(position: target), session: state.header.id, learnerID: learnerID).state
                    show(state)
                case .toggleFlag:
                    let on = !state.flagged.contains(state.cursor)
                    state = try await service.perform(.flag(position: state.cursor, on: on), session: state.header.id, learnerID: learnerID).state
                    renderer.message(on ? "Question \(state.cursor + 1) flagged." : "Question \(state.cursor + 1) unflagged.", event: on ? "flagged" : "unflagged")
                case .grid:
                    renderer.grid(state)
                case .submit:
                    renderer.grid(state)
                    renderer.message("Submit now? Type y to confirm, anything else to go on.", event: "confirm")
                    awaitingConfirmation = true
                case .confirm:
                    renderer.message("Nothing to confirm.", event: "error")
                case .quit:
                    renderer.suspended(state, resume: resumeHint)
                    return state
                case .help:
                    renderer.message(KeyCommand.helpText, event: "help")
                case .show:
                    show(state)
                }
            } catch let error as SessionError {
                if error == .timeUp || error == .finished { return try await ended(state, error: error) }
                renderer.message(error.description, event: "error")
            }
        }
        renderer.suspended(state, resume: resumeHint)
        return state
    }

    private func show(_ state: SessionState) {
        guard let view = QuestionView(state: state, position: state.cursor, bank: service.bank) else { return }
        renderer.question(view, state: state, now: service.clock())
    }

    /// After an answer: on a mock exam, the next question in order (wrapping to the first unanswered one at the end);
    /// in drills and reviews, the next unanswered question. A diagnostic has already moved to its new item.
    private func moveAfterAnswer(_ state: SessionState, from position: Int) async throws -> SessionState {
        if state.header.kind == .diagnostic { return state }
        let positions = state.items.map(\.position)
        let target: Int?
        if state.header.kind == .exam {
            target = positions.contains(position + 1) ? position + 1 : state.unanswered.first
        } else {
            target = state.unanswered.first { $0 > position } ?? state.unanswered.first
        }
        guard let target, target != state.cursor else {
            if state.header.kind == .exam { renderer.message("All questions answered. r shows the grid, s submits.") }
            return state
        }
        return try await service.perform(.view(position: target), session: state.header.id, learnerID: learnerID).state
    }

    private func finish(_ state: SessionState) async throws {
        let report = try await service.report(session: state.header.id, learnerID: learnerID)
        renderer.report(report)
    }

    private func ended(_ state: SessionState, error: SessionError) async throws -> SessionState {
        renderer.message(error.description, event: error == .timeUp ? "time_up" : "error")
        let final = try await service.session(state.header.id, learnerID: learnerID)
        if final.isFinished { try await finish(final) }
        return final
    }

    /// On a mock exam: a task that submits at the deadline and prints the report, then ends the process.
    private func startClock(for state: SessionState) -> Task<Void, Never>? {
        guard let deadline = state.header.deadline else { return nil }
        let service = service, learnerID = learnerID, renderer = renderer, id = state.header.id
        return Task.detached {
            let wait = deadline.timeIntervalSince(service.clock())
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000) + 50_000_000) }
            guard !Task.isCancelled, let final = try? await service.session(id, learnerID: learnerID), final.finished?.reason == .timeUp else { return }
            renderer.message(SessionError.timeUp.description, event: "time_up")
            if let report = try? await service.report(session: id, learnerID: learnerID) { renderer.report(report) }
            exit(0)
        }
    }
}
