/// A form of an exam that differs from the standard one the credential's facts describe, such as a beta.
///
/// Vendors launch a new guide with a beta that runs longer, has more questions and costs less (AWS's MLA-C02 beta:
/// 85 questions in 170 minutes for USD 75, one attempt), while the standard form the guide describes is what most
/// learners will sit and what the mock exam reproduces. Keeping the variant beside the guide, with its own sourced
/// facts, lets every view say how the two differ instead of mixing their figures.
public struct ExamForm: Hashable, Sendable, Codable, Identifiable {
    /// A short id such as "beta".
    public let id: String
    public let title: String
    /// The code a candidate books this form under, when it differs from the guide's code (ME1-C02 for MLA-C02).
    public let examCode: String?
    public let inForce: DateRange
    /// Only the facts in which this form differs from the standard one.
    public let facts: CredentialFacts
    public let note: String?

    public init(id: String, title: String, examCode: String? = nil, inForce: DateRange, facts: CredentialFacts, note: String? = nil) {
        self.id = id
        self.title = title
        self.examCode = examCode
        self.inForce = inForce
        self.facts = facts
        self.note = note
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, facts, note
        case examCode = "exam_code"
        case inForce = "in_force"
    }
}
