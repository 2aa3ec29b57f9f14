import Foundation

/// The few distribution tails the cue checks need, computed directly so that content tooling needs no numeric library.
public enum Probability {
    /// P(X >= k) for X ~ Binomial(n, p).
    public static func binomialUpperTail(atLeast k: Int, n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        var total = 0.0
        for x in k...n {
            let logTerm = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
                + Double(x) * log(p) + Double(n - x) * log1p(-p)
            total += exp(logTerm)
        }
        return min(1, total)
    }

    /// P(X >= x) for X ~ chi-square with `df` degrees of freedom: the regularized upper incomplete gamma Q(df/2, x/2).
    public static func chiSquareSurvival(_ x: Double, df: Int) -> Double {
        guard x > 0 else { return 1 }
        return regularizedUpperGamma(Double(df) / 2, x / 2)
    }

    /// P(Z >= z) for a standard normal Z.
    public static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// Q(a, x) by the series for x < a + 1 and the continued fraction otherwise (Numerical Recipes, 6.2).
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        let gln: Double = Foundation.lgamma(a)
        if x < a + 1 {
            var sum = 1 / a
            var term = sum
            var ap = a
            for _ in 0..<500 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, 1 - sum * exp(-x + a * log(x) - gln))
        }
        var b = x + 1 - a
        var c = 1 / 1e-300
        var d = 1 / b
        var h = d
        for i in 1..<500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c
            if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return min(1, exp(-x + a * log(x) - gln) * h)
    }
}
