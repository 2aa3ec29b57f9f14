import Foundation
import MLCertCore
import MLCertStudies
import Psychometrics

/// One simulated learner of `mlcert simulate api`: registers, practises over the JSON API (drills, missed-question
/// drills answered from memory, mock exams, at most one diagnostic), and reads their readiness as the server states it.
struct APILearner {
    let number: Int
    let abilities: [Double]
    let client: JSONAPIClient
    let answerer: SimulatedAnswerer
    let credentialID: String
    var rng: SeededGenerator
    /// Questions whose key this learner has seen, and every question put in front of them (with when).
    var keySeen: Set<String> = []
    var seen: [String: Date] = [:]

    /// Registers the account (bearer token from then on).
    mutating func register(runID: String) async throws {
        let body = try await client.object("POST", "/api/v1/account/register",
            json: ["email": "sim-\(runID)-\(number)@example.org", "password": "simulated learner \(number)", "display_name": "Simulated \(number)"])
        client.token = body["token"] as? String
    }

    /// Between one and eight activities in random order: drills (60%), mock exams (20%), one diagnostic (20%); after a
    /// drill with misses, often a drill of the missed questions (answered from memory of their keys).
    mutating func practise() async throws {
        var diagnosed = false
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let roll = Double.random(in: 0..<1, using: &rng)
            if roll < 0.2 && !diagnosed {
                diagnosed = true
                try await session(["kind": "diagnostic", "credential": credentialID])
            } else if roll < 0.4 {
                try await session(["kind": "exam", "credential": credentialID])
            } else {
                let missed = try await session(["kind": "drill", "credential": credentialID, "count": Int.random(in: 10...20, using: &rng)])
                if missed > 0 && Double.random(in: 0..<1, using: &rng) < 0.7 {
                    try await session(["kind": "drill", "credential": credentialID, "missed": true, "count": 100])
                }
            }
        }
    }

    /// Runs one session to its end and returns how many answers were wrong.
    @discardableResult
    mutating func session(_ start: [String: Any]) async throws -> Int {
        let (status, body) = try await client.send("POST", "/api/v1/sessions", json: start, allowed: [409])
        guard status == 201, let detail = body as? [String: Any], let summary = detail["session"] as? [String: Any], let id = summary["id"] as? String,
            let kind = summary["kind"] as? String
        else { return 0 }
        var wrong = 0
        var presented: [String] = []
        var current = detail
        var position = 0
        while true {
            if kind == "diagnostic" {
                if let summary = current["session"] as? [String: Any], summary["finished"] as? Bool == true { break }
            } else {
                let total = (current["session"] as? [String: Any])?["questions"] as? Int ?? 0
                guard position < total else { break }
                current = try await client.object("GET", "/api/v1/sessions/\(id)?position=\(position)")
            }
            guard let question = current["question"] as? [String: Any], let shownPosition = question["position"] as? Int,
                let scenario = question["scenario"] as? String, let text = question["question"] as? String,
                let options = question["options"] as? [[String: Any]], let item = answerer.item(scenario: scenario, question: text)
            else { throw JSONAPIClient.Failure(method: "GET", path: "/api/v1/sessions/\(id)", status: 200, body: "a question mlcert's bank does not hold") }
            let shown = answerer.choose(item, optionTexts: options.compactMap { $0["text"] as? String }, abilities: abilities,
                keySeen: keySeen.contains(item.id), using: &rng)
            let letters = shown.map { ItemOption.letter(for: $0) }
            let result = try await client.object("POST", "/api/v1/sessions/\(id)/answers", json: ["position": shownPosition, "choices": letters])
            presented.append(item.id)
            seen[item.id] = Date()
            if let feedback = result["feedback"] as? [String: Any] {
                keySeen.insert(item.id)
                if feedback["correct"] as? Bool == false { wrong += 1 }
            }
            if kind == "diagnostic" {
                current = try await client.object("GET", "/api/v1/sessions/\(id)")
            } else {
                position += 1
            }
        }
        if kind == "exam" { try await client.send("POST", "/api/v1/sessions/\(id)/submit") }
        // A finished session's report shows every key.
        if kind == "exam" || kind == "diagnostic" { keySeen.formUnion(presented) }
        return wrong
    }

    /// The server's readiness for this learner: the probability, the verdict and the parameter set it used.
    func readiness() async throws -> (probability: Double, outcome: ReadinessOutcome, setVersion: Int) {
        let body = try await client.object("GET", "/api/v1/readiness?credential=\(credentialID)")
        let outcome = (body["outcome"] as? String).flatMap(ReadinessOutcome.init(rawValue:)) ?? .notEnoughEvidence
        let version = (body["parameters"] as? [String: Any])?["set_version"] as? Int ?? 0
        return (body["probability_of_passing"] as? Double ?? .nan, outcome, version)
    }
}
