/// Points and weights that turn an integral over a standard normal ability distribution into a weighted sum.
///
/// Marginal maximum likelihood integrates each person's likelihood over the ability distribution; EM (Bock–Aitkin)
/// does that at a fixed set of nodes. Gauss–Hermite is exact for polynomials of high degree and needs fewer points; a
/// fixed grid is what mirt and most operational programs use, and is more robust when the posterior is far from
/// normal. Weights sum to one; nodes are for N(0, 1) and are shifted and scaled when the latent mean and SD are
/// estimated.
public struct Quadrature: Hashable, Sendable {
    /// Standard-normal node positions, ascending.
    public let nodes: [Double]
    /// Normalised weights, summing to one.
    public let weights: [Double]

    /// `count` equally spaced points on `-range...range` weighted by the normal density.
    public static func grid(count: Int = 49, range: Double = 6) -> Quadrature {
        precondition(count >= 3)
        let nodes = (0..<count).map { -range + 2 * range * Double($0) / Double(count - 1) }
        let dens = nodes.map { mexp(-0.5 * $0 * $0) }
        let total = dens.reduce(0, +)
        return Quadrature(nodes: nodes, weights: dens.map { $0 / total })
    }

    /// Gauss–Hermite rule with `count` points, rescaled to the standard normal (probabilists' form).
    public static func gaussHermite(count: Int = 31) -> Quadrature {
        // Roots of the physicists' Hermite polynomial H_n by Newton's method on the orthonormal recurrence
        // (Numerical Recipes' `gauher`), then x → √2·x and w → w/√π.
        let n = count
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        let pim4 = 0.7511255444649425  // π^(−1/4)
        let m = (n + 1) / 2
        var z = 0.0
        for i in 0..<m {
            if i == 0 {
                z = msqrt(Double(2 * n + 1)) - 1.85575 * mpow(Double(2 * n + 1), -0.16667)
            } else if i == 1 {
                z -= 1.14 * mpow(Double(n), 0.426) / z
            } else if i == 2 {
                z = 1.86 * z - 0.86 * x[0]
            } else if i == 3 {
                z = 1.91 * z - 0.91 * x[1]
            } else {
                z = 2.0 * z - x[i - 2]
            }
            var pp = 0.0
            for _ in 0..<100 {
                var p1 = pim4
                var p2 = 0.0
                for j in 0..<n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * msqrt(2.0 / Double(j + 1)) * p2 - msqrt(Double(j) / Double(j + 1)) * p3
                }
                pp = msqrt(2.0 * Double(n)) * p2
                let z1 = z
                z = z1 - p1 / pp
                if abs(z - z1) <= 1e-14 { break }
            }
            x[i] = z
            x[n - 1 - i] = -z
            w[i] = 2.0 / (pp * pp)
            w[n - 1 - i] = w[i]
        }
        let order = (0..<n).sorted { x[$0] < x[$1] }
        let sqrtPi = msqrt(Double.pi)
        let nodes = order.map { x[$0] * 2.0.squareRoot() }
        var weights = order.map { w[$0] / sqrtPi }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        return Quadrature(nodes: nodes, weights: weights)
    }
}
