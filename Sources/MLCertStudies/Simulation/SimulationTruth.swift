import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics

/// What is really true in a simulation, and deliberately not what the scorer assumes.
///
/// The scorer takes each item's author estimate (a = 1, b = −1/0/+1 from easy/medium/hard, c = the blind-guess rate)
/// with wide spreads around it, one ability shared by every domain plus a domain deviation, and a population of
/// N(0, 1). The truth differs on every count, by the amounts stated here (and printed with every report):
public struct SimulationTruth: Sendable, Hashable, Codable {
    /// True b = author b + `difficultyBias` + N(0, `difficultySD`²): writers misjudge items, and on average find them
    /// easier than learners do.
    public var difficultyBias = 0.3
    public var difficultySD = 0.8
    /// True log a ~ N(`logDiscriminationMean`, `logDiscriminationSD`²): items discriminate more, and more unevenly, than
    /// the authors' a = 1.
    public var logDiscriminationMean = 0.2
    public var logDiscriminationSD = 0.3
    /// True c = author c + U(0, `guessingExtra`): some distractors can be ruled out.
    public var guessingExtra = 0.1
    /// Each domain has its own ability; any two correlate `domainCorrelation` (the scorer assumes a spread of 0.5
    /// around one general ability, i.e. a correlation near 0.8).
    public var domainCorrelation = 0.6
    /// Abilities are N(`populationMean`, 1) in every domain, so the population is not the scorer's N(0, 1).
    public var populationMean = 0.5
    /// After seeing an item's key a learner answers it right with at least this probability (memory of the key).
    public var memory = 0.9

    public init() {}

    /// The true parameters of `items` (in order), drawn from `generator`.
    public func parameters<G: RandomNumberGenerator>(of items: [Item], using generator: inout G) -> [ItemParameters] {
        items.map { item in
            let author = ItemPriors.parameters(for: item)
            let a = exp(logDiscriminationMean + logDiscriminationSD * IRTSimulation.normal(using: &generator))
            let b = author.b + difficultyBias + difficultySD * IRTSimulation.normal(using: &generator)
            let c = min(author.c + guessingExtra * Double.random(in: 0..<1, using: &generator), 0.6)
            return ItemParameters(a: a, b: b, c: c)
        }
    }

    /// One learner's true ability in each of `domains` domains.
    public func abilities<G: RandomNumberGenerator>(domains: Int, using generator: inout G) -> [Double] {
        let shared = IRTSimulation.normal(using: &generator)
        let r = domainCorrelation
        return (0..<domains).map { _ in populationMean + r.squareRoot() * shared + (1 - r).squareRoot() * IRTSimulation.normal(using: &generator) }
    }
}
