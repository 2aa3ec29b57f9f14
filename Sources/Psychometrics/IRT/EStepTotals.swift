/// Expected counts from one E-step: at each node, how many people (in posterior weight) attempted and got right
/// each item, plus the marginal log-likelihood and the posterior mass at each node.
struct EStepTotals: Sendable {
    var attempts: [Double]
    var successes: [Double]
    var nodeTotals: [Double]
    var logLikelihood: Double

    init(itemCount: Int, nodeCount: Int) {
        attempts = [Double](repeating: 0, count: itemCount * nodeCount)
        successes = attempts
        nodeTotals = [Double](repeating: 0, count: nodeCount)
        logLikelihood = 0
    }

    mutating func add(_ other: EStepTotals) {
        for k in attempts.indices {
            attempts[k] += other.attempts[k]
            successes[k] += other.successes[k]
        }
        for q in nodeTotals.indices { nodeTotals[q] += other.nodeTotals[q] }
        logLikelihood += other.logLikelihood
    }

    /// log P and log(1 − P) for every item at every node, laid out so that row `2·item + correct` is the term a
    /// response adds to the log-likelihood: the inner loop is then a contiguous vector add.
    static func logTable(items: [ItemParameters], nodes: [Double]) -> [Double] {
        let Q = nodes.count
        var table = [Double](repeating: 0, count: 2 * items.count * Q)
        table.withUnsafeMutableBufferPointer { t in
            for (i, item) in items.enumerated() {
                for q in 0..<Q {
                    let p = min(max(item.probability(nodes[q]), 1e-300), 1 - 1e-16)
                    t[(2 * i) * Q + q] = mlog1p(-p)
                    t[(2 * i + 1) * Q + q] = mlog(p)
                }
            }
        }
        return table
    }

    /// The E-step for people in `persons`: the hot loop of calibration.
    static func accumulate(data: ResponseData, table: [Double], logWeights: [Double], persons: Range<Int>) -> EStepTotals {
        let Q = logWeights.count
        var out = EStepTotals(itemCount: data.itemCount, nodeCount: Q)
        var post = [Double](repeating: 0, count: Q)
        var ll = 0.0
        data.rowStart.withUnsafeBufferPointer { rowStart in
            data.items.withUnsafeBufferPointer { items in
                data.correct.withUnsafeBufferPointer { correct in
                    table.withUnsafeBufferPointer { table in
                        logWeights.withUnsafeBufferPointer { logW in
                            out.attempts.withUnsafeMutableBufferPointer { n in
                                out.successes.withUnsafeMutableBufferPointer { r in
                                    out.nodeTotals.withUnsafeMutableBufferPointer { nodeTotals in
                                        post.withUnsafeMutableBufferPointer { post in
                                            for p in persons {
                                                let lo = rowStart[p], hi = rowStart[p + 1]
                                                if lo == hi { continue }
                                                for q in 0..<Q { post[q] = logW[q] }
                                                for k in lo..<hi {
                                                    let base = (2 * Int(items[k]) + Int(correct[k])) * Q
                                                    for q in 0..<Q { post[q] += table[base + q] }
                                                }
                                                var m = -Double.infinity
                                                for q in 0..<Q where post[q] > m { m = post[q] }
                                                var s = 0.0
                                                for q in 0..<Q {
                                                    let e = mexp(post[q] - m)
                                                    post[q] = e
                                                    s += e
                                                }
                                                ll += m + mlog(s)
                                                let inv = 1 / s
                                                for q in 0..<Q {
                                                    post[q] *= inv
                                                    nodeTotals[q] += post[q]
                                                }
                                                for k in lo..<hi {
                                                    let base = Int(items[k]) * Q
                                                    for q in 0..<Q { n[base + q] += post[q] }
                                                    if correct[k] != 0 {
                                                        for q in 0..<Q { r[base + q] += post[q] }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out.logLikelihood = ll
        return out
    }
}
