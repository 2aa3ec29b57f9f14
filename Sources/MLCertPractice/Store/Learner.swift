import MLCertCore

/// Someone who studies. The terminal has one local learner; the web app has one per account.
public struct Learner: Sendable, Codable, Hashable {
    public let id: String
    public var displayName: String
    /// Booked exam dates by credential: review scheduling never puts a first review after the exam, and progress
    /// counts the days left.
    public var examDates: [String: Day]

    public init(id: String, displayName: String, examDates: [String: Day] = [:]) {
        self.id = id
        self.displayName = displayName
        self.examDates = examDates
    }
}
