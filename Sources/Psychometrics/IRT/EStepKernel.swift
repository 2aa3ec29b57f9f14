/// The hot loop of calibration: for each person, the log-likelihood at every quadrature node, the posterior, and
/// its addition to the expected counts of the items they answered.
///
/// Three things keep it fast. The rows each response touches are precomputed (`EStepPlan`), so the loop is nothing
/// but SIMD row additions held in registers, sixteen nodes at a time. People who answered everything add only their
/// right or only their wrong answers. And when every item has `c = 0` (Rasch, 2PL) the posterior is log-concave, so
/// each person keeps a window of nodes from the previous cycle: outside it their posterior is below e⁻³⁰ of its peak
/// and is skipped in both passes. The window is checked every cycle (its edge nodes must be below that bound, and
/// log-concavity then bounds everything beyond them); when the check fails the person is redone on the whole grid.
/// With the 3PL the posterior need not be log-concave, and the whole grid is always used.
struct EStepKernel: Sendable {
    /// `EStepPlan`'s four rows per item of log-probabilities, `stride` long, padded with 0.
    let table: [Double]
    /// Log prior weights, padded to `stride` with −∞.
    let logWeights: [Double]
    /// `logWeights` + Σ log(1 − P): the all-wrong likelihood, base of right-coded complete responders.
    let allWrong: [Double]
    /// `logWeights` + Σ log P: the all-right likelihood, base of wrong-coded complete responders.
    let allRight: [Double]
    let stride: Int
    let nodeCount: Int
    /// Whether node windows may be used (all items have `c = 0`).
    let windowed: Bool

    /// Nodes whose log posterior is more than this below the peak count as zero.
    static let logCutoff = -30.0

    init(items: [ItemParameters], nodes: [Double], logWeights: [Double]) {
        let stride = logWeights.count
        var table = [Double](repeating: 0, count: 4 * items.count * stride)
        var allWrong = logWeights
        var allRight = logWeights
        for (i, item) in items.enumerated() {
            let r = 4 * i * stride
            for q in nodes.indices {
                let p = min(max(item.probability(nodes[q]), 1e-300), 1 - 1e-16)
                let lq = mlog1p(-p)
                let lp = mlog(p)
                table[r + q] = lq
                table[r + stride + q] = lp
                table[r + 2 * stride + q] = lp - lq
                table[r + 3 * stride + q] = lq - lp
                allWrong[q] += lq
                allRight[q] += lp
            }
        }
        self.table = table
        self.logWeights = logWeights
        self.allWrong = allWrong
        self.allRight = allRight
        self.stride = stride
        self.nodeCount = nodes.count
        self.windowed = items.allSatisfy { $0.c == 0 }
    }

    /// Runs the E-step for people in `persons`. `windows` holds, per person of the range, the node blocks
    /// `lo | hi << 8` that carried their posterior last cycle (0: unknown); it is updated in place.
    func accumulate(plan: EStepPlan, persons: Range<Int>, itemCount: Int, windows: inout [UInt16]) -> EStepTotals {
        var out = EStepTotals(itemCount: itemCount, stride: stride)
        var post = [Double](repeating: 0, count: stride)
        let blocks = stride / 4
        let stride = stride
        let nodeCount = nodeCount
        let windowed = windowed
        var ll = 0.0
        var misses = 0
        var additions = 0
        var nodeTotals = out.nodeTotals
        var completeTotals = out.completeTotals
        var completeByWrongTotals = out.completeByWrongTotals
        plan.rows.withUnsafeBufferPointer { rows in
            table.withUnsafeBufferPointer { table in
                out.counts.withUnsafeMutableBufferPointer { counts in
                    post.withUnsafeMutableBufferPointer { post in
                        let post = post.baseAddress!
                        let table = table.baseAddress!
                        let counts = counts.baseAddress!
                        for (w, p) in persons.enumerated() {
                            let lo = plan.start[p]
                            let count = plan.start[p + 1] - lo
                            let kind = plan.kind[p]
                            // A complete responder with every answer right (or wrong) has no rows but a likelihood.
                            if count == 0 && kind == .partial { continue }
                            let base = kind == .partial ? logWeights : (kind == .completeByRight ? allWrong : allRight)
                            let personRows = rows.baseAddress! + lo
                            var b0 = 0
                            var b1 = blocks
                            if windowed && windows[w] != 0 {
                                b0 = max(Int(windows[w] & 0xFF) - 1, 0)
                                b1 = min(Int(windows[w] >> 8) + 1, blocks)
                            }
                            var m = base.withUnsafeBufferPointer { base in
                                Self.sumRows(post, base: base.baseAddress!, table: table, rows: personRows, count: count, stride: stride, blocks: b0..<b1)
                            }
                            if b0 > 0 || b1 < blocks {
                                // The window must end where the posterior is negligible; log-concavity bounds the rest.
                                let lowEdge = b0 > 0 && post[4 * b0] - m > Self.logCutoff
                                let highEdge = b1 < blocks && post[4 * b1 - 1] - m > Self.logCutoff
                                if lowEdge || highEdge {
                                    misses += 1
                                    b0 = 0
                                    b1 = blocks
                                    m = base.withUnsafeBufferPointer { base in
                                        Self.sumRows(
                                            post, base: base.baseAddress!, table: table, rows: personRows, count: count, stride: stride, blocks: b0..<b1)
                                    }
                                }
                            }
                            if windowed {
                                var first = 4 * b1
                                var last = 4 * b0
                                for q in (4 * b0)..<min(4 * b1, nodeCount) where post[q] - m > Self.logCutoff {
                                    first = min(first, q)
                                    last = q
                                }
                                windows[w] = UInt16(first / 4) | UInt16(last / 4 + 1) << 8
                            }
                            var s = 0.0
                            for q in (4 * b0)..<(4 * b1) {
                                let e = mexp(post[q] - m)
                                post[q] = e
                                s += e
                            }
                            ll += m + mlog(s)
                            let inv = 1 / s
                            for q in (4 * b0)..<(4 * b1) {
                                let x = post[q] * inv
                                post[q] = x
                                nodeTotals[q] += x
                            }
                            if kind != .partial {
                                for q in (4 * b0)..<(4 * b1) { completeTotals[q] += post[q] }
                                if kind == .completeByWrong {
                                    for q in (4 * b0)..<(4 * b1) { completeByWrongTotals[q] += post[q] }
                                }
                            }
                            additions &+= 2 &* count &* 4 &* (b1 - b0)
                            Self.addToRows(counts, post: post, rows: personRows, count: count, stride: stride, blocks: b0..<b1)
                        }
                    }
                }
            }
        }
        out.nodeTotals = nodeTotals
        out.completeTotals = completeTotals
        out.completeByWrongTotals = completeByWrongTotals
        out.logLikelihood = ll
        out.windowMisses = misses
        out.additions = additions
        return out
    }

