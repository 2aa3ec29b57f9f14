import Foundation
import MLCertCore
import MLCertPractice
import MLCertSQLite
import Testing

#if Postgres
import MLCertPostgres
import MLCertPostgresTesting
#endif

/// The stores under the shared contract suites (`LearnerStore` here, `AccountStore` and `PracticeStatistics` in
/// AccountStoreContractTests): every store implements all three ports. A store joins by adding a case; the
/// PostgreSQL case exists only in builds with the `Postgres` trait.
enum StoreFactory: String, CaseIterable, CustomTestStringConvertible {
    case memory
    case sqlite
    #if Postgres
    case postgres
    #endif

    var testDescription: String { rawValue }

    func make() async throws -> any PracticeStore {
        switch self {
        case .memory: InMemoryLearnerStore()
        case .sqlite: try SQLiteLearnerStore(path: temporaryDatabase())
        #if Postgres
        case .postgres: try await PostgresTestDatabase.freshStore()
        #endif
        }
    }

    /// A fresh store and a second connection to the same data, as a second process would open (memory: the same store).
    func makeWithSibling() async throws -> (any PracticeStore, any PracticeStore) {
        switch self {
        case .memory:
            let store = InMemoryLearnerStore()
            return (store, store)
        case .sqlite:
            let path = temporaryDatabase()
            return (try SQLiteLearnerStore(path: path), try SQLiteLearnerStore(path: path))
        #if Postgres
        case .postgres:
            let url = try PostgresTestDatabase.freshURL()
            return (try await PostgresTestDatabase.runningStore(url), try await PostgresTestDatabase.runningStore(url))
        #endif
        }
    }
}

func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-store-\(UUID().uuidString)/learner.sqlite").path
}

let t0 = Date(timeIntervalSince1970: 1_790_000_000)

func header(_ id: String, learner: String = "ada", kind: SessionKind = .exam, startedAt: Date = t0) -> SessionHeader {
    SessionHeader(id: id, learnerID: learner, kind: kind, credentialID: "google-pmle", blueprintVersion: "v1", seed: 7,
        startedAt: startedAt, deadline: kind == .exam ? startedAt.addingTimeInterval(7200) : nil,
        items: [PresentedItem(position: 0, itemID: "item-a", itemVersion: 2, domain: "d1", objective: "d1.o1", optionOrder: [2, 0, 1, 3], choose: 1),
                PresentedItem(position: 1, itemID: "item-b", itemVersion: 1, domain: "d2", objective: "d2.o1", optionOrder: [0, 1, 2, 3, 4], choose: 2)],
        settings: SessionSettings(customTimeLimit: true, formNote: "short bank", assumedPassProportion: 0.7))
}

