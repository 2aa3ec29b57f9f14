/// Things a service builds once per credential and parameter set and then shares: readiness estimators (every item's
/// parameters drawn, the form's score distributions tabulated) and diagnostic selectors (exposure control set by
/// simulation). A new parameter set has a new key, so a calibration takes effect on the next request.
actor BuiltCache<Key: Hashable & Sendable, Value: Sendable> {
    /// Beyond this, the oldest entry goes first.
    let capacity: Int
    private var entries: [Key: Value] = [:]
    private var order: [Key] = []

    init(capacity: Int = 32) { self.capacity = capacity }

    /// The cached value for `key`, else `build()`'s, kept for next time.
    func value(for key: Key, build: () throws -> Value) rethrows -> Value {
        if let value = entries[key] { return value }
        let value = try build()
        entries[key] = value
        order.append(key)
        while order.count > capacity { entries[order.removeFirst()] = nil }
        return value
    }
}

/// What identifies a built estimator or selector: the credential, its blueprint, the parameter set in use, and (for
/// readiness) the exam's pass mark and length.
struct BuildKey: Hashable, Sendable {
    let credentialID: String
    let blueprint: String
    let setVersion: Int?
    var passMark: Double = 0
    var questions: Int = 0
}
