/// The M-step for one item: maximise the expected complete-data log-posterior
/// `Σ_q r_q log P(θ_q) + (n_q − r_q) log(1 − P(θ_q)) + log prior` by Fisher scoring.
///
/// Parameters are moved on unconstrained scales (log a, b, logit c) so a step can never produce a negative slope or
/// a guessing rate outside (0, 1); priors are stated on a and c themselves.
enum ItemFit {
    /// Value, gradient and expected information of the objective on the free scale. Coordinates are
    /// [log a, b, logit c], of which the model uses a prefix-compatible subset given by `free`.
    struct Eval {
        var value = 0.0
        var grad = [0.0, 0.0, 0.0]
        var info = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    }

    static func free(_ model: IRTModel) -> [Int] {
        switch model {
        case .rasch: [1]
        case .twoPL: [0, 1]
        case .threePL: [0, 1, 2]
        }
    }

    static func evaluate(
        _ item: ItemParameters, nodes: [Double], attempts: ArraySlice<Double>, successes: ArraySlice<Double>, prior: ItemPrior
    ) -> Eval {
        var e = Eval()
        let a = item.a
        let b = item.b
        let c = item.c
        var n0 = attempts.startIndex
        let r0 = successes.startIndex
        for q in nodes.indices {
            let n = attempts[n0]
            let r = successes[r0 + q]
            n0 += 1
            if n <= 0 { continue }
            let th = nodes[q]
            let s = logistic(a * (th - b))
            let p = min(max(c + (1 - c) * s, 1e-12), 1 - 1e-12)
            let pq = p * (1 - p)
            e.value += r * mlog(p) + (n - r) * mlog(1 - p)
            let ds = (1 - c) * s * (1 - s)
            let d = (ds * a * (th - b), -ds * a, (1 - s) * c * (1 - c))
            let resid = (r - n * p) / pq
            e.grad[0] += resid * d.0
            e.grad[1] += resid * d.1
            e.grad[2] += resid * d.2
            let w = n / pq
            e.info[0] += w * d.0 * d.0
            e.info[1] += w * d.0 * d.1
            e.info[2] += w * d.0 * d.2
            e.info[4] += w * d.1 * d.1
            e.info[5] += w * d.1 * d.2
            e.info[8] += w * d.2 * d.2
        }
        if let pa = prior.logA {
            let z = mlog(a) - pa.mean
            let v = pa.sd * pa.sd
            e.value -= z * z / (2 * v)
            e.grad[0] -= z / v
            e.info[0] += 1 / v
        }
        if let pb = prior.bPrior {
            let z = b - pb.mean
            let v = pb.sd * pb.sd
            e.value -= z * z / (2 * v)
            e.grad[1] -= z / v
            e.info[4] += 1 / v
        }
        if let pc = prior.c, c > 0 {
            e.value += (pc.alpha - 1) * mlog(c) + (pc.beta - 1) * mlog(1 - c)
            e.grad[2] += (pc.alpha - 1) * (1 - c) - (pc.beta - 1) * c
            e.info[8] += (pc.alpha + pc.beta - 2) * c * (1 - c)
        }
        e.info[3] = e.info[1]
        e.info[6] = e.info[2]
        e.info[7] = e.info[5]
        return e
    }

    /// Solves the `free` sub-system `info · x = grad` (at most 3×3) by Gaussian elimination with a small ridge.
    static func solve(_ e: Eval, free: [Int]) -> [Double]? {
        let d = free.count
        var m = [Double](repeating: 0, count: d * (d + 1))
        for (r, i) in free.enumerated() {
            for (col, j) in free.enumerated() { m[r * (d + 1) + col] = e.info[i * 3 + j] + (r == col ? 1e-10 : 0) }
            m[r * (d + 1) + d] = e.grad[i]
        }
        for k in 0..<d {
            var piv = k
            for r in (k + 1)..<max(k + 1, d) where abs(m[r * (d + 1) + k]) > abs(m[piv * (d + 1) + k]) { piv = r }
            if abs(m[piv * (d + 1) + k]) < 1e-300 { return nil }
            if piv != k { for col in 0...d { m.swapAt(k * (d + 1) + col, piv * (d + 1) + col) } }
            for r in 0..<d where r != k {
                let f = m[r * (d + 1) + k] / m[k * (d + 1) + k]
                for col in k...d { m[r * (d + 1) + col] -= f * m[k * (d + 1) + col] }
            }
        }
        return (0..<d).map { m[$0 * (d + 1) + d] / m[$0 * (d + 1) + $0] }
    }

