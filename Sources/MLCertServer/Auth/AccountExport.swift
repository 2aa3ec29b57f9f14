import Foundation
import MLCertPractice

/// All data held about one account, as `GET /api/v1/account/export` returns it: the account without its password
/// hash, the learner record, and every session with its full event log (each answer, flag and view, with times).
public struct AccountExport: Codable, Sendable {
    public struct AccountInfo: Codable, Sendable, Equatable {
        public let id: String
        public let email: String
        public let createdAt: Date

        init(_ account: Account) {
            id = account.id
            email = account.email
            createdAt = account.createdAt
        }
    }

    public struct Session: Codable, Sendable {
        public let header: SessionHeader
        public let events: [SessionEvent]
    }

    public let account: AccountInfo
    public let learner: Learner?
    public let sessions: [Session]
    public let exportedAt: Date
}