    @inline(__always) static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always) static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// `post = base + Σ table[rows[k]]` over the node blocks `blocks`, four blocks (sixteen nodes) per pass held in
    /// registers; returns the largest entry.
    @inline(__always) static func sumRows(
        _ post: UnsafeMutablePointer<Double>, base: UnsafePointer<Double>, table: UnsafePointer<Double>, rows: UnsafePointer<Int32>,
        count: Int, stride: Int, blocks: Range<Int>
    ) -> Double {
        var b = blocks.lowerBound
        var peak = SIMD4<Double>(repeating: -.infinity)
        while b + 4 <= blocks.upperBound {
            let q = 4 * b
            var s0 = load(base + q)
            var s1 = load(base + q + 4)
            var s2 = load(base + q + 8)
            var s3 = load(base + q + 12)
            for k in 0..<count {
                let r = table + (Int(rows[k]) &* stride &+ q)
                s0 += load(r)
                s1 += load(r + 4)
                s2 += load(r + 8)
                s3 += load(r + 12)
            }
            store(s0, post + q)
            store(s1, post + q + 4)
            store(s2, post + q + 8)
            store(s3, post + q + 12)
            peak = pointwiseMax(peak, pointwiseMax(pointwiseMax(s0, s1), pointwiseMax(s2, s3)))
            b += 4
        }
        if b + 2 <= blocks.upperBound {
            let q = 4 * b
            var s0 = load(base + q)
            var s1 = load(base + q + 4)
            for k in 0..<count {
                let r = table + (Int(rows[k]) &* stride &+ q)
                s0 += load(r)
                s1 += load(r + 4)
            }
            store(s0, post + q)
            store(s1, post + q + 4)
            peak = pointwiseMax(peak, pointwiseMax(s0, s1))
            b += 2
        }
        if b < blocks.upperBound {
            let q = 4 * b
            var s0 = load(base + q)
            for k in 0..<count { s0 += load(table + (Int(rows[k]) &* stride &+ q)) }
            store(s0, post + q)
            peak = pointwiseMax(peak, s0)
        }
        return peak.max()
    }

    /// `counts[rows[k]] += post` over the node blocks `blocks`, sixteen nodes of the posterior held in registers.
    @inline(__always) static func addToRows(
        _ counts: UnsafeMutablePointer<Double>, post: UnsafeMutablePointer<Double>, rows: UnsafePointer<Int32>, count: Int, stride: Int,
        blocks: Range<Int>
    ) {
        var b = blocks.lowerBound
        while b + 4 <= blocks.upperBound {
            let q = 4 * b
            let p0 = load(post + q)
            let p1 = load(post + q + 4)
            let p2 = load(post + q + 8)
            let p3 = load(post + q + 12)
            for k in 0..<count {
                let r = counts + (Int(rows[k]) &* stride &+ q)
                store(load(r) + p0, r)
                store(load(r + 4) + p1, r + 4)
                store(load(r + 8) + p2, r + 8)
                store(load(r + 12) + p3, r + 12)
            }
            b += 4
        }
        while b < blocks.upperBound {
            let q = 4 * b
            let p0 = load(post + q)
            for k in 0..<count {
                let r = counts + (Int(rows[k]) &* stride &+ q)
                store(load(r) + p0, r)
            }
            b += 1
        }
    }
}