@Suite("Learner store contract")
struct LearnerStoreContractTests {
    @Test("a learner round-trips with exam dates, and saving again updates it", arguments: StoreFactory.allCases)
    func learnerRoundTrip(factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.learner(id: "ada") == nil)
        var ada = Learner(id: "ada", displayName: "Ada", examDates: ["google-pmle": Day(year: 2027, month: 3, day: 14)!])
        try await store.save(ada)
        #expect(try await store.learner(id: "ada") == ada)
        ada.displayName = "Ada L."
        ada.examDates["aws-mla"] = Day(year: 2027, month: 5, day: 1)!
        try await store.save(ada)
        #expect(try await store.learner(id: "ada") == ada)
    }

    @Test("a session's header and events come back exactly, in order", arguments: StoreFactory.allCases)
    func sessionRoundTrip(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        let h = header("s1")
        try await store.create(h)
        let events = [
            SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0)),
            SessionEvent(sequence: 1, at: t0.addingTimeInterval(31.25), change: .answered(RecordedAnswer(position: 0, itemID: "item-a", itemVersion: 2, selected: [1], correct: false))),
            SessionEvent(sequence: 2, at: t0.addingTimeInterval(40), change: .flagged(position: 0, flagged: true)),
        ]
        try await store.append(Array(events[0...1]), to: "s1")
        try await store.append([events[2]], to: "s1")
        let stored = try #require(try await store.session(id: "s1"))
        #expect(stored.header == h)
        #expect(stored.events == events)
        #expect(stored.state.answers[0]?.selected == [1])
        #expect(stored.state.flagged == [0])
    }

    @Test("an event number used twice is a conflict, and nothing of the losing batch is kept", arguments: StoreFactory.allCases)
    func conflict(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.create(header("s1"))
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0))], to: "s1")
        let late = [SessionEvent(sequence: 0, at: t0, change: .viewed(position: 1)), SessionEvent(sequence: 1, at: t0, change: .flagged(position: 1, flagged: true))]
        await #expect(throws: StoreError.conflict(sessionID: "s1")) { try await store.append(late, to: "s1") }
        let gap = [SessionEvent(sequence: 5, at: t0, change: .viewed(position: 1))]
        await #expect(throws: StoreError.conflict(sessionID: "s1")) { try await store.append(gap, to: "s1") }
        let stored = try #require(try await store.session(id: "s1"))
        #expect(stored.events.count == 1)
        #expect(stored.state.flagged.isEmpty)
    }

    /// `PracticeService` trusts a session state it folded earlier only while this number matches the state's, so it
    /// must follow every append, also one made through another connection (another server process).
    @Test("the next sequence number follows the log, also after a second process appends; nil for an unknown session", arguments: StoreFactory.allCases)
    func nextSequence(factory: StoreFactory) async throws {
        let (store, sibling) = try await factory.makeWithSibling()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.create(header("s1"))
        try await store.create(header("s2", kind: .practice))
        #expect(try await store.nextSequence(session: "s1") == 0)
        #expect(try await store.nextSequence(session: "nope") == nil)
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0)),
                                SessionEvent(sequence: 1, at: t0, change: .flagged(position: 0, flagged: true))], to: "s1")
        #expect(try await store.nextSequence(session: "s1") == 2)
        #expect(try await sibling.nextSequence(session: "s1") == 2)
        try await sibling.append([SessionEvent(sequence: 2, at: t0, change: .viewed(position: 1))], to: "s1")
        #expect(try await store.nextSequence(session: "s1") == 3, "an append through the other connection is seen at once")
        #expect(try await store.nextSequence(session: "s2") == 0, "another session's log is its own")
        try await store.deleteLearner(id: "ada")
        #expect(try await sibling.nextSequence(session: "s1") == nil)
    }

    /// Fails without `createUnlessOpen`'s check (a second start then makes a second running exam), and, for the
    /// concurrent starts, without its lock or IMMEDIATE transaction.
    @Test("starting an exam while one is open returns the open one, also when eight starts race", arguments: StoreFactory.allCases)
    func oneOpenExamPerCredential(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        #expect(try await store.createUnlessOpen(header("first"), now: t0).id == "first")
        #expect(try await store.createUnlessOpen(header("second"), now: t0.addingTimeInterval(5)).id == "first")
        #expect(try await store.session(id: "second") == nil, "nothing was recorded for the second start")
        // A finished exam, or one past its deadline, is not resumed.
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .finished(reason: .submitted))], to: "first")
        #expect(try await store.createUnlessOpen(header("third", startedAt: t0.addingTimeInterval(10)), now: t0.addingTimeInterval(10)).id == "third")
        let afterDeadline = t0.addingTimeInterval(10 + 7200)
        #expect(try await store.createUnlessOpen(header("fourth", startedAt: afterDeadline), now: afterDeadline).id == "fourth")
        // Another kind is separate: a drill does not resume an exam.
        #expect(try await store.createUnlessOpen(header("drill", kind: .practice, startedAt: afterDeadline), now: afterDeadline).id == "drill")

        try await store.save(Learner(id: "cy", displayName: "Cy"))
        let kept = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<8 {
                group.addTask { try await store.createUnlessOpen(header("race-\(n)", learner: "cy"), now: t0).id }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(kept).count == 1, "every racing start got the same exam: \(kept)")
        #expect(try await store.sessions(learnerID: "cy").count == 1)
    }

    @Test("problem reports round-trip with the item version, list per learner or all, and go with their learner", arguments: StoreFactory.allCases)
    func itemReports(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.save(Learner(id: "bob", displayName: "Bob"))
        let first = ItemReport(id: "r1", learnerID: "ada", sessionID: "s1", questionNumber: 3, itemID: "item-a", itemVersion: 2, credentialID: "google-pmle",
            kind: .wrongKey, comment: "B is also right: see the Vertex AI docs", at: t0)
        let second = ItemReport(id: "r2", learnerID: "bob", sessionID: "s2", questionNumber: 1, itemID: "item-a", itemVersion: 3, credentialID: "google-pmle",
            kind: .typo, comment: "", at: t0.addingTimeInterval(60))
        try await store.addItemReport(second)
        try await store.addItemReport(first)
        #expect(try await store.itemReports(learnerID: "ada") == [first])
        #expect(try await store.itemReports(learnerID: nil) == [first, second], "oldest first")
        await #expect(throws: StoreError.unknownLearner("cy")) {
            try await store.addItemReport(ItemReport(id: "r3", learnerID: "cy", sessionID: "s", questionNumber: 1, itemID: "i", itemVersion: 1,
                credentialID: "c", kind: .unclear, comment: "", at: t0))
        }
        try await store.deleteLearner(id: "ada")
        #expect(try await store.itemReports(learnerID: nil) == [second])
    }

    @Test("unknown sessions, duplicate sessions and unknown learners are refused by name", arguments: StoreFactory.allCases)
    func refusals(factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.session(id: "nope") == nil)
        await #expect(throws: StoreError.unknownLearner("ada")) { try await store.create(header("s1")) }
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.create(header("s1"))
        await #expect(throws: StoreError.duplicateSession("s1")) { try await store.create(header("s1")) }
        await #expect(throws: StoreError.unknownSession("nope")) {
            try await store.append([SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0))], to: "nope")
        }
    }

    @Test("sessions list per learner, oldest first; deleting a learner removes their sessions and events", arguments: StoreFactory.allCases)
    func listingAndDeletion(factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.save(Learner(id: "bob", displayName: "Bob"))
        try await store.create(header("late", startedAt: t0.addingTimeInterval(600)))
        try await store.create(header("early", startedAt: t0))
        try await store.create(header("bobs", learner: "bob", kind: .practice))
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0))], to: "early")
        #expect(try await store.sessions(learnerID: "ada").map(\.header.id) == ["early", "late"])
        #expect(try await store.sessions(learnerID: "bob").map(\.header.id) == ["bobs"])
        try await store.deleteLearner(id: "ada")
        #expect(try await store.learner(id: "ada") == nil)
        #expect(try await store.session(id: "early") == nil)
        #expect(try await store.sessions(learnerID: "ada").isEmpty)
        #expect(try await store.sessions(learnerID: "bob").count == 1)
    }
}

