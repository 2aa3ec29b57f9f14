import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MLCertServer
import Testing

/// Validates real responses against the OpenAPI document's response schemas with Python's `jsonschema` (installed
/// with openapi-spec-validator). The schemas of the server's own payloads forbid unknown properties, so a field added
/// to a response without documenting it, or documented but renamed, fails here.
private let validator = #"""
import json, sys
from jsonschema import Draft202012Validator
document = json.load(open(sys.argv[1]))
samples = json.load(open(sys.argv[2]))
failures = []
for sample in samples:
    operation = document["paths"][sample["path"]][sample["method"]]
    response = operation["responses"].get(str(sample["status"]))
    if response is None:
        failures.append(f'{sample["method"]} {sample["path"]}: status {sample["status"]} is not documented')
        continue
    schema = dict(response["content"]["application/json"]["schema"])
    schema["components"] = document["components"]
    for error in Draft202012Validator(schema).iter_errors(json.loads(sample["body"])):
        failures.append(f'{sample["method"]} {sample["path"]} {sample["status"]}: {error.message} at {list(error.absolute_path)}')
print("\n".join(failures[:40]))
print(f"checked {len(samples)} responses, {len(failures)} problems")
sys.exit(1 if failures else 0)
"""#

@Suite("Responses match the OpenAPI schemas")
struct ResponseSchemaTests {
    struct Sample: Encodable {
        let method: String
        let path: String
        let status: Int
        /// The response body as sent.
        let body: String
    }

    @Test("every JSON response of a full flow (account, catalog, advice, plan, drills, exams and diagnostics with their reports, a review with nothing due, progress, export and errors) matches its schema")
    func flowMatchesSchemas() async throws {
        let samples = try await TestApp(store: .sqlite).run { client -> [Sample] in
            var samples: [Sample] = []
            func record(_ method: HTTPRequest.Method, _ path: String, _ uri: String, headers: HTTPFields = [:], json: String? = nil) async throws -> TestResponse {
                let response = try await client.send(method, uri, headers: headers, json: json)
                if response.headers[.contentType]?.hasPrefix("application/json") == true {
                    samples.append(Sample(method: method.rawValue.lowercased(), path: path, status: response.status.code,
                        body: response.text))
                }
                return response
            }
            let register = try await record(.post, "/api/v1/account/register", "/api/v1/account/register",
                json: #"{"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada"}"#)
            let token = try #require(try register.json()["token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            _ = try await record(.post, "/api/v1/account/register", "/api/v1/account/register",
                json: #"{"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada"}"#)
            _ = try await record(.post, "/api/v1/account/login", "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#)
            _ = try await record(.post, "/api/v1/account/login", "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "wrong one!"}"#)
            _ = try await record(.get, "/api/v1/account", "/api/v1/account", headers: auth)
            _ = try await record(.get, "/api/v1/catalog", "/api/v1/catalog")
            _ = try await record(.get, "/api/v1/catalog/{id}", "/api/v1/catalog/google-pmle")
            _ = try await record(.get, "/api/v1/catalog/{id}", "/api/v1/catalog/google-pml")
            _ = try await record(.post, "/api/v1/advise", "/api/v1/advise", json: #"{"cloud": "aws", "employer_reimburses": true}"#)
            _ = try await record(.post, "/api/v1/advise", "/api/v1/advise", json: #"{"cloud": "mars"}"#)
            _ = try await record(.post, "/api/v1/plan", "/api/v1/plan", json: #"{"credential": "google-pmle", "hours_per_week": 6, "exam_date": "2027-03-01"}"#)
            _ = try await record(.get, "/health", "/health")
            _ = try await record(.get, "/ready", "/ready")
            for kind in ["drill", "exam", "diagnostic"] {
                let start = try await record(.post, "/api/v1/sessions", "/api/v1/sessions", headers: auth,
                    json: #"{"kind": "\#(kind)", "credential": "google-pmle", "count": 3}"#)
                let id = try sessionID(try start.json())
                for _ in 0..<3 {
                    let detail = try await record(.get, "/api/v1/sessions/{id}", "/api/v1/sessions/\(id)", headers: auth)
                    guard let current = try detail.json()["question"] as? [String: Any], let position = current["position"] as? Int,
                          let choose = current["choose"] as? Int else { break }
                    let letters = ["A", "B", "C"].prefix(choose).map { "\"\($0)\"" }.joined(separator: ",")
                    _ = try await record(.post, "/api/v1/sessions/{id}/answers", "/api/v1/sessions/\(id)/answers", headers: auth,
                        json: #"{"position": \#(position), "choices": [\#(letters)]}"#)
                    if kind == "exam" {
                        _ = try await record(.post, "/api/v1/sessions/{id}/views", "/api/v1/sessions/\(id)/views", headers: auth, json: #"{"position": \#(position + 1)}"#)
                    }
                }
                _ = try await record(.post, "/api/v1/sessions/{id}/flags", "/api/v1/sessions/\(id)/flags", headers: auth, json: #"{"position": 0, "flagged": true}"#)
                _ = try await record(.get, "/api/v1/sessions/{id}/report", "/api/v1/sessions/\(id)/report", headers: auth)
                _ = try await record(.post, "/api/v1/sessions/{id}/submit", "/api/v1/sessions/\(id)/submit", headers: auth)
                _ = try await record(.get, "/api/v1/sessions/{id}/report", "/api/v1/sessions/\(id)/report", headers: auth)
                _ = try await record(.post, "/api/v1/sessions/{id}/answers", "/api/v1/sessions/\(id)/answers", headers: auth, json: #"{"position": 0, "choices": ["A"]}"#)
            }
            _ = try await record(.post, "/api/v1/sessions", "/api/v1/sessions", headers: auth, json: #"{"kind": "review", "credential": "google-pmle"}"#)
            _ = try await record(.get, "/api/v1/sessions", "/api/v1/sessions", headers: auth)
            _ = try await record(.get, "/api/v1/sessions/{id}", "/api/v1/sessions/nope", headers: auth)
            _ = try await record(.put, "/api/v1/exam-date", "/api/v1/exam-date", headers: auth, json: #"{"credential": "google-pmle", "date": "2027-03-01"}"#)
            _ = try await record(.get, "/api/v1/progress", "/api/v1/progress?credential=google-pmle", headers: auth)
            _ = try await record(.get, "/api/v1/readiness", "/api/v1/readiness?credential=google-pmle", headers: auth)
            _ = try await record(.post, "/api/v1/plan", "/api/v1/plan", headers: auth, json: #"{"credential": "google-pmle", "from_progress": true}"#)
            _ = try await record(.get, "/api/v1/account/export", "/api/v1/account/export", headers: auth)
            _ = try await record(.get, "/api/v1/account", "/api/v1/account")
            return samples
        }
        #expect(samples.count > 40)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-schemas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let samplesFile = directory.appendingPathComponent("samples.json")
        try JSONEncoder().encode(samples).write(to: samplesFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", validator, OpenAPIDocument.path, samplesFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("checked \(samples.count) responses, 0 problems"), "\(text)")
    }
}
