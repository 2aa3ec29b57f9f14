#if Postgres
import Foundation
import MLCertContent
import MLCertCore
import MLCertPostgres
import MLCertPostgresTesting
import MLCertPractice
import Synchronization
import Testing

/// The real content of this checkout, loaded once.
let content: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return try! ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules + Linter.servingRules)
}()

/// A clock both "processes" share, as two servers share the wall clock; the test moves it by hand.
final class SharedClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Two practice services over two stores with separate connection pools on one schema: two server processes
/// behind a load balancer, as far as the database can tell.
func twoServices(clock: SharedClock) async throws -> (PracticeService, PracticeService, PostgresLearnerStore, PostgresLearnerStore) {
    let url = try PostgresTestDatabase.freshURL()
    let storeA = try await PostgresTestDatabase.runningStore(url)
    let storeB = try await PostgresTestDatabase.runningStore(url)
    let a = PracticeService(catalog: content.catalog, items: content.items, store: storeA, clock: { clock.date })
    let b = PracticeService(catalog: content.catalog, items: content.items, store: storeB, clock: { clock.date })
    return (a, b, storeA, storeB)
}

@Suite("PostgreSQL: several processes, one service")
struct SharedDatabaseTests {
    @Test("a mock exam started on one process is answered and finished on the other, with the deadline from the database")
    func examAcrossProcesses() async throws {
        let clock = SharedClock()
        let (a, b, _, _) = try await twoServices(clock: clock)
        _ = try await a.learner(id: "ada")
        let started = try await a.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 11, timeLimitMinutes: 30)
        let id = started.header.id
        clock.advance(60)
        // Process B has never seen this session; it finds it, with the clock A started.
        let open = try #require(try await b.openSession(kind: .exam, learnerID: "ada", credentialID: "google-pmle"))
        #expect(open.header == started.header)
        #expect(open.header.deadline == started.header.startedAt.addingTimeInterval(1800))
        var state = open
        for item in started.items.prefix(5) {
            clock.advance(30)
            state = try await b.perform(.answer(position: item.position, shown: Array(0..<item.choose)), session: id, learnerID: "ada").state
        }
        // Back on A: it sees B's answers and flags one.
        let seenByA = try await a.session(id, learnerID: "ada")
        #expect(seenByA.answers.count == 5)
        #expect(seenByA.answers == state.answers)
        _ = try await a.perform(.flag(position: started.items[1].position, on: true), session: id, learnerID: "ada")
        #expect(try await b.session(id, learnerID: "ada").flagged == [started.items[1].position])
        // The deadline passes while nobody looks; B enforces the clock A started and submits the exam at the deadline.
        clock.advance(1800)
        await #expect(throws: SessionError.timeUp) {
            try await b.perform(.answer(position: started.items[6].position, shown: Array(0..<started.items[6].choose)), session: id, learnerID: "ada")
        }
        let report = try await a.report(session: id, learnerID: "ada")
        #expect(report.finishReason == .timeUp)
        #expect(report.finishedAt == started.header.deadline)
        #expect(report.answered == 5)
        #expect(try await a.openSession(kind: .exam, learnerID: "ada") == nil)
    }

    @Test("a drill submitted on one process is reported by the other and counted once")
    func drillAcrossProcesses() async throws {
        let clock = SharedClock()
        let (a, b, storeA, storeB) = try await twoServices(clock: clock)
        _ = try await a.learner(id: "ada")
        let drill = try await a.startDrill(learnerID: "ada", credentialID: "google-pmle", filter: .init(count: 3), seed: 4)
        for item in drill.items {
            let outcome = try await b.perform(.answer(position: item.position, shown: Array(0..<item.choose)), session: drill.header.id, learnerID: "ada")
            #expect(outcome.feedback != nil, "a drill gives feedback on whichever process answers")
        }
        let report = try await a.report(session: drill.header.id, learnerID: "ada")
        #expect(report.answered == 3)
        let countsA = try await storeA.counts(now: clock.date)
        let countsB = try await storeB.counts(now: clock.date)
        #expect(countsA == countsB)
        #expect(countsA.answersRecorded == 3)
        #expect(countsA.sessionsInProgress == 0)
    }

    @Test("racing appends from two pools: exactly one success per sequence number, the loser gets a conflict, no gaps")
    func racingAppends() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let storeA = try await PostgresTestDatabase.runningStore(url)
        let storeB = try await PostgresTestDatabase.runningStore(url)
        try await storeA.save(Learner(id: "ada", displayName: "Ada"))
        let header = SessionHeader(id: "race", learnerID: "ada", kind: .practice, credentialID: "google-pmle", blueprintVersion: "v1", seed: 1,
            startedAt: Date(timeIntervalSince1970: 1_790_000_000), deadline: nil, items: [], settings: SessionSettings())
        try await storeA.create(header)
        let rounds = 40
        var winners: [String] = []
        for sequence in 0..<rounds {
            let at = Date(timeIntervalSince1970: 1_790_000_000 + Double(sequence))
            let outcomes = await withTaskGroup(of: (String, Result<Void, any Error>).self) { group in
                for (name, store) in [("a", storeA), ("b", storeB)] {
                    group.addTask {
                        let event = SessionEvent(sequence: sequence, at: at, change: .flagged(position: name == "a" ? 0 : 1, flagged: true))
                        do {
                            try await store.append([event], to: "race")
                            return (name, .success(()))
                        } catch {
                            return (name, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [(String, Result<Void, any Error>)]()) { $0.append($1) }
            }
            let successes = outcomes.filter { if case .success = $0.1 { true } else { false } }
            #expect(successes.count == 1, "round \(sequence): \(outcomes.count - successes.count) failures, \(successes.count) successes")
            for case (_, .failure(let error)) in outcomes {
                #expect(error as? StoreError == .conflict(sessionID: "race"), "round \(sequence): the loser fails with a conflict, not \(error)")
            }
            winners += successes.map(\.0)
        }
        let stored = try #require(try await storeB.session(id: "race"))
        #expect(stored.events.map(\.sequence) == Array(0..<rounds))
        // Every stored event is the winner's: its position says which store wrote it.
        #expect(stored.events.map { if case .flagged(let p, _) = $0.change { p == 0 ? "a" : "b" } else { "?" } } == winners)
    }

    @Test("accounts and logins made on one process are honoured by the other; failed sign-ins add up across both")
    func accountsAcrossProcesses() async throws {
        let url = try PostgresTestDatabase.freshURL()
        let storeA = try await PostgresTestDatabase.runningStore(url)
        let storeB = try await PostgresTestDatabase.runningStore(url)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        try await storeA.createAccount(Account(id: "ada", email: "ada@example.org", passwordHash: "$2b$04$x", createdAt: now),
            learner: Learner(id: "ada", displayName: "Ada"))
        await #expect(throws: AccountError.emailTaken("ada@example.org")) {
            try await storeB.createAccount(Account(id: "eve", email: "Ada@Example.org", passwordHash: "$2b$04$y", createdAt: now),
                learner: Learner(id: "eve", displayName: "Eve"))
        }
        let login = LoginSession(tokenHash: "h", accountID: "ada", csrfToken: "c", createdAt: now, expiresAt: now.addingTimeInterval(3600))
        try await storeA.createLogin(login)
        #expect(try await storeB.login(tokenHash: "h") == login)
        try await storeB.deleteLogin(tokenHash: "h")
        #expect(try await storeA.login(tokenHash: "h") == nil)
        let limit = [AttemptLimit(key: "pair:ada@example.org|127.0.0.1", maximum: 5, since: now)]
        _ = try await storeA.reserveAttempt(id: "a", at: now, limits: limit)
        _ = try await storeB.reserveAttempt(id: "b", at: now, limits: limit)
        #expect(try await storeA.attempts(key: limit[0].key, since: now) == 2)
    }
}
#endif
