import Foundation
import MLCertCore
import Psychometrics

/// What `mlcert calibrate --format json` prints: each item's parameters, standard errors and response count, and how
/// the EM run went.
public struct CalibrationReport: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public let item: String
        public let responses: Int
        public let anchor: Bool
        public let a: Double
        public let aSE: Double
        public let b: Double
        public let bSE: Double
        public let c: Double
        public let cSE: Double
        enum CodingKeys: String, CodingKey {
            case item, responses, anchor, a, b, c
            case aSE = "a_se"
            case bSE = "b_se"
            case cSE = "c_se"
        }
    }
    public let model: String
    public let people: Int
    public let converged: Bool
    public let iterations: Int
    public let logLikelihood: Double
    public let latentMean: Double
    public let latentSD: Double
    public let items: [Item]

    enum CodingKeys: String, CodingKey {
        case model, people, converged, iterations, items
        case logLikelihood = "log_likelihood"
        case latentMean = "latent_mean"
        case latentSD = "latent_sd"
    }

    /// The report of `result`, for items named `itemIDs` (in the calibration's item order) answered by `people`.
    public init(model: String, itemIDs: [String], people: Int, result: CalibrationResult, anchors: Set<Int>) {
        self.model = model
        self.people = people
        converged = result.converged
        iterations = result.iterations
        logLikelihood = result.logLikelihood
        latentMean = result.latentMean
        latentSD = result.latentSD
        items = itemIDs.indices.map { i in
            let p = result.items[i]
            let se = result.standardErrors[i]
            return Item(item: itemIDs[i], responses: result.responseCounts[i], anchor: anchors.contains(i),
                a: p.a, aSE: se.a, b: p.b, bSE: se.b, c: p.c, cSE: se.c)
        }
    }

    public func renderTable() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var table = TextTable(headers: ["ITEM", "N", "A", "SE(A)", "B", "SE(B)", "C", "SE(C)"])
        for item in items {
            table.rows.append([item.item + (item.anchor ? " (anchor)" : ""), "\(item.responses)", f(item.a), f(item.aSE), f(item.b), f(item.bSE), f(item.c), f(item.cSE)])
        }
        return table.render() + "\n\n\(model): \(people) people, \(items.count) items; \(converged ? "converged" : "NOT converged") after \(iterations) EM cycles; "
            + "log-likelihood \(String(format: "%.3f", logLikelihood)); ability mean \(f(latentMean)), SD \(f(latentSD))"
    }
}
