import Foundation
import MLCertCore
import MLCertPractice
import MLCertSQLite
import Testing

private func account(_ id: String, email: String) -> (Account, Learner) {
    (Account(id: id, email: email, passwordHash: "$2b$04$hash-of-\(id)", createdAt: t0), Learner(id: id, displayName: id.capitalized))
}

@Suite("Account store contract")
struct AccountStoreContractTests {
    @Test("an account and its learner are created together and found by id and by email in any case", arguments: StoreFactory.allCases)
    func createAndFind(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "  Ada@Example.ORG ")
        try await store.createAccount(ada, learner: learner)
        #expect(try await store.account(id: "ada") == ada)
        #expect(try await store.account(email: "ada@example.org") == ada)
        #expect(try await store.account(email: "ADA@EXAMPLE.ORG ")?.id == "ada")
        #expect(try await store.account(email: "bob@example.org") == nil)
        #expect(try await store.learner(id: "ada")?.displayName == "Ada")
    }

    @Test("a second account with the same email is refused and writes nothing", arguments: StoreFactory.allCases)
    func duplicateEmail(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "ada@example.org")
        try await store.createAccount(ada, learner: learner)
        let (impostor, other) = account("eve", email: "ADA@example.org")
        await #expect(throws: AccountError.emailTaken("ada@example.org")) { try await store.createAccount(impostor, learner: other) }
        #expect(try await store.account(id: "eve") == nil)
        #expect(try await store.learner(id: "eve") == nil)
    }

    @Test("logins are found by token hash, survive until deleted, and need an existing account", arguments: StoreFactory.allCases)
    func logins(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "ada@example.org")
        try await store.createAccount(ada, learner: learner)
        let login = LoginSession(tokenHash: "h1", accountID: "ada", csrfToken: "c1", createdAt: t0, expiresAt: t0.addingTimeInterval(3600))
        try await store.createLogin(login)
        #expect(try await store.login(tokenHash: "h1") == login)
        #expect(try await store.login(tokenHash: "h2") == nil)
        try await store.deleteLogin(tokenHash: "h1")
        #expect(try await store.login(tokenHash: "h1") == nil)
        let orphan = LoginSession(tokenHash: "h3", accountID: "nobody", csrfToken: "c3", createdAt: t0, expiresAt: t0)
        await #expect(throws: AccountError.unknownAccount("nobody")) { try await store.createLogin(orphan) }
    }

    /// Every signed-in request reads its login and account in one go; fails if the join mixes the two rows' columns
    /// (both have a creation time) or keeps a touched login's old last use.
    @Test("a login and its account are read together, with their own creation times, and not at all once either is gone", arguments: StoreFactory.allCases)
    func loginAndAccount(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let ada = Account(id: "ada", email: "ada@example.org", passwordHash: "$2b$04$hash-of-ada", createdAt: t0.addingTimeInterval(-86_400))
        try await store.createAccount(ada, learner: Learner(id: "ada", displayName: "Ada"))
        let login = LoginSession(tokenHash: "h1", accountID: "ada", csrfToken: "c1", createdAt: t0, expiresAt: t0.addingTimeInterval(3600))
        try await store.createLogin(login)
        try await store.touchLogin(tokenHash: "h1", at: t0.addingTimeInterval(120))
        let found = try #require(try await store.loginAndAccount(tokenHash: "h1"))
        var touched = login
        touched.lastSeenAt = t0.addingTimeInterval(120)
        #expect(found.login == touched)
        #expect(found.account == ada)
        #expect(try await store.loginAndAccount(tokenHash: "h2") == nil)
        try await store.deleteLogin(tokenHash: "h1")
        #expect(try await store.loginAndAccount(tokenHash: "h1") == nil)
        try await store.createLogin(LoginSession(tokenHash: "h3", accountID: "ada", csrfToken: "c3", createdAt: t0, expiresAt: t0.addingTimeInterval(3600)))
        try await store.deleteAccount(id: "ada")
        #expect(try await store.loginAndAccount(tokenHash: "h3") == nil)
    }

    @Test("password hashes can be replaced; an unknown account is an error", arguments: StoreFactory.allCases)
    func passwordUpdate(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "ada@example.org")
        try await store.createAccount(ada, learner: learner)
        try await store.updatePasswordHash("$2b$12$new", accountID: "ada")
        #expect(try await store.account(id: "ada")?.passwordHash == "$2b$12$new")
        await #expect(throws: AccountError.unknownAccount("nobody")) { try await store.updatePasswordHash("x", accountID: "nobody") }
    }

    @Test("attempts are counted per key within a window, refused at the limit without being recorded, forgotten and cleared",
          arguments: StoreFactory.allCases)
    func attempts(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let since = t0.addingTimeInterval(-900)
        func limits(_ maximum: Int) -> [AttemptLimit] {
            [AttemptLimit(key: "pair:ada", maximum: maximum, since: since), AttemptLimit(key: "client:1", maximum: 100, since: since)]
        }
        for minutes in [0.0, 5, 10] { #expect(try await store.reserveAttempt(id: "a\(minutes)", at: t0.addingTimeInterval(minutes * 60), limits: limits(3)) == nil) }
        #expect(try await store.reserveAttempt(id: "refused", at: t0, limits: limits(3)) == limits(3)[0])
        #expect(try await store.attempts(key: "pair:ada", since: since) == 3)
        #expect(try await store.attempts(key: "client:1", since: since) == 3)  // the refused attempt recorded nothing
        #expect(try await store.attempts(key: "pair:ada", since: t0.addingTimeInterval(300)) == 2)
        try await store.forgetAttempt(id: "a5.0")
        #expect(try await store.attempts(key: "pair:ada", since: since) == 2)
        #expect(try await store.attempts(key: "client:1", since: since) == 2)
        try await store.clearAttempts(key: "pair:ada")
        #expect(try await store.attempts(key: "pair:ada", since: since) == 0)
        #expect(try await store.attempts(key: "client:1", since: since) == 2)
    }

    /// Checked by splitting the SQLite reservation into a read and a separate write transaction: two pools then let
    /// more than 5 of the 40 concurrent attempts through.
    @Test("concurrent reservations never exceed the limit, also from two connections to the same data", arguments: StoreFactory.allCases)
    func concurrentReservations(factory: StoreFactory) async throws {
        let (store, sibling) = try await factory.makeWithSibling()
        let limit = [AttemptLimit(key: "pair:ada", maximum: 5, since: t0.addingTimeInterval(-900))]
        let reserved = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<40 {
                let target = i % 2 == 0 ? store : sibling
                group.addTask { try await target.reserveAttempt(id: "a\(i)", at: t0, limits: limit) == nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(reserved == 5)
    }

    @Test("logins record their last use, are listed per account, and can all be ended but one; pruning removes ended logins and old attempts",
          arguments: StoreFactory.allCases)
    func loginsAndPruning(factory: StoreFactory) async throws {
        let store = try await factory.make()
        for (id, email) in [("ada", "ada@example.org"), ("bob", "bob@example.org")] {
            let (a, l) = account(id, email: email)
            try await store.createAccount(a, learner: l)
        }
        for (hash, owner, expires) in [("h1", "ada", 3600.0), ("h2", "ada", 3600), ("h3", "ada", 60), ("h4", "bob", 3600)] {
            try await store.createLogin(LoginSession(tokenHash: hash, accountID: owner, csrfToken: "c", createdAt: t0, expiresAt: t0.addingTimeInterval(expires)))
        }
        try await store.touchLogin(tokenHash: "h2", at: t0.addingTimeInterval(1800))
        #expect(try await store.login(tokenHash: "h2")?.lastSeenAt == t0.addingTimeInterval(1800))
        #expect(try await store.login(tokenHash: "h1")?.lastSeenAt == t0)
        #expect(try await store.logins(accountID: "ada").map(\.tokenHash) == ["h1", "h2", "h3"])
        _ = try await store.reserveAttempt(id: "old", at: t0, limits: [AttemptLimit(key: "k", maximum: 9, since: t0)])
        _ = try await store.reserveAttempt(id: "new", at: t0.addingTimeInterval(2000), limits: [AttemptLimit(key: "k", maximum: 9, since: t0)])
        // At t0 + 2000 s: h3 has expired, h1 was last used more than 1000 s ago, h2 and h4 are fine... but h4 is idle too.
        let pruned = try await store.prune(attemptsBefore: t0.addingTimeInterval(1000), idleBefore: t0.addingTimeInterval(1000), now: t0.addingTimeInterval(2000))
        #expect(pruned == PruneResult(attempts: 1, logins: 3))
        #expect(try await store.logins(accountID: "ada").map(\.tokenHash) == ["h2"])
        #expect(try await store.attempts(key: "k", since: .distantPast) == 1)
        try await store.createLogin(LoginSession(tokenHash: "h5", accountID: "ada", csrfToken: "c", createdAt: t0, expiresAt: t0.addingTimeInterval(9000)))
        try await store.createLogin(LoginSession(tokenHash: "h6", accountID: "bob", csrfToken: "c", createdAt: t0, expiresAt: t0.addingTimeInterval(9000)))
        #expect(try await store.deleteLogins(accountID: "ada", keeping: "h5") == 1)
        #expect(try await store.logins(accountID: "ada").map(\.tokenHash) == ["h5"])
        #expect(try await store.deleteLogins(accountID: "ada", keeping: nil) == 1)
        #expect(try await store.logins(accountID: "bob").map(\.tokenHash) == ["h6"])
    }

    @Test("a remembered device is known for its account only, and forgotten with the account", arguments: StoreFactory.allCases)
    func devices(factory: StoreFactory) async throws {
        let store = try await factory.make()
        for (id, email) in [("ada", "ada@example.org"), ("bob", "bob@example.org")] {
            let (a, l) = account(id, email: email)
            try await store.createAccount(a, learner: l)
        }
        try await store.rememberDevice(tokenHash: "d1", accountID: "ada", at: t0)
        try await store.rememberDevice(tokenHash: "d1", accountID: "ada", at: t0)  // again: no error
        try await store.rememberDevice(tokenHash: "d1", accountID: "bob", at: t0)  // one browser, two accounts
        #expect(try await store.isKnownDevice(tokenHash: "d1", accountID: "ada"))
        #expect(try await store.isKnownDevice(tokenHash: "d2", accountID: "ada") == false)
        try await store.deleteAccount(id: "ada")
        #expect(try await store.isKnownDevice(tokenHash: "d1", accountID: "ada") == false)
        #expect(try await store.isKnownDevice(tokenHash: "d1", accountID: "bob"))
    }

    @Test("deleting an account removes its logins, learner, sessions and events, and nobody else's", arguments: StoreFactory.allCases)
    func deleteAccount(factory: StoreFactory) async throws {
        let store = try await factory.make()
        for (id, email) in [("ada", "ada@example.org"), ("bob", "bob@example.org")] {
            let (a, l) = account(id, email: email)
            try await store.createAccount(a, learner: l)
            try await store.createLogin(LoginSession(tokenHash: "h-\(id)", accountID: id, csrfToken: "c", createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
            try await store.create(header("s-\(id)", learner: id))
            try await store.append([SessionEvent(sequence: 0, at: t0, change: .viewed(position: 0))], to: "s-\(id)")
        }
        try await store.deleteAccount(id: "ada")
        #expect(try await store.account(id: "ada") == nil)
        #expect(try await store.account(email: "ada@example.org") == nil)
        #expect(try await store.login(tokenHash: "h-ada") == nil)
        #expect(try await store.learner(id: "ada") == nil)
        #expect(try await store.session(id: "s-ada") == nil)
        #expect(try await store.sessions(learnerID: "ada").isEmpty)
        #expect(try await store.account(id: "bob") != nil)
        #expect(try await store.login(tokenHash: "h-bob") != nil)
        #expect(try await store.session(id: "s-bob")?.events.count == 1)
        // The email is free again.
        let (again, learner) = account("ada2", email: "ada@example.org")
        try await store.createAccount(again, learner: learner)
    }

    @Test("counts: sessions in progress exclude finished and expired ones; every recorded answer counts", arguments: StoreFactory.allCases)
    func counts(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "ada@example.org")
        try await store.createAccount(ada, learner: learner)
        try await store.create(header("open", learner: "ada", kind: .exam, startedAt: t0))
        try await store.create(header("drill", learner: "ada", kind: .practice, startedAt: t0))
        try await store.create(header("expired", learner: "ada", kind: .exam, startedAt: t0.addingTimeInterval(-10_000)))
        try await store.create(header("done", learner: "ada", kind: .practice, startedAt: t0))
        let answer = RecordedAnswer(position: 0, itemID: "item-a", itemVersion: 2, selected: [1], correct: true)
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .answered(answer)),
                                SessionEvent(sequence: 1, at: t0, change: .answered(answer))], to: "open")
        try await store.append([SessionEvent(sequence: 0, at: t0, change: .answered(answer)),
                                SessionEvent(sequence: 1, at: t0, change: .finished(reason: .submitted))], to: "done")
        let counts = try await store.counts(now: t0.addingTimeInterval(60))
        #expect(counts == PracticeCounts(sessionsInProgress: 2, answersRecorded: 3, accounts: 1))
    }
}
