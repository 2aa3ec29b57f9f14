#if Postgres
import Foundation
import MLCertPostgresTesting
import Testing

/// A running `mlcert` child fed keys on standard input, its JSON Lines events read as they come.
final class ChildCLI {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private var buffer = Data()
    private(set) var seen: [String] = []

    init(_ arguments: [String]) throws {
        process.executableURL = try mlcertExecutable()
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A child that hangs is killed, which ends every blocking read with end-of-file and fails the test.
        let child = process
        DispatchQueue.global().asyncAfter(deadline: .now() + 180) {
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
        }
    }

    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// The next event named `name`; throws with the events seen and the child's standard error if output ends first.
    func next(_ name: String) throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                guard let event = try JSONSerialization.jsonObject(with: line) as? [String: Any] else { continue }
                let eventName = event["event"] as? String ?? "?"
                seen.append(eventName)
                if eventName == name { return event }
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw ChildFailure(message: "no '\(name)' event; saw \(seen.suffix(8)); stderr: \(stderr)")
            }
            buffer.append(chunk)
        }
    }

    /// Everything the child wrote to standard error (read after it exits).
    func standardError() -> String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ChildFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The `mlcert` executable `swift build` put next to the test binary.
func mlcertExecutable() throws -> URL {
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("mlcert")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    throw ChildFailure(message: "cannot find the mlcert executable near the test binary; build with swift build --build-tests --traits Postgres")
}

/// Letters naming the first `choose` options, which is always a well-formed answer.
func someAnswer(_ question: [String: Any]) -> String {
    let view = question["question"] as? [String: Any]
    let choose = view?["choose"] as? Int ?? 1
    return ["a", "b", "c", "d", "e"].prefix(choose).joined(separator: ",")
}

@Suite("PostgreSQL: two mlcert processes, one database")
struct MultiProcessCLITests {
    @Test("one process starts a mock exam and answers three questions; a second process resumes it and submits")
    func handOff() throws {
        let database = try PostgresTestDatabase.freshURLText()
        let command = ["exam", "--cert", "google-pmle", "--seed", "3", "--format", "json", "--database", database, "--learner", "ada"]
        let first = try ChildCLI(command)
        var question = try first.next("question")
        let sessionID = question["session_id"] as? String
        for number in 1...3 {
            first.send(someAnswer(question))
            #expect(try first.next("recorded")["number"] as? Int == number)
            question = try first.next("question")
        }
        first.send("q")
        #expect(try first.next("suspended")["answered"] as? Int == 3)
        #expect(first.finish() == 0)

        let second = try ChildCLI(command)
        let resumed = try second.next("resumed")
        #expect((resumed["message"] as? String)?.contains("3 of") == true, "the second process finds the three answers: \(resumed)")
        #expect(try second.next("question")["session_id"] as? String == sessionID)
        second.send("s")
        _ = try second.next("confirm")
        second.send("y")
        let report = try second.next("report")
        #expect(second.finish() == 0)
        #expect(report["answered"] as? Int == 3)
        #expect(report["finish_reason"] as? String == "submitted")
    }

    // The bound is loose because the child loads the whole content bank before it connects, and on two busy cores
    // that alone can take a while; a client that retried a refused connection for ever would still exceed it.
    @Test("a wrong URL fails with a message naming the problem, and exit code 1")
    func unreachable() throws {
        let child = try ChildCLI(["progress", "--cert", "google-pmle", "--database", "postgres://nobody@127.0.0.1:1/none?sslmode=disable"])
        let started = Date()
        let status = child.finish()
        let message = child.standardError()
        #expect(status == 1)
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(message.contains("cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none?sslmode=disable: Connection refused"), "stderr: \(message)")
    }
}
#endif
