import ArgumentParser
import Foundation
import MLCertCore
import MLCertPractice

/// `mlcert progress`: readiness now and over time, reviews due, and what to study next.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress", abstract: "See your readiness, its history, reviews due and what to study next.",
        discussion: "Re-plan from these results with: mlcert plan --cert ID --from-progress")

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Credential id.") var cert: String
    @Option(help: "Your exam date, YYYY-MM-DD (saved for this credential).") var examDate: String?
    @Option(help: "Pass mark assumed where the vendor publishes none (default 0.7).") var assumedPass = ExamFormat.defaultAssumedProportion
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        try await storeOptions.withService(content: contentOptions) { service in
            do {
                try await saveExamDate(examDate, cert: cert, learnerID: storeOptions.learnerID, service: service)
                let report = try await service.progress(learnerID: storeOptions.learnerID, credentialID: cert, assumedPass: assumedPass)
                if format == .json { emitLine(PracticeJSON.line(report)); return }
                let style = TerminalStyle.detect()
                var out = [ReportText(style: style).render(report.readiness), ""]
                if !report.history.isEmpty {
                    var table = TextTable(headers: ["FINISHED", "SESSION", "KIND", "ANSWERED", "P(PASS)", "VERDICT"])
                    for p in report.history {
                        table.rows.append([p.at.formatted(date: .abbreviated, time: .shortened), String(p.sessionID.prefix(8)), p.kind.rawValue, "\(p.answered)",
                            bar(p.probabilityOfPassing, width: 10) + " " + pct(p.probabilityOfPassing), p.outcome])
                    }
                    out.append(style.bold("Readiness over time"))
                    out.append(table.render())
                    out.append("")
                }
                out.append("Sessions: " + report.sessionsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + " · \(report.answersGiven) answers")
                let next = report.nextReviewAt.map { ", next due \($0.formatted(date: .abbreviated, time: .shortened))" } ?? ""
                out.append("Reviews due now: \(report.reviewsDue)\(next)")
                if let day = report.examDate, let left = report.daysToExam { out.append("Exam: \(day) (\(left) days)") }
                emit(out.joined(separator: "\n"))
            } catch { throw practiceFailure(error) }
        }
    }
}

/// `mlcert history`: the sessions so far, or one session's report.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List your sessions, or show one session's full report.")

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "A session id (or the start of one) to show its report.") var session: String?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        try await storeOptions.withService(content: contentOptions) { service in
            do {
                let sessions = try await service.sessions(learnerID: storeOptions.learnerID)
                if let session {
                    let matches = sessions.filter { $0.header.id.hasPrefix(session) }
                    guard matches.count == 1, let match = matches.first else {
                        throw ValidationFailure(message: matches.isEmpty ? "error: no session starting with '\(session)'" : "error: '\(session)' matches \(matches.count) sessions; give more of the id")
                    }
                    let report = try await service.report(session: match.header.id, learnerID: storeOptions.learnerID)
                    if format == .json { emitLine(PracticeJSON.line(report)) } else { emit(ReportText(style: .detect()).render(report)) }
                    return
                }
                struct Row: Encodable { let id: String; let kind: SessionKind; let credentialId: String; let startedAt: Date; let finishedAt: Date?; let finishReason: FinishReason?; let questions: Int; let answered: Int; let correct: Int? }
                let rows = sessions.map { s in
                    Row(id: s.header.id, kind: s.header.kind, credentialId: s.header.credentialID, startedAt: s.header.startedAt, finishedAt: s.finished?.at,
                        finishReason: s.finished?.reason, questions: s.items.count, answered: s.answers.count,
                        correct: s.isFinished || s.header.kind.givesImmediateFeedback ? s.correctCount : nil)
                }
                if format == .json { emitLine(PracticeJSON.line(rows)); return }
                var table = TextTable(headers: ["SESSION", "KIND", "CREDENTIAL", "STARTED", "STATUS", "SCORE"])
                for r in rows {
                    let status = r.finishReason.map { $0 == .timeUp ? "time up" : "done" } ?? "open"
                    let score = r.correct.map { "\($0)/\(r.questions)" } ?? "\(r.answered)/\(r.questions) answered"
                    table.rows.append([String(r.id.prefix(8)), r.kind.rawValue, r.credentialId, r.startedAt.formatted(date: .abbreviated, time: .shortened), status, score])
                }
                emit(rows.isEmpty ? "No sessions yet. Start with: mlcert practice --cert ID" : table.render())
            } catch { throw practiceFailure(error) }
        }
    }
}
