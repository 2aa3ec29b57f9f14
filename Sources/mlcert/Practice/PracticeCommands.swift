import ArgumentParser
import Foundation
import MLCertCore
import MLCertPractice

/// Options for commands that run a session.
struct SessionOptions: ParsableArguments {
    @Option(help: "Credential id, e.g. aws-mla-c01.") var cert: String
    @Option(help: "text (a person at a terminal) or json (one JSON object per line, for scripts).") var format: SessionFormat = .text
    @Option(help: "Read keys from this file instead of standard input.") var input: String?
    @Option(help: "Seed for the form, option order and adaptive choices (default: random).") var seed: UInt64?

    enum SessionFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func renderer(_ service: PracticeService) -> SessionRenderer {
        SessionRenderer(json: format == .json, style: format == .json ? TerminalStyle(enabled: false) : .detect(), catalog: service.catalog)
    }

    /// What every session command does: resume the learner's open session of `kind` for `cert` (unless `fresh`), or
    /// start one with `start`, then run it until it ends or the learner quits.
    ///
    /// `start` returns nil when there is nothing to start (a review with nothing due); it may print why.
    func resumeOrStart(_ kind: SessionKind, fresh: Bool = false, store: StoreOptions, content: ContentOptions,
                       prepare: (PracticeService) async throws -> Void = { _ in },
                       start: (PracticeService, SessionRenderer) async throws -> SessionState?) async throws {
        try await store.withService(content: content) { service in
            do {
                _ = try await service.learner(id: store.learnerID)
                try await prepare(service)
                let renderer = renderer(service)
                let state: SessionState
                if !fresh, let open = try await service.openSession(kind: kind, learnerID: store.learnerID, credentialID: cert) {
                    renderer.message("Resuming your \(kind.noun) started \(open.header.startedAt.formatted()) (\(open.answers.count) of \(open.items.count) answered).", event: "resumed")
                    state = open
                } else {
                    guard let started = try await start(service, renderer) else { return }
                    state = started
                }
                try await SessionRunner(service: service, learnerID: store.learnerID, renderer: renderer, resumeHint: "mlcert \(kind.command) --cert \(cert)")
                    .run(state, input: try LineSource.lines(from: input))
            } catch { throw practiceFailure(error) }
        }
    }
}

extension SessionKind {
    /// The session as the terminal names it.
    var noun: String {
        switch self {
        case .practice: "drill"
        case .exam: "mock exam"
        case .diagnostic: "diagnostic"
        case .review: "review"
        }
    }

    /// The subcommand that runs this kind.
    var command: String {
        switch self {
        case .practice: "practice"
        case .exam: "exam"
        case .diagnostic: "diagnose"
        case .review: "review"
        }
    }
}

/// Saves `text` (YYYY-MM-DD) as the learner's exam date for `cert`, if given.
func saveExamDate(_ text: String?, cert: String, learnerID: String, service: PracticeService) async throws {
    guard let text else { return }
    guard let day = Day(text) else { throw ValidationFailure(message: "--exam-date: '\(text)' is not a date; expected YYYY-MM-DD") }
    _ = try await service.learner(id: learnerID)
    try await service.setExamDate(day, credentialID: cert, learnerID: learnerID)
}

/// Maps engine errors to messages with exit code 1.
func practiceFailure(_ error: any Error) -> any Error {
    switch error {
    case let e as PracticeError: ValidationFailure(message: "error: \(e.description)")
    case let e as SessionError: ValidationFailure(message: "error: \(e.description)")
    case let e as CatalogError: ValidationFailure(message: "error: \(e.description)")
    case let e as ExamFormat.FormatError: ValidationFailure(message: "error: \(e.description)")
    case let e as ReadinessEstimator.EstimateError: ValidationFailure(message: "error: \(e.description)")
    case let e as StoreError: ValidationFailure(message: "error: \(e.description)")
    default: error
    }
}

/// `mlcert practice`: a drill with feedback after every answer.
struct PracticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "practice", abstract: "Drill questions by domain or objective, with feedback after each answer.",
        discussion: "Resumes your open drill for the credential unless --new is given.\n\n" + KeyCommand.helpText)

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var session: SessionOptions
    @Option(name: .customLong("domain"), help: "Domain id (repeatable).") var domains: [String] = []
    @Option(name: .customLong("objective"), help: "Objective id (repeatable).") var objectives: [String] = []
    @Option(help: "Number of questions.") var count = 10
    @Flag(help: "Only questions you have never answered.") var unseen = false
    @Flag(help: "Only questions whose latest answer was wrong.") var missed = false
    @Flag(help: "Only questions you flagged.") var flagged = false
    @Flag(help: "Start a new drill even if one is open.") var new = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let filter = DrillSelector.Filter(domains: Set(domains), objectives: Set(objectives), unseen: unseen, missed: missed, flagged: flagged, count: count)
        try await session.resumeOrStart(.practice, fresh: new, store: storeOptions, content: contentOptions) { service, _ in
            try await service.startDrill(learnerID: storeOptions.learnerID, credentialID: session.cert, filter: filter, seed: session.seed)
        }
    }
}

