import Foundation
import MLCertCore
import Psychometrics

/// How ready a learner is for one exam, with the evidence and assumptions behind the figure.
///
/// The headline is `probabilityOfPassing`: the chance of reaching the pass mark on a real exam of the catalog's
/// length and blueprint, taking into account how uncertain the learner's ability still is, that one sitting is a
/// sample of questions, and how uncertain the questions' difficulties are. Everything else says what it rests on.
public struct ReadinessReport: Sendable, Codable, Hashable {
    public struct DomainStrength: Sendable, Codable, Hashable {
        public let domain: String
        public let title: String
        /// The domain's share of the exam.
        public let weight: Double
        /// First attempts counted in this domain, and how many were right.
        public let answered: Int
        public let correct: Int
        /// Expected proportion correct on this domain's questions of a real form.
        public let expectedProportion: Double
        /// The expected proportion correct at the ends of this domain's 90% credible ability interval: where the domain
        /// figure plausibly lies given the answers so far (0 to 1 wide before any answer).
        public let expectedLow: Double
        public let expectedHigh: Double
        /// Ability in this domain (posterior mean and SD), on the θ scale.
        public let ability: Double
        public let standardError: Double
        /// Probability that ability in this domain is at or above the cut.
        public let probabilityAboveCut: Double
    }

    /// A probability with the range it could plausibly take.
    public struct ProbabilityRange: Sendable, Codable, Hashable {
        public let low: Double
        public let high: Double
        /// The share of plausible item-parameter values for which the probability lies in the range (0.9).
        public let level: Double
        /// What the range means, in words.
        public let meaning: String
    }

    /// The predicted score on one real sitting.
    public struct ScoreForecast: Sendable, Codable, Hashable {
        /// Expected proportion correct.
        public let expected: Double
        /// The score falls between these proportions on `level` of sittings (0.8).
        public let low: Double
        public let high: Double
        public let level: Double
        public let meaning: String
    }

    /// The exam the prediction is for.
    public struct ExamAssumption: Sendable, Codable, Hashable {
        /// Questions on a real form, and how many per domain (the catalog's count, the exam guide's weights).
        public let questions: Int
        public let questionsByDomain: [String: Int]
        /// The pass mark as a proportion correct, the number right that reaches it, and whether it is assumed (the
        /// vendor publishes none).
        public let passMark: Double
        public let passCount: Int
        public let passMarkAssumed: Bool
    }

    /// Where the item parameters come from.
    public struct ParameterSource: Sendable, Codable, Hashable {
        /// `author_estimates`, `calibrated` (every item) or `mixed`.
        public let kind: String
        /// The calibrated set in use, when one is.
        public let setVersion: Int?
        public let calibratedAt: Date?
        /// Learners whose answers calibrated the set.
        public let calibrationLearners: Int?
        public let calibratedItems: Int
        public let authorEstimatedItems: Int
    }

    /// Whether the answers are enough to rely on the figure.
    public struct Evidence: Sendable, Codable, Hashable {
        public let enough: Bool
        /// First attempts counted (answers given before the key was shown).
        public let firstAttempts: Int
        /// Answers left out because the learner had seen the key (repeats, reviews, questions seen in a report).
        public let repeatsLeftOut: Int
        public let message: String
    }

    public let credentialID: String
    public let at: Date
    /// Distinct items with a counted first attempt.
    public let answered: Int
    public let correct: Int
    /// P(number right on a real form ≥ the pass count).
    public let probabilityOfPassing: Double
    public let probabilityRange: ProbabilityRange
    public let expectedScore: ScoreForecast
    /// Central credible interval for general ability, and the cut, on the θ scale.
    public let abilityLow: Double
    public let abilityHigh: Double
    public let ability: Double
    public let standardError: Double
    /// The ability at which the expected score on a real form is the pass mark (for the ability chart).
    public let cut: Double
    public let outcome: ReadinessOutcome
    public let credibleLevel: Double
    public let domains: [DomainStrength]
    /// Domain ids to study next, most urgent first: low strength in a heavy domain comes first.
    public let studyNext: [String]
    public let exam: ExamAssumption
    public let parameters: ParameterSource
    public let evidence: Evidence
    /// What the figure rests on, in words.
    public let assumptions: [String]

    /// The verdict in plain words.
    public var verdictText: String {
        switch outcome {
        case .likelyPass: "likely to pass"
        case .likelyFail: "not ready yet"
        case .notEnoughEvidence: evidence.enough ? "too close to call" : "not enough evidence yet"
        }
    }
}
