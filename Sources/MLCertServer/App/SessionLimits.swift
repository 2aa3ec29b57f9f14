/// What a learner may ask for when starting a session. The JSON API and the practice pages both check requests here,
/// so a form and a script are refused for the same values with the same words (the OpenAPI document states the
/// same bounds for `count` and `time_limit_minutes`).
enum SessionLimits {
    static let questionCount = 1...100
    static let defaultDrillCount = 10
    static let maximumMinutes = 600.0

    /// The number of questions, refused outside 1 to 100; `field` names the form field or JSON key.
    static func checkedCount(_ count: Int, field: String) throws -> Int {
        guard questionCount.contains(count) else {
            throw APIError.invalidField(field, "'\(count)' is not a number of questions from 1 to 100")
        }
        return count
    }

    /// A custom exam time limit: more than 0 and at most 600 minutes. `text` is what the learner typed, when it was
    /// typed, so the refusal quotes it as written.
    static func checkedMinutes(_ minutes: Double, field: String, text: String? = nil) throws -> Double {
        guard minutes.isFinite, minutes > 0, minutes <= maximumMinutes else {
            throw APIError.invalidField(field, "'\(text ?? String(minutes))' is not a time limit of more than 0 and at most 600 minutes")
        }
        return minutes
    }
}
