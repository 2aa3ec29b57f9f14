import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice
import MLCertStudies
import Psychometrics

/// `mlcert calibrate`: item parameters by marginal maximum likelihood (Bock–Aitkin EM), from a response file or from
/// the learner store, where `--apply` saves them as the parameter set practice uses.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate item parameters (1PL, 2PL or 3PL) from a person,item,correct file, or a credential's bank from the learner store.",
        discussion: """
            From a file: sparse data (each person answering a different subset) is the normal case; anchors (item,a,b[,c]) stay fixed and put the other \
            items on their scale. From the store (--database and --cert): every learner's first attempts (answers given before the key was shown), \
            3PL with the question writers' estimates as priors, linked to the newest parameter set; --apply saves the result as the next set, which \
            practice, diagnostics, reports and readiness use at once (items with fewer than --min-responses answers keep the writers' estimates).
            """)

    enum Model: String, ExpressibleByArgument, CaseIterable { case onePL = "1pl", twoPL = "2pl", threePL = "3pl" }

    @Option(help: "CSV with header person,item,correct.") var responses: String?
    @Option(help: "The learner database to calibrate from (a SQLite path or a postgres:// URL).") var database: String?
    @Option(help: "With --database: the credential whose bank to calibrate.") var cert: String?
    @Flag(help: "With --database: save the result as the credential's next parameter set.") var apply = false
    @Option(help: "With --database: answers an item needs before its calibration is used.") var minResponses = BankCalibration().minimumResponses
    @OptionGroup var contentOptions: ContentOptions
    @Option(help: "IRT model: 1pl, 2pl or 3pl (default: 2pl from a file, 3pl from the store).") var model: Model?
    @Option(help: "With --responses: CSV with header item,a,b[,c]: items whose parameters are fixed.") var anchors: String?
    @Option(help: "Quadrature points on [-6, 6].") var quadraturePoints: Int = 49
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Flag(help: "With --responses: show reading progress on stderr from the start (by default: on a terminal, or once reading takes 1 s).")
    var progress = false

    func validate() throws {
        guard (responses == nil) != (database == nil) else { throw ValidationError("give either --responses FILE or --database DB --cert ID") }
        if database != nil && cert == nil { throw ValidationError("--database needs --cert ID") }
        if responses != nil && (cert != nil || apply) { throw ValidationError("--cert and --apply go with --database") }
        if database != nil && anchors != nil { throw ValidationError("--anchors goes with --responses (the store links to the newest set itself)") }
        if minResponses < 1 { throw ValidationError("--min-responses must be at least 1") }
    }

    func run() async throws {
        if let database, let cert { try await fromStore(database: database, cert: cert) } else if let responses { try await fromFile(responses) }
    }

    private func fromFile(_ path: String) async throws {
        let stderr = FileHandle.standardError
        let started = Date()
        let clock = ContinuousClock()
        let file: ResponseFile
        let anchorParameters: [Int: ItemParameters]
        do {
            var shown = ReadProgress(label: "reading \(path)", terminal: isatty(STDERR_FILENO) == 1, forced: progress, started: clock.now)
            file = try ResponseFile(contentsOf: path) { fraction in
                if let text = shown.text(for: fraction, at: clock.now) { stderr.write(Data(text.utf8)) }
            }
            anchorParameters = try anchors.map { anchorPath throws -> [Int: ItemParameters] in try file.anchors(csv: try readText(anchorPath), file: anchorPath) } ?? [:]
        } catch let error as ContentErrors {
            throw ValidationFailure(message: error.description)
        }
        let model = self.model ?? .twoPL
        var options = CalibrationOptions(
            model: model.irtModel, quadrature: .grid(count: quadraturePoints), anchors: anchorParameters)
        let count = file.data.personCount
        stderr.write(Data("read \(file.data.responseCount) responses in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; calibrating \(model.rawValue): \(count) people, \(file.data.itemCount) items\n".utf8))
        if count * file.data.itemCount > 200_000 { options.progress = Self.progress }
        let calibrating = Date()
        let result = await Calibrator(options: options).calibrate(file.data)
        stderr.write(Data("calibrated in \(String(format: "%.2f", Date().timeIntervalSince(calibrating))) s\n".utf8))
        let report = CalibrationReport(model: model.rawValue, itemIDs: file.itemIDs, people: file.data.personCount, result: result, anchors: Set(anchorParameters.keys))
        switch format {
        case .json: emit(try JSONOutput.encode(report))
        case .table: emit(report.renderTable())
        }
        if !result.converged { throw ExitCode(2) }
    }

    private func fromStore(database: String, cert: String) async throws {
        let stderr = FileHandle.standardError
        try await StoreOptions.withService(at: database, content: contentOptions) { service in
            let calibration = StoreCalibration(practice: service,
                calibration: BankCalibration(model: (model ?? .threePL).irtModel, minimumResponses: minResponses))
            do {
                let collected = try await calibration.responses(credentialID: cert, shuffleSeed: 0)
                guard collected.data.responseCount > 0 else { throw ValidationFailure(message: "error: no learner has answered a question of \(cert) yet") }
                stderr.write(Data("calibrating \(cert): \(collected.learners) learners, \(collected.data.responseCount) first attempts, \(collected.items.count) items\n".utf8))
                let previous = try await service.store.newestParameterSet(credentialID: cert)
                let set = await calibration.calibration.calibrate(collected, previous: previous, at: service.clock(),
                    progress: collected.data.responseCount > 200_000 ? Self.progress : nil)
                let saved = apply ? try await service.store.saveParameterSet(set) : set
                let report = ParameterSetReport(set: saved, saved: apply, previous: previous)
                switch format {
                case .json: emit(try JSONOutput.encodeSnakeCase(report))
                case .table: emit(report.renderText())
                }
                if !set.converged { throw ExitCode(2) }
            } catch let error as PracticeError {
                throw ValidationFailure(message: "error: \(error)")
            }
        }
    }

    @Sendable static func progress(_ iteration: Int, _ logLikelihood: Double) {
        if iteration % 10 == 0 { FileHandle.standardError.write(Data("  cycle \(iteration): log-likelihood \(String(format: "%.2f", logLikelihood))\n".utf8)) }
    }
}

extension CalibrateCommand.Model {
    var irtModel: IRTModel {
        switch self {
        case .onePL: .rasch
        case .twoPL: .twoPL
        case .threePL: .threePL
        }
    }
}

/// Reads a whole text file or fails with its path.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationFailure(message: "cannot read '\(path)'") }
    return String(decoding: data, as: UTF8.self)
}
