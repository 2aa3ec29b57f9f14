import Foundation
import Testing

/// The short version of `bench/load/run faults`: `mlcert serve` killed with SIGKILL under load three times, PostgreSQL
/// restarted under load (with the Postgres trait), and the SQLite disk filling up (as root, on a small tmpfs). After
/// each, every answer the server acknowledged must be in the store, every session must still load, SQLite must pass
/// its integrity check, and a full disk must be refused with 503, never acknowledged.
@Suite("Faults under load (short)", .serialized)
struct LoadFaultTests {
    /// Checked by acknowledging appends before their commit (`GroupCommit.lead` resuming the batch before `write`):
    /// acknowledged answers were then missing after a kill and this test failed; and by removing the disk-full mapping
    /// in `SQLiteLearnerStore.mappingUnwritable`: the full disk then answered 500 and this test failed.
    @Test("after kill -9, a PostgreSQL restart and a full disk, every acknowledged answer is stored and every session loads")
    func faults() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/load/load.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", script, "faults", "--binary", try mlcertExecutable().path, "--kills", "3"]
        #if !Postgres
        arguments.append("--sqlite-only")
        #endif
        process.arguments = arguments
        let combined = try await outputToEnd(of: process)
        let text = combined.split(separator: "\n").filter { $0.hasPrefix("{") }.joined(separator: "\n")
        let log = combined
        let results = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(process.terminationStatus == 0, "\(text)\n\(log.suffix(3000))")
        var expected = ["fault-kill9"]
        #if Postgres
        expected.append("fault-postgres-restart")
        #endif
        if getuid() == 0 { expected.append("fault-disk-full") }
        #expect(results.compactMap { $0["test"] as? String } == expected, "\(text)")
        for result in results {
            #expect(result["passed"] as? Bool == true, "\(result)")
            #expect(result["sessions_missing_an_acknowledged_answer"] as? Int == 0, "\(result)")
            #expect((result["acknowledged"] as? Int ?? 0) > 0, "\(result)")
        }
    }
}
