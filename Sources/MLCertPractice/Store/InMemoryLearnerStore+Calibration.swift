import Foundation

extension InMemoryLearnerStore {
    public func saveParameterSet(_ set: ItemParameterSet) -> ItemParameterSet {
        let saved = set.numbered((parameterSets[set.credentialID]?.last?.version ?? 0) + 1)
        parameterSets[set.credentialID, default: []].append(saved)
        return saved
    }

    public func newestParameterSet(credentialID: String) -> ItemParameterSet? { parameterSets[credentialID]?.last }

    public func parameterSet(credentialID: String, version: Int) -> ItemParameterSet? {
        parameterSets[credentialID]?.first { $0.version == version }
    }

    public func learnerIDs(credentialID: String) -> [String] {
        Array(Set(sessionHeaders.filter { $0.credentialID == credentialID }.map(\.learnerID)))
    }
}
