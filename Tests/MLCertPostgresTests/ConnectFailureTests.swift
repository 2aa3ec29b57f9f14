#if Postgres
import Foundation
import MLCertPostgres
import MLCertPostgresTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A wrong URL must fail in seconds with a message a person can act on, never hang.
@Suite("PostgreSQL: connection failures")
struct ConnectFailureTests {
    @Test("a database that does not exist is named in the error, with the server's reason", .timeLimit(.minutes(2)))
    func unknownDatabase() async throws {
        var url = try PostgresTestDatabase.baseURL()
        url.database = "no_such_database_\(UInt32.random(in: 0...UInt32.max))"
        let error = await #expect(throws: PostgresStoreError.self) { _ = try await PostgresLearnerStore.connect(url, connectTimeout: .seconds(10)) }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.contains("cannot connect to PostgreSQL"))
        #expect(text.contains(url.database))
        #expect(text.contains("does not exist"))
    }

    // No upper bound on the elapsed time here: on two cores, CPU-bound tests running alongside can hold every thread of
    // the concurrency pool for a minute, which delays this test's resumption, not the refusal. That the reason is the
    // kernel's refusal (not a time-out) is what shows nothing waited.
    @Test("a closed port is refused, with the system's reason", .timeLimit(.minutes(2)))
    func closedPort() async throws {
        var url = try PostgresTestDatabase.baseURL()
        url.host = "127.0.0.1"
        url.socketDirectory = nil
        url.port = try unusedPort()
        let error = await #expect(throws: PostgresStoreError.self) { _ = try await PostgresLearnerStore.connect(url, connectTimeout: .seconds(10)) }
        guard case .cannotConnect(let shown, let reason) = error else {
            Issue.record("expected cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(shown.contains(":\(url.port)/"))
        #expect(reason == "Connection refused")
    }

    @Test("a server that accepts the connection but never answers times out, and says so", .timeLimit(.minutes(2)))
    func silentServer() async throws {
        let (socket, port) = try silentListener()
        defer { close(socket) }
        var url = try PostgresURL("postgres://mlcert@127.0.0.1:\(port)/mlcert?sslmode=disable")
        url.schema = "silent"
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: PostgresStoreError.self) { _ = try await PostgresLearnerStore.connect(url, connectTimeout: .seconds(1)) }
        let elapsed = clock.now - start
        #expect(error == .timedOut(url: url.description, seconds: 1))
        #expect(elapsed >= .seconds(1), "gave up after \(elapsed), before the 1 s limit")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
func unusedPort() throws -> Int {
    let (fd, port) = try silentListener()
    close(fd)
    return port
}

/// A socket listening on 127.0.0.1 that never accepts: the kernel completes the handshake, nobody ever answers.
func silentListener() throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}
#endif
