import Foundation
import Psychometrics

/// Random draws for generators: every family draws through these, from a `SeededGenerator`, so instances are
/// reproducible by seed and the ranges a family promises are easy to read off its code.
struct Draw {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// A uniform double in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        Double.random(in: range, using: &rng)
    }

    /// A uniform integer in `range`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &rng)
    }

    /// A uniform double in `range`, rounded to a multiple of `step` (and kept inside the range).
    mutating func stepped(_ range: ClosedRange<Double>, step: Double) -> Double {
        let lo = (range.lowerBound / step).rounded(.up)
        let hi = (range.upperBound / step).rounded(.down)
        return Double(Int.random(in: Int(lo)...Int(hi), using: &rng)) * step
    }

    /// One element of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &rng)]
    }

    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        var u1 = uniform(0...1)
        while u1 <= 1e-300 { u1 = uniform(0...1) }
        let u2 = uniform(0...1)
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }

    /// A fair coin.
    mutating func coin() -> Bool { Bool.random(using: &rng) }

    /// `values` in a random order.
    mutating func shuffled<T>(_ values: [T]) -> [T] { values.shuffled(using: &rng) }
}

/// Seeds for successive attempts at one instance: a generator that rejects a draw (two options too close together,
/// a situation outside its realistic range) tries again with the next, so every seed still yields exactly one
/// instance, the same every time.
enum Attempts {
    static func seeds(for seed: UInt64, limit: Int = 200) -> [UInt64] {
        (0..<UInt64(limit)).map { seed &+ $0 &* 0x9E37_79B9_7F4A_7C15 }
    }
}
