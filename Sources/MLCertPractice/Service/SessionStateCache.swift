import Foundation

/// Folded session states kept between requests, so that answering does not re-read and re-decode a session's whole
/// log (the header with every presented item, and every event) and replay it on every request.
///
/// A kept state is only a candidate: `PracticeService` uses it only when the store says the session's log still ends
/// where the state ends (`LearnerStore.nextSequence`), and reads the log otherwise. The log is append-only and its
/// events never change, so a state whose next sequence number matches the store's is exactly the state a replay would
/// give, whoever else (another request, another server process) wrote to the store meanwhile. Appends are checked
/// against the store's sequence as before, so a state that went stale between the check and the append still ends in
/// `StoreError.conflict`, never in a lost or reordered answer.
final class SessionStateCache: @unchecked Sendable {
    /// Beyond this many sessions, the least recently used half is dropped.
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (state: SessionState, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    /// 1,024 states of a 65-question exam (tens of kilobytes each, growing with its answers) stay within tens of
    /// megabytes; a session beyond them is read from the store as before.
    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
    }

    /// The kept state of session `id`, if there is one; the caller must still check it against the store.
    func candidate(_ id: String) -> SessionState? {
        lock.withLock {
            guard let entry = entries[id] else { return nil }
            clock += 1
            entries[id] = (entry.state, clock)
            return entry.state
        }
    }

    /// Keeps `state` (which must be the store's state of its session up to `state.nextSequence`) for the next request.
    func keep(_ state: SessionState) {
        lock.withLock {
            clock += 1
            entries[state.header.id] = (state, clock)
            if entries.count > capacity {
                let oldest = entries.sorted { $0.value.used < $1.value.used }.prefix(entries.count - capacity / 2).map(\.key)
                for id in oldest { entries[id] = nil }
            }
        }
    }

    func forget(_ id: String) {
        lock.withLock { entries[id] = nil }
    }

    var count: Int { lock.withLock { entries.count } }
}
