import Foundation

/// A learner's report of a problem with a question ("the key is wrong", "unclear", "outdated", "typo"), kept with
/// the item id and the version the learner saw, so an author can find the exact wording that was reported even after
/// the item has been edited.
public struct ItemReport: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case wrongKey = "wrong_key"
        case unclear, outdated, typo

        /// How the form and the lists name it.
        public var label: String {
            switch self {
            case .wrongKey: "The marked answer is wrong"
            case .unclear: "The question is unclear"
            case .outdated: "It is out of date"
            case .typo: "A typo or formatting problem"
            }
        }
    }

    public let id: String
    public let learnerID: String
    public let sessionID: String
    /// 1-based question number in that session.
    public let questionNumber: Int
    public let itemID: String
    public let itemVersion: Int
    public let credentialID: String
    public let kind: Kind
    public let comment: String
    public let at: Date

    public init(id: String, learnerID: String, sessionID: String, questionNumber: Int, itemID: String, itemVersion: Int, credentialID: String, kind: Kind,
                comment: String, at: Date) {
        self.id = id
        self.learnerID = learnerID
        self.sessionID = sessionID
        self.questionNumber = questionNumber
        self.itemID = itemID
        self.itemVersion = itemVersion
        self.credentialID = credentialID
        self.kind = kind
        self.comment = comment
        self.at = at
    }

    /// Longest comment kept, in characters.
    public static let maxComment = 2000
}
