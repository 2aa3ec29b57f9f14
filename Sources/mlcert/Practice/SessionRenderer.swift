import Foundation
import MLCertCore
import MLCertPractice

/// Turns session moments into text for a person or JSON Lines for a script. Rendering only: every decision was made
/// by the engine, and the question view it gets carries no key.
struct SessionRenderer {
    let json: Bool
    let style: TerminalStyle
    let catalog: Catalog

    func question(_ view: QuestionView, state: SessionState, now: Date) {
        let left = state.header.deadline.map { $0.timeIntervalSince(now) }
        if json {
            struct Payload: Encodable { let sessionId: String; let kind: SessionKind; let question: QuestionView; let answered: Int; let secondsLeft: Int? }
            emitLine(PracticeJSON.event("question", Payload(sessionId: state.header.id, kind: state.header.kind, question: view,
                answered: state.answers.count, secondsLeft: left.map { Int($0.rounded(.down)) })))
            return
        }
        var head = "Question \(view.number) of \(view.of)"
        if state.header.kind == .diagnostic { head = "Question \(view.number) (adaptive)" }
        var status: [String] = ["\(state.answers.count) answered"]
        if let left { status.append(style.yellow("\(clockText(left)) left")) }
        if view.flagged { status.append(style.yellow("flagged")) }
        var out = [style.bold("── \(head) ── ") + status.joined(separator: " · "), style.dim(domainTitle(view.domain, state: state)), ""]
        out.append(wrap(view.scenario, width: 100))
        out.append("")
        out.append(style.bold(wrap(view.question, width: 100)) + (view.choose > 1 && !view.question.lowercased().contains("choose") ? style.cyan("  (Choose \(view.choose).)") : ""))
        out.append("")
        for option in view.options {
            let mark = view.selected.contains(option.letter) ? style.green("▸ ") : "  "
            out.append(mark + wrap("\(option.letter). \(option.text)", width: 98, indent: "     "))
        }
        if view.options.count >= 6 { out.append(style.dim("(answer F with 6; a lone f flags)")) }
        emitLine(out.joined(separator: "\n"))
    }

    func recorded(_ state: SessionState, position: Int) {
        if json {
            struct Payload: Encodable { let sessionId: String; let position: Int; let number: Int; let answered: Int; let of: Int }
            emitLine(PracticeJSON.event("recorded", Payload(sessionId: state.header.id, position: position, number: position + 1,
                answered: state.answers.count, of: state.items.count)))
        } else if !state.header.kind.givesImmediateFeedback {
            let letters = state.items.first { $0.position == position }.flatMap { p in state.answers[position].map { p.shownIndices(forAuthored: $0.selected) } } ?? []
            emitLine(style.dim("recorded \(letters.map(ItemOption.letter(for:)).joined(separator: ", ")) for question \(position + 1)"))
        }
    }

    func feedback(_ f: AnswerFeedback) {
        if json {
            emitLine(PracticeJSON.event("feedback", f))
            return
        }
        var out = [f.correct ? style.green("✓ Correct.") : style.red("✗ Not quite.") + " You chose \(f.chosen.joined(separator: ", ")); the answer is \(f.key.joined(separator: ", ")).", ""]
        for o in f.options {
            let tag = o.correct ? style.green("✓") : (o.chosen ? style.red("✗") : " ")
            out.append("\(tag) \(o.letter). " + wrap(o.text, width: 96, indent: "     "))
            out.append(style.dim(wrap(o.rationale, width: 96, indent: "     ").split(separator: "\n").map { "     " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")))
        }
        out.append("")
        out.append(style.bold("Why: ") + wrap(f.explanation, width: 95, indent: "     "))
        emitLine(out.joined(separator: "\n"))
    }

    func grid(_ state: SessionState) {
        if json {
            struct Cell: Encodable { let number: Int; let answered: Bool; let flagged: Bool }
            struct Payload: Encodable { let sessionId: String; let cells: [Cell]; let unanswered: Int; let flagged: Int }
            let cells = state.items.map { Cell(number: $0.position + 1, answered: state.answers[$0.position] != nil, flagged: state.flagged.contains($0.position)) }
            emitLine(PracticeJSON.event("grid", Payload(sessionId: state.header.id, cells: cells, unanswered: state.unanswered.count, flagged: state.flagged.count)))
            return
        }
        var lines: [String] = []
        var row = ""
        for item in state.items {
            let p = item.position
            var cell = String(format: "%3d", p + 1)
            cell += state.answers[p] != nil ? "✓" : "·"
            cell += state.flagged.contains(p) ? "F" : " "
            row += (state.flagged.contains(p) ? style.yellow(cell) : state.answers[p] == nil ? style.dim(cell) : cell) + " "
            if (p + 1) % 10 == 0 { lines.append(row); row = "" }
        }
        if !row.isEmpty { lines.append(row) }
        lines.append("\(state.answers.count) answered, \(state.unanswered.count) unanswered, \(state.flagged.count) flagged. g N goes to a question.")
        emitLine(lines.joined(separator: "\n"))
    }

    func message(_ text: String, event: String = "message") {
        if json {
            struct Payload: Encodable { let message: String }
            emitLine(PracticeJSON.event(event, Payload(message: text)))
        } else {
            emitLine(event == "error" ? style.red(text) : text)
        }
    }

    func suspended(_ state: SessionState, resume: String) {
        if json {
            struct Payload: Encodable { let sessionId: String; let answered: Int; let of: Int; let resume: String }
            emitLine(PracticeJSON.event("suspended", Payload(sessionId: state.header.id, answered: state.answers.count, of: state.items.count, resume: resume)))
        } else {
            var text = "Saved. \(state.answers.count) of \(state.items.count) answered. Resume with: \(resume)"
            if let deadline = state.header.deadline { text += "\nThe exam clock keeps running until \(deadline.formatted(date: .omitted, time: .shortened))." }
            emitLine(text)
        }
    }

    func report(_ r: SessionReport) {
        if json {
            emitLine(PracticeJSON.event("report", r))
            return
        }
        emitLine(ReportText(style: style).render(r))
    }

    private func domainTitle(_ id: String, state: SessionState) -> String {
        catalog.credential(id: state.header.credentialID)?.currentBlueprint?.domain(id: id)?.title ?? id
    }
}
