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

    @Test("password hashes can be replaced; an unknown account is an error", arguments: StoreFactory.allCases)
    func passwordUpdate(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let (ada, learner) = account("ada", email: "ada@example.org")
        try await store.createAccount(ada, learner: learner)
        try await store.updatePasswordHash("$2b$12$new", accountID: "ada")
        #expect(try await store.account(id: "ada")?.passwordHash == "$2b$12$new")
        await #expect(throws: AccountError.unknownAccount("nobody")) { try await store.updatePasswordHash("x", accountID: "nobody") }
    }

    @Test("failed sign-ins are counted per key within a window and cleared", arguments: StoreFactory.allCases)
    func loginFailures(factory: StoreFactory) async throws {
        let store = try await factory.make()
        for minutes in [0.0, 5, 10, 20] { try await store.recordLoginFailure(key: "ada@example.org", at: t0.addingTimeInterval(minutes * 60)) }
        try await store.recordLoginFailure(key: "127.0.0.1", at: t0)
        #expect(try await store.loginFailures(key: "ada@example.org", since: t0) == 4)
        #expect(try await store.loginFailures(key: "ada@example.org", since: t0.addingTimeInterval(600)) == 2)
        #expect(try await store.loginFailures(key: "127.0.0.1", since: t0) == 1)
        try await store.clearLoginFailures(key: "ada@example.org")
        #expect(try await store.loginFailures(key: "ada@example.org", since: t0) == 0)
        #expect(try await store.loginFailures(key: "127.0.0.1", since: t0) == 1)
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
