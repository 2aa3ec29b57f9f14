import ArgumentParser
import Foundation
import MLCertCore
import MLCertStudies
import Psychometrics

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `mlcert simulate api`: simulated learners practising over the JSON API of a running `mlcert serve`, then the
/// server's readiness checked against a simulated real exam, before and after the server recalibrates the bank.
struct SimulateAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Simulated learners over the JSON API of a running mlcert serve: readiness before and after it recalibrates.",
        discussion: """
            Start the server with --recalibrate-interval and --metrics-token (and a low --bcrypt-cost and --trust-forwarded-for for speed and one address per \
            learner). Every learner registers, practises (drills, drills of missed questions answered from memory, mock exams, a diagnostic) \
            answering from the same truth as `mlcert simulate readiness`, and reads /api/v1/readiness. The command then waits for /metrics to \
            show a calibrated parameter set that stays the newest for --settle seconds (so that it rests on every answer), reads every learner's \
            readiness again, sits each learner's real exam locally, and reports both phases with the request count and latency, how many items \
            the set calibrated, the answers the server stored and the requests it answered with a 5xx. Exits 2 when no calibration appeared in \
            time. The questions are the ones the server serves: written items and computed families' instances (MLCERT_GENERATED_PER_FAMILY \
            must be the same for both).
            """)

    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "The server's base URL.") var url: String
    @Option(help: "Credential to practise.") var cert: String = "google-pmle"
    @Option(help: "Simulated learners.") var learners: Int = 50
    @Option(help: "Learners practising at once.") var concurrency: Int = 4
    @Option(help: "Random seed (the truth, the learners).") var seed: UInt64 = 11
    @Option(help: "Seconds to wait for the server to publish a calibrated parameter set.") var waitForCalibration: Double = 120
    @Option(help: "Seconds the newest parameter set must stay the newest before readiness is read again; more than the server's --recalibrate-interval.")
    var settle: Double = 10
    @Option(help: "The server's --metrics-token, to read which parameter set is in use from /metrics (default: $MLCERT_METRICS_TOKEN).")
    var metricsToken: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    struct Report: Codable {
        struct Phase: Codable {
            let parameterSetVersions: [Int: Int]
            let condition: ReadinessValidationReport.Condition
        }
        let credential: String
        let learners: Int
        let seed: UInt64
        let requests: Int
        let seconds: Double
        let requestsPerSecond: Double
        let latencyP50Milliseconds: Double
        let latencyP99Milliseconds: Double
        let calibratedSet: Int
        /// Whether the set stayed the newest for `--settle` seconds (so it rests on every answer of the run).
        let settled: Bool
        /// Items of the bank whose calibration the set uses (they reached the server's --min-responses), out of `bankItems`.
        let calibratedItems: Int
        let bankItems: Int
        let calibrationLearners: Int
        let secondsWaitingForCalibration: Double
        /// From the server's /metrics at the end: answers stored, and requests answered with a 5xx since it started.
        let answersRecorded: Int
        let serverErrors: Int
        let passRate: Double
        let beforeCalibration: Phase
        let afterCalibration: Phase
        let probabilityChanged: Int
    }

    func run() async throws {
        guard learners > 0, concurrency > 0, let base = URL(string: url) else { throw ValidationFailure(message: "error: need a URL, --learners and --concurrency above 0") }
        guard let metricsToken = metricsToken ?? ProcessInfo.processInfo.environment["MLCERT_METRICS_TOKEN"], !metricsToken.isEmpty else {
            throw ValidationFailure(message: "error: --metrics-token (or MLCERT_METRICS_TOKEN) is needed: the server shows /metrics only with it")
        }
        let bank = try StudyBank(content: contentOptions, cert: cert, served: true)
        let cohort = SimulatedCohort(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items, seed: seed)
        let answerer = SimulatedAnswerer(cohort: cohort, items: bank.items, blueprint: bank.blueprint, credentialID: cert)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        // Bearer tokens only: a cookie the server sets for one learner (a browser login) must not travel with the
        // next learner's requests, where the CSRF check would refuse it.
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        let session = URLSession(configuration: configuration)
        let runID = "\(seed)-\(UInt32.random(in: 0...UInt32.max))"
        let started = Date()

        // Phase 1: everyone practises and reads readiness.
        var done: [APILearner] = []
        var before: [Int: (Double, ReadinessOutcome, Int)] = [:]
        try await withThrowingTaskGroup(of: (APILearner, (Double, ReadinessOutcome, Int)).self) { group in
            var next = 0
            func add() {
                let k = next
                next += 1
                let learner = cohort.learner(k)
                group.addTask {
                    var agent = APILearner(number: k, abilities: learner.abilities,
                        client: JSONAPIClient(base: base, session: session, clientAddress: "10.\(k / 65_536 % 256).\(k / 256 % 256).\(k % 256)"),
                        answerer: answerer, credentialID: cert, rng: SeededGenerator(seed: seed &+ UInt64(k) &* 0x9E37_79B9))
                    try await agent.register(runID: runID)
                    try await agent.practise()
                    return (agent, try await agent.readiness())
                }
            }
            for _ in 0..<min(concurrency, learners) { add() }
            while let (agent, readiness) = try await group.next() {
                done.append(agent)
                before[agent.number] = readiness
                if next < learners { add() }
            }
        }
        done.sort { $0.number < $1.number }

        // Phase 2: wait for a calibrated set that stays the newest for --settle seconds (a round that began before
        // the last answer may have saved a set without it; the next round then saves another), then read readiness again.
        let metricsClient = JSONAPIClient(base: base, session: session, clientAddress: "10.255.255.254")
        func scrape() async throws -> MetricsScrape { MetricsScrape(try await metricsClient.text("/metrics", bearer: metricsToken)) }
        let waitStarted = Date()
        var metrics = try await scrape()
        var version = metrics.parameterSetVersion(credential: cert)
        var newestSince = Date()
        var settled = false
        while Date().timeIntervalSince(waitStarted) < waitForCalibration {
            if version >= 1 && Date().timeIntervalSince(newestSince) >= settle {
                settled = true
                break
            }
            try await Task.sleep(for: .milliseconds(500))
            metrics = try await scrape()
            let now = metrics.parameterSetVersion(credential: cert)
            if now != version { (version, newestSince) = (now, Date()) }
        }
        let waited = Date().timeIntervalSince(waitStarted)
        var after: [Int: (Double, ReadinessOutcome, Int)] = [:]
        for agent in done { after[agent.number] = try await agent.readiness() }
        let seconds = Date().timeIntervalSince(started)
        metrics = try await scrape()

        // The real exams.
        let exam = RealExam(blueprint: bank.blueprint, format: bank.format, items: bank.items, trueParameters: cohort.trueParameters)
        var rng = SeededGenerator(seed: seed ^ 0xE8A3)
        let passed = done.map { exam.sit(lastSeen: $0.seen, abilities: $0.abilities, using: &rng).passed }
        func phase(_ name: String, _ readings: [Int: (Double, ReadinessOutcome, Int)]) -> Report.Phase {
            let stated = done.map { (p: readings[$0.number]!.0, outcome: readings[$0.number]!.1) }
            var versions: [Int: Int] = [:]
            for agent in done { versions[readings[agent.number]!.2, default: 0] += 1 }
            return Report.Phase(parameterSetVersions: versions,
                condition: .init(name: name, description: "readiness as /api/v1/readiness stated it", stated: stated, passed: passed, bins: 10))
        }
        let latencies = done.flatMap(\.client.latencies).sorted()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(p * Double(latencies.count)))] * 1000 }
        let report = Report(
            credential: cert, learners: learners, seed: seed, requests: latencies.count, seconds: seconds,
            requestsPerSecond: Double(latencies.count) / max(seconds - waited, 1e-9), latencyP50Milliseconds: percentile(0.5),
            latencyP99Milliseconds: percentile(0.99), calibratedSet: version, settled: settled,
            calibratedItems: metrics.value("mlcert_parameter_set_items_in_use", credential: cert), bankItems: bank.items.count,
            calibrationLearners: metrics.value("mlcert_parameter_set_learners", credential: cert), secondsWaitingForCalibration: waited,
            answersRecorded: metrics.value("mlcert_answers_recorded"), serverErrors: metrics.serverErrors,
            passRate: Double(passed.filter { $0 }.count) / Double(passed.count), beforeCalibration: phase("before", before), afterCalibration: phase("after", after),
            probabilityChanged: done.filter { abs(before[$0.number]!.0 - after[$0.number]!.0) > 1e-9 }.count)
        switch format {
        case .json: emit(try JSONOutput.encodeSnakeCase(report))
        case .table: emit(Self.render(report))
        }
        if version < 1 { throw ExitCode(2) }
    }

    static func render(_ r: Report) -> String {
        func f(_ x: Double, _ d: Int = 3) -> String { String(format: "%.\(d)f", x) }
        func rate(_ x: Double?) -> String { x.map { f($0 * 100, 1) + "%" } ?? "—" }
        var lines = [
            "\(r.learners) simulated learners on \(r.credential) over the JSON API: \(r.requests) requests in \(f(r.seconds, 1)) s "
                + "(\(f(r.requestsPerSecond, 1)) requests/s while practising; latency p50 \(f(r.latencyP50Milliseconds, 1)) ms, p99 \(f(r.latencyP99Milliseconds, 1)) ms)",
            "Parameter set \(r.calibratedSet) (\(r.settled ? "settled" : "NOT settled: still changing")) after waiting \(f(r.secondsWaitingForCalibration, 1)) s "
                + "calibrates \(r.calibratedItems) of \(r.bankItems) items on \(r.calibrationLearners) learners; \(r.probabilityChanged) learners' probability changed; "
                + "\(f(r.passRate * 100, 1))% passed their real exam.",
            "The server stored \(r.answersRecorded) answers and answered \(r.serverErrors) requests with a 5xx.",
        ]
        for (name, phase) in [("before", r.beforeCalibration), ("after", r.afterCalibration)] {
            let c = phase.condition
            lines.append("\(name) calibration (sets in use: \(phase.parameterSetVersions.sorted { $0.key < $1.key }.map { "v\($0.key) × \($0.value)" }.joined(separator: ", "))): "
                + "ECE \(f(c.expectedCalibrationError)), Brier \(f(c.brierScore)) (base rate \(f(c.baseRateBrierScore))), likely pass \(c.likelyPass.count) "
                + "(wrong \(rate(c.likelyPass.wrongRate))), likely fail \(c.likelyFail.count) (wrong \(rate(c.likelyFail.wrongRate)))")
        }
        return lines.joined(separator: "\n")
    }
}
