import Foundation
import MLCertCore
import MLCertPractice

/// The text form of a session report and of readiness, for the terminal.
struct ReportText {
    let style: TerminalStyle

    func render(_ r: SessionReport) -> String {
        var out: [String] = []
        let title: String = switch r.kind {
        case .exam: "Mock exam results"
        case .practice: "Drill results"
        case .diagnostic: "Diagnostic results"
        case .review: "Review results"
        }
        out.append(style.bold("\(title): \(r.credentialID)"))
        out.append("\(r.correct) of \(r.questions) correct (\(pct(r.proportion)))" + (r.answered < r.questions ? ", \(r.questions - r.answered) unanswered" : "")
            + (r.finishReason == .timeUp ? style.yellow(" · submitted when time ran out") : ""))
        if let passed = r.passed, let mark = r.passMark {
            let verdict = passed ? style.green("PASS") : style.red("FAIL")
            let scaled = r.scaledScore.map { " · scaled \($0) (pass \(mark.scaledPass ?? 0))" } ?? ""
            out.append("\(verdict) against a pass mark of \(pct(mark.proportion)) correct\(mark.assumed ? " (assumed)" : "")\(scaled)")
            out.append(style.dim(wrap(mark.explanation, width: 100)))
        }
        if let limit = r.timeLimitSeconds, let budget = r.paceBudgetSeconds {
            out.append("Time: \(clockText(r.secondsUsed)) of \(clockText(Double(limit)))\(r.customTimeLimit ? " (custom limit)" : "") · pace budget \(clockText(budget)) a question, \(r.overBudget) over it")
        }
        if r.answersChanged > 0 {
            out.append("Answers changed: \(r.answersChanged) (wrong→right \(r.changedWrongToRight), right→wrong \(r.changedRightToWrong))")
        }
        if let note = r.formNote { out.append(style.yellow(note)) }
        out.append("")
        var table = TextTable(headers: ["DOMAIN", "WEIGHT", "CORRECT", "SCORE"])
        for d in r.domains { table.rows.append([d.title, pct(d.weight), "\(d.correct)/\(d.questions)", bar(d.proportion, width: 10) + " " + pct(d.proportion)]) }
        out.append(table.render())
        if let readiness = r.readiness { out.append(""); out.append(render(readiness)) }
        out.append("")
        for item in r.items {
            let mark = !item.answered ? style.yellow("–") : item.correct ? style.green("✓") : style.red("✗")
            var head = "\(mark) \(item.number). [\(item.itemID)]"
            if item.answered { head += " you: \(item.chosen.joined(separator: ","))" }
            head += " key: \(item.key.joined(separator: ","))"
            if item.seconds > 0 { head += style.dim(" · \(clockText(item.seconds))") }
            if item.flagged { head += style.yellow(" · flagged") }
            if item.changes > 0 { head += style.dim(" · changed \(item.changes)×") }
            if item.editedSince { head += style.dim(" · item edited since") }
            out.append(head)
            out.append("   " + wrap(item.question, width: 97, indent: "   "))
            for o in item.options where o.correct || o.chosen {
                out.append("   \(o.letter). " + wrap(o.text, width: 93, indent: "      "))
                out.append(style.dim("      " + wrap(o.rationale, width: 94, indent: "      ")))
            }
            out.append("   " + style.bold("Why: ") + wrap(item.explanation, width: 92, indent: "        "))
        }
        return out.joined(separator: "\n")
    }

    func render(_ r: ReadinessReport) -> String {
        var out: [String] = []
        let verdict: String = switch r.outcome {
        case .likelyPass: style.green(r.verdictText)
        case .likelyFail: style.red(r.verdictText)
        case .notEnoughEvidence: style.yellow(r.verdictText)
        }
        out.append(style.bold("Readiness for \(r.credentialID): ") + verdict)
        out.append("Probability of passing a real \(r.exam.questions)-question exam (pass at \(r.exam.passCount) right): \(pct(r.probabilityOfPassing)), "
            + "likely between \(pct(r.probabilityRange.low)) and \(pct(r.probabilityRange.high)).")
        out.append("Expected score on such an exam: \(pct(r.expectedScore.expected)); \(Int((r.expectedScore.level * 100).rounded())) times in 100 "
            + "between \(pct(r.expectedScore.low)) and \(pct(r.expectedScore.high)).")
        out.append(r.evidence.message)
        var table = TextTable(headers: ["DOMAIN", "WEIGHT", "FIRST ATTEMPTS", "RIGHT", "EXPECTED ON THE EXAM"])
        for d in r.domains {
            table.rows.append([d.title, pct(d.weight), "\(d.answered)", "\(d.correct)", bar(d.expectedProportion, width: 10) + " " + pct(d.expectedProportion)])
        }
        out.append(table.render())
        let titles = Dictionary(uniqueKeysWithValues: r.domains.map { ($0.domain, $0.title) })
        out.append("Study next: " + r.studyNext.map { titles[$0] ?? $0 }.joined(separator: "; "))
        out.append(style.dim(wrap("Range: " + r.probabilityRange.meaning, width: 100)))
        for a in r.assumptions { out.append(style.dim(wrap("Note: " + a, width: 100))) }
        return out.joined(separator: "\n")
    }
}

func pct(_ p: Double) -> String { "\(Int((p * 100).rounded()))%" }
