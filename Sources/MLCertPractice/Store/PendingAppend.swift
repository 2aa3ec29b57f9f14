import Foundation

/// One session's events waiting for a store's next group commit (`GroupCommit`), each with its body already encoded
/// as the stores keep it (`StoredJSON`), so the batch's transaction does no encoding.
public struct PendingAppend: Sendable {
    public struct Row: Sendable {
        public let event: SessionEvent
        public let body: String
    }

    public let sessionID: String
    public let rows: [Row]

    /// Encodes `events` for `sessionID`; throws what `StoredJSON.encode` throws.
    public init(_ events: [SessionEvent], to sessionID: String) throws {
        self.sessionID = sessionID
        rows = try events.map { Row(event: $0, body: try StoredJSON.encode($0.change)) }
    }
}