@Suite("SQLite learner store")
struct SQLiteLearnerStoreTests {
    @Test("migrations are recorded, and reopening an existing file keeps its data and applies nothing twice")
    func migrations() async throws {
        let path = temporaryDatabase()
        do {
            let store = try SQLiteLearnerStore(path: path)
            #expect(try store.appliedMigrations() == ["v1-learners-sessions-events", "v2-accounts", "v3-calibration", "v3-item-reports", "v3-security"])
            try await store.save(Learner(id: "ada", displayName: "Ada"))
            try await store.create(header("s1"))
        }
        let reopened = try SQLiteLearnerStore(path: path)
        #expect(try reopened.appliedMigrations() == ["v1-learners-sessions-events", "v2-accounts", "v3-calibration", "v3-item-reports", "v3-security"])
        #expect(try await reopened.session(id: "s1")?.header == header("s1"))
    }

    @Test("the database file is in WAL mode, as another SQLite reader sees it")
    func walMode() throws {
        let path = temporaryDatabase()
        _ = try SQLiteLearnerStore(path: path)
        #expect(try python("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()[0])", path) == "wal\n")
    }

    @Test("a row the store cannot decode is reported as corrupt, naming what it was")
    func corruptRow() async throws {
        let path = temporaryDatabase()
        let store = try SQLiteLearnerStore(path: path)
        try await store.save(Learner(id: "ada", displayName: "Ada"))
        try await store.create(header("s1"))
        _ = try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE session SET header='{oops'\"); c.commit()", path)
        await #expect {
            _ = try await store.session(id: "s1")
        } throws: { error in
            guard case StoreError.corrupt(let what) = error else { return false }
            return what.contains("session header")
        }
    }
}

/// Runs a Python snippet (Python's own sqlite3 module is the independent reader) and returns what it printed.
func python(_ code: String, _ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
}