    static func moved(_ item: ItemParameters, free: [Int], step: [Double], scale: Double) -> ItemParameters {
        var out = item
        for (k, i) in free.enumerated() {
            let s = step[k] * scale
            switch i {
            case 0: out.a = min(max(item.a * mexp(s), 0.02), 20)
            case 1: out.b = min(max(item.b + s, -12), 12)
            default:
                let g = mlog(item.c / (1 - item.c)) + s
                out.c = min(max(logistic(g), 1e-6), 0.6)
            }
        }
        return out
    }

    static func maximise(
        start: ItemParameters, model: IRTModel, nodes: [Double], attempts: ArraySlice<Double>, successes: ArraySlice<Double>,
        prior: ItemPrior
    ) -> ItemParameters {
        let free = free(model)
        var item = start
        if model == .threePL && item.c <= 0 { item.c = 0.2 }
        var e = evaluate(item, nodes: nodes, attempts: attempts, successes: successes, prior: prior)
        for _ in 0..<25 {
            guard var step = solve(e, free: free) else { break }
            // Shorten long steps as a whole: clipping coordinates one by one would turn the step and can leave no
            // ascent direction at all (for a very easy item the b step is large and the log a step small).
            let longest = step.map { abs($0) }.max() ?? 0
            if longest > 1 { step = step.map { $0 / longest } }
            var scale = 1.0
            var accepted = false
            while scale > 1e-4 {
                let candidate = moved(item, free: free, step: step, scale: scale)
                let ce = evaluate(candidate, nodes: nodes, attempts: attempts, successes: successes, prior: prior)
                if ce.value >= e.value - 1e-12 {
                    item = candidate
                    e = ce
                    accepted = true
                    break
                }
                scale *= 0.5
            }
            let size = step.map { abs($0) }.max() ?? 0
            if !accepted || size * scale < 1e-8 { break }
        }
        return item
    }

    /// The log prior density of `item` (up to a constant), the part of the EM objective that is not likelihood.
    static func logPrior(_ item: ItemParameters, prior: ItemPrior) -> Double {
        var value = 0.0
        if let pa = prior.logA {
            let z = mlog(item.a) - pa.mean
            value -= z * z / (2 * pa.sd * pa.sd)
        }
        if let pb = prior.bPrior {
            let z = item.b - pb.mean
            value -= z * z / (2 * pb.sd * pb.sd)
        }
        if let pc = prior.c, item.c > 0 {
            value += (pc.alpha - 1) * mlog(item.c) + (pc.beta - 1) * mlog(1 - item.c)
        }
        return value
    }

    static func standardErrors(
        _ item: ItemParameters, model: IRTModel, nodes: [Double], attempts: ArraySlice<Double>, successes: ArraySlice<Double>,
        prior: ItemPrior
    ) -> ItemStandardErrors {
        let free = free(model)
        let e = evaluate(item, nodes: nodes, attempts: attempts, successes: successes, prior: prior)
        var ses = ItemStandardErrors(a: 0, b: 0, c: 0)
        for (k, i) in free.enumerated() {
            var unit = Eval()
            unit.info = e.info
            unit.grad = [0, 0, 0]
            unit.grad[i] = 1
            guard let col = solve(unit, free: free) else { continue }
            let v = max(col[k], 0)
            switch i {
            case 0: ses.a = item.a * msqrt(v)
            case 1: ses.b = msqrt(v)
            default: ses.c = item.c * (1 - item.c) * msqrt(v)
            }
        }
        return ses
    }
}