/// `mlcert exam`: a timed mock exam in the real format.
struct ExamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exam", abstract: "Sit a timed mock exam in the real exam's format.",
        discussion: """
            The form has the real exam's question count and time, spread over the exam guide's domains by weight, with
            options shuffled; a new form each time (--seed reproduces one). No feedback until you submit. The clock is
            fixed when the exam starts and keeps running if you quit: resume with the same command before it runs out,
            or the exam is submitted with the answers recorded by the deadline.

            """ + KeyCommand.helpText)

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var session: SessionOptions
    @Option(help: "A time limit in minutes other than the real one (the report says so).") var minutes: Double?
    @Option(help: "Pass mark assumed where the vendor publishes none, as a proportion (default 0.7).") var assumedPass = ExamFormat.defaultAssumedProportion

    func validate() throws {
        if let minutes, minutes <= 0 { throw ValidationError("--minutes must be positive") }
        guard assumedPass > 0, assumedPass < 1 else { throw ValidationError("--assumed-pass must be between 0 and 1") }
    }

    func run() async throws {
        try await session.resumeOrStart(.exam, store: storeOptions, content: contentOptions) { service, renderer in
            let state = try await service.startExam(learnerID: storeOptions.learnerID, credentialID: session.cert, seed: session.seed,
                timeLimitMinutes: minutes, assumedPass: assumedPass)
            if let note = state.header.settings.formNote { renderer.message(note, event: "note") }
            return state
        }
    }
}

/// `mlcert diagnose`: an adaptive test that ends with per-domain ability and readiness.
struct DiagnoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diagnose", abstract: "Take an adaptive diagnostic: per-domain strength and readiness in as few questions as the evidence allows.",
        discussion: "Resumes your open diagnostic for the credential.\n\n" + KeyCommand.helpText)

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var session: SessionOptions
    @Option(help: "Never stop before this many questions.") var minItems = DiagnosticSelector.defaultMinItems
    @Option(help: "Always stop at this many questions.") var maxItems = DiagnosticSelector.defaultMaxItems
    @Option(help: "Stop when the ability estimate's standard error is this small.") var targetSe = DiagnosticSelector.defaultTargetStandardError
    @Option(help: "Pass mark assumed where the vendor publishes none (default 0.7).") var assumedPass = ExamFormat.defaultAssumedProportion

    func validate() throws {
        guard minItems >= 1, maxItems >= minItems else { throw ValidationError("need 1 <= --min-items <= --max-items") }
        guard targetSe > 0 else { throw ValidationError("--target-se must be positive") }
    }

    func run() async throws {
        try await session.resumeOrStart(.diagnostic, store: storeOptions, content: contentOptions) { service, _ in
            try await service.startDiagnostic(learnerID: storeOptions.learnerID, credentialID: session.cert, seed: session.seed,
                minItems: minItems, maxItems: maxItems, targetStandardError: targetSe, assumedPass: assumedPass)
        }
    }
}

/// `mlcert review`: spaced review of what was missed.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Review the questions and concepts you missed, when FSRS says they are due.",
        discussion: """
            A missed question creates two cards: the question itself and its exam-guide objective (reviewed through
            another question of that objective where the bank has one). Right answers are rated Good, wrong ones Again.
            With an exam date set (--exam-date), no review is scheduled after the exam.

            """ + KeyCommand.helpText)

    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var session: SessionOptions
    @Option(help: "At most this many questions.") var limit = 20
    @Option(help: "Your exam date, YYYY-MM-DD (saved for this credential).") var examDate: String?

    func run() async throws {
        try await session.resumeOrStart(.review, store: storeOptions, content: contentOptions, prepare: { service in
            try await saveExamDate(examDate, cert: session.cert, learnerID: storeOptions.learnerID, service: service)
        }) { service, renderer in
            if let state = try await service.startReview(learnerID: storeOptions.learnerID, credentialID: session.cert, limit: limit, seed: session.seed) {
                return state
            }
            let next = try await service.deck(learnerID: storeOptions.learnerID).upcoming(credential: session.cert).first
            let when = next.map { "The next card is due \(Date(timeIntervalSince1970: $0.card.due.secondsSinceEpoch).formatted())." }
                ?? "You have no cards yet: missed questions become cards."
            renderer.message("Nothing is due for review. " + when, event: "nothing_due")
            return nil
        }
    }
}
