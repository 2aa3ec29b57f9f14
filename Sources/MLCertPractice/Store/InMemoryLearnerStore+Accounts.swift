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
    public func logins(accountID: String) -> [LoginSession] {
        logins.values.filter { $0.accountID == accountID }.sorted { ($0.createdAt, $0.tokenHash) < ($1.createdAt, $1.tokenHash) }
    }
    public func touchLogin(tokenHash: String, at: Date) { logins[tokenHash]?.lastSeenAt = at }
    public func deleteLogins(accountID: String, keeping: String?) -> Int {
        let doomed = logins.values.filter { $0.accountID == accountID && $0.tokenHash != keeping }.map(\.tokenHash)
        for hash in doomed { logins[hash] = nil }
        return doomed.count
    }
    public func reserveAttempt(id: String, at: Date, limits: [AttemptLimit]) -> AttemptLimit? {
        if let full = limits.first(where: { attempts(key: $0.key, since: $0.since) >= $0.maximum }) { return full }
        attempts += limits.map { (key: $0.key, id: id, at: at) }
        return nil
    }
    public func forgetAttempt(id: String) { attempts.removeAll { $0.id == id } }
    public func attempts(key: String, since: Date) -> Int { attempts.filter { $0.key == key && $0.at >= since }.count }
    public func clearAttempts(key: String) { attempts.removeAll { $0.key == key } }
    public func rememberDevice(tokenHash: String, accountID: String, at: Date) { devices.insert(DeviceKey(tokenHash: tokenHash, accountID: accountID)) }
    public func isKnownDevice(tokenHash: String, accountID: String) -> Bool {
        accounts[accountID] != nil && devices.contains(DeviceKey(tokenHash: tokenHash, accountID: accountID))
    }
    public func prune(attemptsBefore: Date, idleBefore: Date, now: Date) -> PruneResult {
        let attemptCount = attempts.count
        attempts.removeAll { $0.at < attemptsBefore }
        let doomed = logins.values.filter { $0.expiresAt < now || $0.lastSeenAt < idleBefore }.map(\.tokenHash)
        for hash in doomed { logins[hash] = nil }
        return PruneResult(attempts: attemptCount - attempts.count, logins: doomed.count)
    }
    public func deleteAccount(id: String) {
        accounts[id] = nil
        logins = logins.filter { $0.value.accountID != id }
        devices = devices.filter { $0.accountID != id }
        removeLearner(id: id)
    }
    public func counts(now: Date) -> PracticeCounts {
        let sessions = sessionCounts(now: now)
        return PracticeCounts(sessionsInProgress: sessions.inProgress, answersRecorded: sessions.answers, accounts: accounts.count)
    }
}
