/// Summaries of a distribution given by normalised weights on equally spaced nodes, each node standing for the cell
/// of one grid step around it (so tail probabilities and quantiles are exact for the piecewise-constant density).
struct GridDensity {
    let nodes: [Double]
    let weights: [Double]

    /// Mean and standard deviation.
    var moments: (mean: Double, sd: Double) {
        var s1 = 0.0
        var s2 = 0.0
        for q in nodes.indices {
            s1 += weights[q] * nodes[q]
            s2 += weights[q] * nodes[q] * nodes[q]
        }
        return (s1, msqrt(max(s2 - s1 * s1, 0)))
    }

    /// P(value ≥ cut).
    func probability(atLeast cut: Double) -> Double {
        let h = nodes[1] - nodes[0]
        var above = 0.0
        for q in nodes.indices {
            let lo = nodes[q] - h / 2
            let hi = nodes[q] + h / 2
            if lo >= cut {
                above += weights[q]
            } else if hi > cut {
                above += weights[q] * (hi - cut) / h
            }
        }
        return min(max(above, 0), 1)
    }

    /// The value below which `target` of the mass lies.
    func quantile(_ target: Double) -> Double {
        let h = nodes[1] - nodes[0]
        var cumulative = 0.0
        for q in nodes.indices {
            if cumulative + weights[q] >= target {
                let fraction = weights[q] > 0 ? (target - cumulative) / weights[q] : 0.5
                return nodes[q] - h / 2 + fraction * h
            }
            cumulative += weights[q]
        }
        return nodes[nodes.count - 1] + h / 2
    }

    /// The central interval holding `level` of the mass.
    func centralInterval(level: Double) -> ClosedRange<Double> {
        let tail = (1 - level) / 2
        return quantile(tail)...quantile(1 - tail)
    }
}
