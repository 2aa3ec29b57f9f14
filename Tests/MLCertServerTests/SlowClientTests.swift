import Foundation
import Testing

/// Slow and misbehaving clients against a real `mlcert serve` (the in-process test client has no connections), driven
/// by `Probes/slow_clients.py` over raw sockets on loopback.
@Suite("Slow clients and client aborts", .serialized)
struct SlowClientTests {
    /// Checked twice: without the idle timeout (`idleTimeout` not passed to the HTTP/1 channel) the idle connection,
    /// the unfinished head and the unsent body were still open after the wait; without `RequestDeadlineHandler` the
    /// trickled body was, and the 10 GB declared body got no answer until the wait ran out. Client aborts were logged as
    /// 500 "unhandled error" until `APIError.from` mapped the parser's end-of-stream error to `client_aborted`.
    @Test("idle connections, unfinished heads and bodies are closed on time; a declared 10 GB body is refused at once; an abort is logged as one")
    func slowClients() async throws {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-slow-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let (server, url, _) = try GracefulShutdownTests.serve(extra: ["--bcrypt-cost", "4", "--idle-timeout", "1", "--request-timeout", "2.5"], log: log)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Probes/slow_clients.py").path
        probe.arguments = ["python3", script, url, "8"]
        let data = Data(try await outputToEnd(of: probe).utf8)
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [Any]], "\(String(decoding: data, as: UTF8.self))")
        func closedAfter(_ name: String) -> Double? { results[name]?.first as? Double }
        func firstLine(_ name: String) -> String? { results[name]?.last as? String }

        for name in ["idle", "unfinished_head", "unsent_body"] {
            let seconds = try #require(closedAfter(name), "\(name) was still open after 8 s")
            #expect(seconds >= 0.5 && seconds < 4, "\(name) closed after \(seconds) s")
        }
        let trickled = try #require(closedAfter("trickled_body"), "the trickled body was still open after 8 s")
        #expect(trickled >= 2 && trickled < 6, "trickled body closed after \(trickled) s")
        let huge = try #require(closedAfter("huge_declared_body"), "the 10 GB body's connection was still open after 8 s")
        #expect(huge < 0.9, "the 10 GB body's connection closed after \(huge) s, not at once")
        #expect(firstLine("huge_declared_body")?.hasPrefix("HTTP/1.1 413") == true, "\(String(describing: firstLine("huge_declared_body")))")

        try log.synchronize()
        let lines = try String(contentsOf: logFile, encoding: .utf8)
        #expect(lines.contains("client_aborted"), "\(lines.suffix(2000))")
        #expect(!lines.contains("unhandled error"), "\(lines.suffix(2000))")
        #expect(!lines.contains("status=500"), "\(lines.suffix(2000))")
    }
}
