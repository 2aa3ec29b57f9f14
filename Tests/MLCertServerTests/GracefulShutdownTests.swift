import Foundation
import Testing

/// The built `mlcert` executable (`swift build --build-tests` builds it next to the test bundle).
func mlcertExecutable() throws -> URL {
    var candidates: [URL] = []
    for start in [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL] {
        var dir = start.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("mlcert"))
            dir = dir.deletingLastPathComponent()
        }
    }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw TestFailure("no built mlcert executable near \(CommandLine.arguments[0]); run swift build --build-tests")
    }
    return found
}

/// The repository's Content/ directory.
let contentDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Content").path

@Suite("mlcert serve as a real process", .serialized)
struct GracefulShutdownTests {
    /// Starts `mlcert serve` on a free port and returns the process and its base URL (read from the line it prints).
    /// Its log (stderr) is dropped, or written to `log` at info level.
    /// `database`: a SQLite path or PostgreSQL URL for `--database`; nil gives a fresh SQLite file.
    static func serve(extra: [String] = [], log: FileHandle? = nil, database: String? = nil) throws -> (Process, String, Pipe) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-serve-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = try mlcertExecutable()
        process.arguments = ["serve", "--port", "0", "--database", database ?? directory.appendingPathComponent("db.sqlite").path,
                             "--content", contentDirectory] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = log == nil ? "warning" : "info"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = log ?? FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestFailure("mlcert serve exited before listening") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else { throw TestFailure("unexpected first line: \(text)") }
        let url = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
        return (process, url, output)
    }

    /// curl in a child process: the status code, or what went wrong.
    static func curl(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"] + arguments
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func output(of process: Process) -> String {
        guard let pipe = process.standardOutput as? Pipe else { return "" }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Checked by running the application without the graceful-shutdown signals (`app.run()` instead of
    /// `runService()`): SIGTERM then killed the process at once, curl got no response and the exit status was not 0.
    @Test("SIGTERM during a slow request lets it finish with its response, then exits 0")
    func sigtermFinishesInFlightRequests() throws {
        // bcrypt at cost 15 takes well over a second, long enough to signal while the registration is in flight.
        let (server, url, _) = try Self.serve(extra: ["--bcrypt-cost", "15"])
        let request = try Self.curl(["-X", "POST", url + "/api/v1/account/register", "-H", "Content-Type: application/json",
            "-d", #"{"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada"}"#])
        Thread.sleep(forTimeInterval: 0.5)
        #expect(request.isRunning, "the request finished before the signal; the test would prove nothing")
        server.terminate()  // SIGTERM
        let status = Self.output(of: request)
        request.waitUntilExit()
        server.waitUntilExit()
        #expect(status == "201")
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }

    @Test("mlcert serve answers /health; a PostgreSQL URL is refused without the Postgres trait and fails fast and clearly when unreachable with it")
    func serveAndPostgresURL() throws {
        let (server, url, _) = try Self.serve()
        let health = try Self.curl([url + "/health"])
        #expect(Self.output(of: health) == "200")
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)

        let postgres = Process()
        postgres.executableURL = try mlcertExecutable()
        // Port 1 on loopback: nothing listens there, so a build with the trait must fail at once, naming the server.
        postgres.arguments = ["serve", "--port", "0", "--database", "postgres://mlcert@127.0.0.1:1/mlcert", "--content", contentDirectory]
        let errors = Pipe()
        postgres.standardError = errors
        postgres.standardOutput = FileHandle.nullDevice
        try postgres.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        postgres.waitUntilExit()
        #expect(postgres.terminationStatus != 0)
        #if Postgres
        #expect(message.contains("cannot connect to PostgreSQL at"), "\(message)")
        #expect(message.contains("127.0.0.1:1"), "\(message)")
        #else
        #expect(message.contains("--traits Postgres"), "\(message)")
        #endif
    }
}
