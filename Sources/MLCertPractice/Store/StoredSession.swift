/// A session as a store keeps it: the header and the event log in order.
public struct StoredSession: Sendable, Hashable {
    public let header: SessionHeader
    public let events: [SessionEvent]

    public init(header: SessionHeader, events: [SessionEvent]) {
        self.header = header
        self.events = events
    }

    public var state: SessionState { SessionState.replay(header, events: events) }
}
