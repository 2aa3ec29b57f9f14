import Foundation
@testable import MLCertPractice
import Testing

@Suite("Session state cache")
struct SessionStateCacheTests {
    private func state(_ id: String, events: Int = 0) -> SessionState {
        let header = SessionHeader(id: id, learnerID: "ada", kind: .practice, credentialID: "aws-mla-c01", blueprintVersion: "v1", seed: 1,
            startedAt: Date(timeIntervalSince1970: 0), deadline: nil, items: [], settings: SessionSettings())
        return SessionState.replay(header, events: (0..<events).map { SessionEvent(sequence: $0, at: Date(timeIntervalSince1970: Double($0)), change: .viewed(position: 0)) })
    }

    @Test("a kept state comes back as kept; a newer one replaces it; forgetting removes it")
    func keepReplaceForget() {
        let cache = SessionStateCache(capacity: 8)
        #expect(cache.candidate("s1") == nil)
        cache.keep(state("s1", events: 2))
        #expect(cache.candidate("s1")?.nextSequence == 2)
        cache.keep(state("s1", events: 5))
        #expect(cache.candidate("s1")?.nextSequence == 5)
        #expect(cache.candidate("s2") == nil)
        cache.forget("s1")
        #expect(cache.candidate("s1") == nil)
    }

    /// Fails if the cache grows without bound (memory under many learners) or evicts what was just used.
    @Test("past its capacity the cache drops the least recently used half and keeps the ones in use")
    func boundedLeastRecentlyUsed() {
        let cache = SessionStateCache(capacity: 10)
        for n in 0..<10 { cache.keep(state("s\(n)")) }
        _ = cache.candidate("s0")   // s0 is in use again: s1 is now the oldest
        cache.keep(state("s10"))
        #expect(cache.count <= 10)
        #expect(cache.count >= 5)
        #expect(cache.candidate("s0") != nil, "the state used most recently stays")
        #expect(cache.candidate("s10") != nil, "the state just kept stays")
        #expect(cache.candidate("s1") == nil, "the least recently used goes first")
        for n in 11..<1000 { cache.keep(state("s\(n)")) }
        #expect(cache.count <= 10)
    }
}
