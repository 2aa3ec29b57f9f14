/// Where calibrated parameter sets live, and the store-wide reads that calibration needs. Every learner store
/// implements it (the in-memory store, SQLite and PostgreSQL), so practice can use the newest set at once.
public protocol CalibrationStore: Sendable {
    /// Saves `set` as the credential's next version (its own `version` is ignored) and returns it as saved.
    func saveParameterSet(_ set: ItemParameterSet) async throws -> ItemParameterSet
    /// The credential's newest set, or nil before the first calibration.
    func newestParameterSet(credentialID: String) async throws -> ItemParameterSet?
    /// One set by version, or nil.
    func parameterSet(credentialID: String, version: Int) async throws -> ItemParameterSet?
    /// Learners with at least one session on the credential, in no particular order.
    func learnerIDs(credentialID: String) async throws -> [String]
}
