/// The facts a catalog keeps for every credential. All are optional in the data model so that course certificates,
/// which have no exam, fit the same shape; the linter requires every one of them for an active exam.
public struct CredentialFacts: Hashable, Sendable, Codable {
    public var price: Fact<Price>?
    public var durationMinutes: Fact<Int>?
    public var questions: Fact<QuestionCount>?
    public var questionTypes: Fact<[String]>?
    public var scoring: Fact<Scoring>?
    public var validity: Fact<Validity>?
    public var renewal: Fact<String>?
    public var retakePolicy: Fact<String>?
    public var delivery: Fact<[String]>?
    public var languages: Fact<[String]>?
    public var recommendedExperience: Fact<String>?

    public init() {}

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case price, questions, scoring, validity, renewal, delivery, languages
        case durationMinutes = "duration_minutes"
        case questionTypes = "question_types"
        case retakePolicy = "retake_policy"
        case recommendedExperience = "recommended_experience"
    }

    /// The facts an active exam must state, by their content keys.
    public static let requiredForExams: [String] = CodingKeys.allCases.map(\.stringValue)

    /// Content keys of the facts present, in a stable order.
    public var presentKeys: [String] {
        var keys: [String] = []
        if price != nil { keys.append(CodingKeys.price.stringValue) }
        if durationMinutes != nil { keys.append(CodingKeys.durationMinutes.stringValue) }
        if questions != nil { keys.append(CodingKeys.questions.stringValue) }
        if questionTypes != nil { keys.append(CodingKeys.questionTypes.stringValue) }
        if scoring != nil { keys.append(CodingKeys.scoring.stringValue) }
        if validity != nil { keys.append(CodingKeys.validity.stringValue) }
        if renewal != nil { keys.append(CodingKeys.renewal.stringValue) }
        if retakePolicy != nil { keys.append(CodingKeys.retakePolicy.stringValue) }
        if delivery != nil { keys.append(CodingKeys.delivery.stringValue) }
        if languages != nil { keys.append(CodingKeys.languages.stringValue) }
        if recommendedExperience != nil { keys.append(CodingKeys.recommendedExperience.stringValue) }
        return keys
    }

    /// Provenance of every present fact, keyed like the content, for checks and display that treat facts alike.
    public var provenance: [(key: String, sources: [String], confidence: Confidence, conflict: String?, verifiedOn: Day)] {
        func row<V>(_ key: CodingKeys, _ fact: Fact<V>?) -> (String, [String], Confidence, String?, Day)? {
            fact.map { (key.stringValue, $0.sources, $0.confidence, $0.conflict, $0.verifiedOn) }
        }
        let rows: [(String, [String], Confidence, String?, Day)?] = [
            row(.price, price), row(.durationMinutes, durationMinutes), row(.questions, questions),
            row(.questionTypes, questionTypes), row(.scoring, scoring), row(.validity, validity),
            row(.renewal, renewal), row(.retakePolicy, retakePolicy), row(.delivery, delivery),
            row(.languages, languages), row(.recommendedExperience, recommendedExperience),
        ]
        return rows.compactMap { $0 }.map { (key: $0.0, sources: $0.1, confidence: $0.2, conflict: $0.3, verifiedOn: $0.4) }
    }
}
