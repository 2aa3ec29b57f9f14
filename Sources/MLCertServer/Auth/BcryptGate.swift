import Foundation

/// Caps how many bcrypt hashes run at once, so that a burst of registrations cannot queue every sign-in behind it.
///
/// bcrypt at cost 12 takes about a quarter second of one core. Sign-ins (`.signIn`) may use every slot; registrations
/// and password changes (`.background`) at most `backgroundSlots` of them, and when a slot frees up a waiting sign-in
/// goes first. At most `maxWaiting` background jobs wait; the next one is refused at once with 503 `busy` rather than
/// waiting behind an unbounded queue.
public actor BcryptGate {
    public enum Priority: Sendable {
        case signIn
        case background
    }

    public let slots: Int
    public let backgroundSlots: Int
    public let maxWaiting: Int
    private var running = 0
    private var backgroundRunning = 0
    private var waitingSignIns: [CheckedContinuation<Void, Never>] = []
    private var waitingBackground: [CheckedContinuation<Void, Never>] = []

    /// `slots` defaults to the number of cores; background work gets half of them (at least one).
    public init(slots: Int = ProcessInfo.processInfo.activeProcessorCount, backgroundSlots: Int? = nil, maxWaiting: Int = 32) {
        self.slots = max(1, slots)
        self.backgroundSlots = max(1, min(self.slots, backgroundSlots ?? self.slots / 2))
        self.maxWaiting = maxWaiting
    }

    /// Runs `work` once a slot of the right priority is free.
    public func run<T: Sendable>(_ priority: Priority, _ work: @Sendable () async throws -> T) async throws -> T {
        try await acquire(priority)
        defer { release(priority) }
        return try await work()
    }

    /// How many jobs run and wait now (for tests and metrics).
    public var load: (running: Int, backgroundRunning: Int, waitingSignIns: Int, waitingBackground: Int) {
        (running, backgroundRunning, waitingSignIns.count, waitingBackground.count)
    }

    private func acquire(_ priority: Priority) async throws {
        switch priority {
        case .signIn:
            if running < slots {
                running += 1
                return
            }
            await withCheckedContinuation { waitingSignIns.append($0) }
        case .background:
            if running < slots, backgroundRunning < backgroundSlots, waitingSignIns.isEmpty {
                running += 1
                backgroundRunning += 1
                return
            }
            guard waitingBackground.count < maxWaiting else { throw APIError.busy(retryAfter: 1) }
            await withCheckedContinuation { waitingBackground.append($0) }
        }
    }

    /// Hands the freed slot to a waiting sign-in first, then to a waiting background job if its share allows.
    private func release(_ priority: Priority) {
        running -= 1
        if priority == .background { backgroundRunning -= 1 }
        if !waitingSignIns.isEmpty {
            running += 1
            waitingSignIns.removeFirst().resume()
        } else if !waitingBackground.isEmpty, backgroundRunning < backgroundSlots {
            running += 1
            backgroundRunning += 1
            waitingBackground.removeFirst().resume()
        }
    }
}
