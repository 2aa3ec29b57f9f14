import Foundation
@testable import MLCertServer
import Testing

@Suite("bcrypt work is capped so sign-ins stay responsive")
struct BcryptGateTests {
    /// A job that runs until `release` is called.
    final class Held: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        private var released = false
        func wait() async {
            await withCheckedContinuation { next in
                let resumeNow = lock.withLock { () -> Bool in
                    if released { return true }
                    continuation = next
                    return false
                }
                if resumeNow { next.resume() }
            }
        }
        func release() {
            let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                released = true
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume()
        }
    }

    /// Waits until the gate's load satisfies `condition` (jobs start on other tasks).
    static func until(_ gate: BcryptGate, _ condition: @escaping @Sendable ((running: Int, backgroundRunning: Int, waitingSignIns: Int, waitingBackground: Int)) -> Bool) async throws {
        for _ in 0..<2000 {
            if condition(await gate.load) { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw TestFailure("the gate never reached the expected load: \(await gate.load)")
    }

    /// Checked by letting background jobs take every slot (`backgroundSlots` = `slots`): the sign-in then waited behind
    /// the registrations and this test failed.
    @Test("registrations use at most their share of the slots; a sign-in runs at once beside them and goes first when a slot frees")
    func signInsOvertakeRegistrations() async throws {
        let gate = BcryptGate(slots: 2, backgroundSlots: 1, maxWaiting: 2)
        let first = Held(), second = Held()
        let registrations = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gate.run(.background) { await first.wait() } }
                group.addTask { try await gate.run(.background) { await second.wait() } }
                try await group.waitForAll()
            }
        }
        try await Self.until(gate) { $0.backgroundRunning == 1 && $0.waitingBackground == 1 }
        // One registration runs, one waits; a sign-in still finds a slot at once.
        let signedIn = try await gate.run(.signIn) { "verified" }
        #expect(signedIn == "verified")
        // A third registration waits too; a fourth is refused at once (the queue holds two).
        let third = Task { try await gate.run(.background) {} }
        try await Self.until(gate) { $0.waitingBackground == 2 }
        await #expect(throws: APIError.busy(retryAfter: 1)) { try await gate.run(.background) {} }
        first.release()
        second.release()
        try await registrations.value
        try await third.value
        let load = await gate.load
        #expect(load.running == 0 && load.waitingBackground == 0)
    }
}
