import ArgumentParser
import Foundation
import MLCertContent
import MLCertCore
import Psychometrics

/// `mlcert calibrate`: item parameters from response data, by marginal maximum likelihood (Bock–Aitkin EM).
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate item parameters (1PL, 2PL or 3PL) from person,item,correct responses.",
        discussion: "Sparse data (each person answering a different subset) is the normal case. Anchors (item,a,b[,c]) stay fixed and put the other items on their scale.")

    enum Model: String, ExpressibleByArgument, CaseIterable { case onePL = "1pl", twoPL = "2pl", threePL = "3pl" }

    @Option(help: "CSV with header person,item,correct.") var responses: String
    @Option(help: "IRT model: 1pl, 2pl or 3pl.") var model: Model = .twoPL
    @Option(help: "CSV with header item,a,b[,c]: items whose parameters are fixed.") var anchors: String?
    @Option(help: "Quadrature points on [-6, 6].") var quadraturePoints: Int = 49
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let file: ResponseFile
        let anchorParameters: [Int: ItemParameters]
        do {
            file = try ResponseFile(csv: try readText(responses), file: responses)
            anchorParameters = try anchors.map { path throws -> [Int: ItemParameters] in try file.anchors(csv: try readText(path), file: path) } ?? [:]
        } catch let error as ContentErrors {
            throw ValidationFailure(message: error.description)
        }
        var options = CalibrationOptions(
            model: model == .onePL ? .rasch : model == .twoPL ? .twoPL : .threePL, quadrature: .grid(count: quadraturePoints),
            anchors: anchorParameters)
        let count = file.data.personCount
        let started = Date()
        let stderr = FileHandle.standardError
        stderr.write(Data("calibrating \(model.rawValue): \(count) people, \(file.data.itemCount) items\n".utf8))
        if count * file.data.itemCount > 200_000 {
            options.progress = { iteration, logLikelihood in
                if iteration % 10 == 0 { stderr.write(Data("  cycle \(iteration): log-likelihood \(String(format: "%.2f", logLikelihood))\n".utf8)) }
            }
        }
        let result = await Calibrator(options: options).calibrate(file.data)
        stderr.write(Data("done in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\n".utf8))
        let report = CalibrationReport(model: model.rawValue, file: file, result: result, anchors: Set(anchorParameters.keys))
        switch format {
        case .json: emit(try JSONOutput.encode(report))
        case .table: emit(report.renderTable())
        }
        if !result.converged { throw ExitCode(2) }
    }
}

/// Reads a whole text file or fails with its path.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationFailure(message: "cannot read '\(path)'") }
    return String(decoding: data, as: UTF8.self)
}

