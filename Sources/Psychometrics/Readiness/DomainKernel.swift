/// The spread of a domain's ability around the learner's general ability, on the ability grid: row `q` is a normal
/// density of SD `spread` centred on node `q`, cut off at four SDs (beyond which it holds 6e-5 of its mass) and
/// normalised over the grid.
///
/// With `spread` 0 it is the identity, and every domain has the general ability.
struct DomainKernel: Sendable {
    /// Row `q` covers nodes `start[q] ..< start[q] + width[q]`, with weights `values[offset[q] ..< offset[q] + width[q]]`.
    let start: [Int]
    let width: [Int]
    let offset: [Int]
    let values: [Double]

    init(nodes: [Double], spread: Double) {
        let r = nodes.count
        var start: [Int] = []
        var width: [Int] = []
        var offset: [Int] = []
        var values: [Double] = []
        for q in 0..<r {
            guard spread > 0 else {
                start.append(q)
                width.append(1)
                offset.append(values.count)
                values.append(1)
                continue
            }
            let lo = nodes.firstIndex { $0 >= nodes[q] - 4 * spread } ?? q
            let hi = nodes.lastIndex { $0 <= nodes[q] + 4 * spread } ?? q
            let row = (lo...hi).map { k -> Double in
                let z = (nodes[k] - nodes[q]) / spread
                return mexp(-0.5 * z * z)
            }
            let total = row.reduce(0, +)
            start.append(lo)
            width.append(row.count)
            offset.append(values.count)
            values += row.map { $0 / total }
        }
        self.start = start
        self.width = width
        self.offset = offset
        self.values = values
    }
}

/// log(k!) for k up to a bound, for binomial probabilities without overflow.
struct LogFactorials: Sendable {
    let values: [Double]

    init(upTo n: Int) {
        var v = [0.0]
        for k in stride(from: 1, through: max(n, 1), by: 1) { v.append(v[k - 1] + mlog(Double(k))) }
        values = v
    }

    /// Writes P(X = k), k = 0...n, for X ~ Binomial(n, p) into `table[at...at + n]`.
    func binomialPMF(n: Int, p: Double, into table: inout [Double], at: Int) {
        let p = min(max(p, 1e-15), 1 - 1e-15)
        let logP = mlog(p)
        let logQ = mlog1p(-p)
        for k in 0...n {
            table[at + k] = mexp(values[n] - values[k] - values[n - k] + Double(k) * logP + Double(n - k) * logQ)
        }
    }
}
