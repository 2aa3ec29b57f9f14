/// What an FSRS card stands for: one item, or one blueprint objective (a concept).
///
/// A missed item makes both. The item card brings the same question back; the objective card brings back the idea
/// through a different question where the bank has one, so that review cannot be passed by remembering one key.
public struct ReviewCardKey: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, Hashable { case item, objective }
    public let kind: Kind
    public let credentialID: String
    /// The item id, or the objective id.
    public let id: String

    public init(kind: Kind, credentialID: String, id: String) {
        self.kind = kind
        self.credentialID = credentialID
        self.id = id
    }

    public var description: String { "\(kind.rawValue):\(credentialID):\(id)" }

    public static func < (lhs: ReviewCardKey, rhs: ReviewCardKey) -> Bool { lhs.description < rhs.description }
}
