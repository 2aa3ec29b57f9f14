import Foundation

/// Counts worth watching on a running service, read from the store so that every process reports the same numbers.
public struct PracticeCounts: Sendable, Codable, Hashable {
    /// Sessions not finished whose deadline (if any) has not passed.
    public let sessionsInProgress: Int
    /// Answers recorded, over all sessions.
    public let answersRecorded: Int
    public let accounts: Int

    public init(sessionsInProgress: Int, answersRecorded: Int, accounts: Int) {
        self.sessionsInProgress = sessionsInProgress
        self.answersRecorded = answersRecorded
        self.accounts = accounts
    }
}

/// The store's side of the server's metrics endpoint.
public protocol PracticeStatistics: Sendable {
    func counts(now: Date) async throws -> PracticeCounts
}
