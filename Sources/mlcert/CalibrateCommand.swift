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

/// What `mlcert calibrate --format json` prints.
struct CalibrationReport: Codable {
    struct Item: Codable {
        let item: String
        let responses: Int
        let anchor: Bool
        let a: Double
        let aSE: Double
        let b: Double
        let bSE: Double
        let c: Double
        let cSE: Double
        enum CodingKeys: String, CodingKey {
            case item, responses, anchor, a, b, c
            case aSE = "a_se"
            case bSE = "b_se"
            case cSE = "c_se"
        }
    }
    let model: String
    let people: Int
    let converged: Bool
    let iterations: Int
    let logLikelihood: Double
    let latentMean: Double
    let latentSD: Double
    let items: [Item]

    enum CodingKeys: String, CodingKey {
        case model, people, converged, iterations, items
        case logLikelihood = "log_likelihood"
        case latentMean = "latent_mean"
        case latentSD = "latent_sd"
    }

    init(model: String, file: ResponseFile, result: CalibrationResult, anchors: Set<Int>) {
        self.model = model
        people = file.data.personCount
        converged = result.converged
        iterations = result.iterations
        logLikelihood = result.logLikelihood
        latentMean = result.latentMean
        latentSD = result.latentSD
        items = file.itemIDs.indices.map { i in
            let p = result.items[i]
            let se = result.standardErrors[i]
            return Item(item: file.itemIDs[i], responses: result.responseCounts[i], anchor: anchors.contains(i),
                a: p.a, aSE: se.a, b: p.b, bSE: se.b, c: p.c, cSE: se.c)
        }
    }

    func renderTable() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var table = TextTable(headers: ["ITEM", "N", "A", "SE(A)", "B", "SE(B)", "C", "SE(C)"])
        for item in items {
            table.rows.append([item.item + (item.anchor ? " (anchor)" : ""), "\(item.responses)", f(item.a), f(item.aSE), f(item.b), f(item.bSE), f(item.c), f(item.cSE)])
        }
        return table.render() + "\n\n\(model): \(people) people, \(items.count) items; \(converged ? "converged" : "NOT converged") after \(iterations) EM cycles; "
            + "log-likelihood \(String(format: "%.3f", logLikelihood)); ability mean \(f(latentMean)), SD \(f(latentSD))"
    }
}
