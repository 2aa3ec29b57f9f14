import Foundation

extension InMemoryLearnerStore: AccountStore, PracticeStatistics {
    public func createAccount(_ account: Account, learner: Learner) throws {
        guard !accounts.values.contains(where: { $0.email == account.email }) else { throw AccountError.emailTaken(account.email) }
        accounts[account.id] = account
        save(learner)
    }
    public func account(id: String) -> Account? { accounts[id] }
    public func account(email: String) -> Account? {
        let wanted = Account.normalise(email: email)
        return accounts.values.first { $0.email == wanted }
    }
    public func updatePasswordHash(_ hash: String, accountID: String) throws {
        guard accounts[accountID] != nil else { throw AccountError.unknownAccount(accountID) }
        accounts[accountID]?.passwordHash = hash
    }
    public func createLogin(_ login: LoginSession) throws {
        guard accounts[login.accountID] != nil else { throw AccountError.unknownAccount(login.accountID) }
        logins[login.tokenHash] = login
    }
    public func login(tokenHash: String) -> LoginSession? { logins[tokenHash] }
    public func deleteLogin(tokenHash: String) { logins[tokenHash] = nil }
    public func recordLoginFailure(key: String, at: Date) { loginFailures[key, default: []].append(at) }
    public func loginFailures(key: String, since: Date) -> Int { loginFailures[key, default: []].filter { $0 >= since }.count }
    public func clearLoginFailures(key: String) { loginFailures[key] = nil }
    public func deleteAccount(id: String) {
        accounts[id] = nil
        logins = logins.filter { $0.value.accountID != id }
        removeLearner(id: id)
    }
    public func counts(now: Date) -> PracticeCounts {
        let sessions = sessionCounts(now: now)
        return PracticeCounts(sessionsInProgress: sessions.inProgress, answersRecorded: sessions.answers, accounts: accounts.count)
    }
}
