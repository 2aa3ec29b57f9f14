/// A course or a vendor learning path that prepares for one or more credentials.
public struct Course: Hashable, Sendable, Codable, Identifiable {
    /// The part a course plays in a study plan, following the source article's advice.
    public enum Role: String, Hashable, StrictEnum, Comparable {
        /// Taken first by everyone: the article puts Production ML Systems and Structuring ML Projects first.
        case first
        /// Closes a technical gap (supervised learning, evaluation); also the foundations for people new to ML.
        case gap
        /// The vendor's own learning path for an exam.
        case officialPath = "official_path"

        public static func < (lhs: Role, rhs: Role) -> Bool {
            let order: [Role] = [.first, .gap, .officialPath]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public enum Level: String, Hashable, StrictEnum {
        case foundational, intermediate, advanced
    }

    public let id: String
    public let title: String
    public let role: Role
    public let provider: String
    public let platform: String
    public let instructor: String?
    public let level: Level
    public let hours: HoursEstimate
    public let summary: String
    /// Skill areas of the source article's six that the course builds.
    public let skillAreas: [SkillArea]
    public let preparesFor: [CourseLink]
    public let url: String?
    public let sources: [String]
    public let confidence: Confidence

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, role, provider, platform, instructor, level, hours, summary, url, sources, confidence
        case skillAreas = "skill_areas"
        case preparesFor = "prepares_for"
    }

    /// The blueprint domains of `credential` this course prepares for.
    public func domains(for credential: String) -> [String] {
        preparesFor.filter { $0.credential == credential }.flatMap(\.domains)
    }
}

/// Study hours for a course; always flagged as an estimate, with how it was reached.
public struct HoursEstimate: Hashable, Sendable, Codable {
    public let value: Double
    public let estimate: Bool
    public let basis: String
    public init(value: Double, estimate: Bool, basis: String) {
        self.value = value
        self.estimate = estimate
        self.basis = basis
    }
}

/// Which domains of which credential's current blueprint a course prepares for.
public struct CourseLink: Hashable, Sendable, Codable {
    public let credential: String
    public let domains: [String]
    public init(credential: String, domains: [String]) {
        self.credential = credential
        self.domains = domains
    }
}

/// The six skill areas the source article says the Google exam covers; items and courses are tagged with them so that
/// a learner can see the bank through the article's lens whatever the exam.
public enum SkillArea: String, Hashable, StrictEnum {
    case problemFraming = "problem_framing"
    case dataPreparation = "data_preparation"
    case modelDevelopment = "model_development"
    case pipelineAutomation = "pipeline_automation"
    case monitoring
    case responsibleAI = "responsible_ai"

    public var title: String {
        switch self {
        case .problemFraming: "Framing ML problems"
        case .dataPreparation: "Data preparation and feature engineering"
        case .modelDevelopment: "Model development"
        case .pipelineAutomation: "Pipeline automation and CI/CD"
        case .monitoring: "Monitoring and maintenance"
        case .responsibleAI: "Responsible AI and fairness"
        }
    }
}
