/// Expected counts from one E-step: at each node, how many people (in posterior weight) attempted and got right
/// each item, plus the marginal log-likelihood and the posterior mass at each node.
///
/// Rows are `stride` long, the node count rounded up to a multiple of 4 so the inner loops run on `SIMD4<Double>`;
/// padding nodes carry a log-weight of −∞ and so receive exactly zero posterior mass.
struct EStepTotals: Sendable {
    var attempts: [Double]
    var successes: [Double]
    var nodeTotals: [Double]
    var logLikelihood: Double
    let stride: Int

    init(itemCount: Int, stride: Int) {
        self.stride = stride
        attempts = [Double](repeating: 0, count: itemCount * stride)
        successes = attempts
        nodeTotals = [Double](repeating: 0, count: stride)
        logLikelihood = 0
    }

    /// Row length for `nodeCount` nodes.
    static func stride(for nodeCount: Int) -> Int { (nodeCount + 3) / 4 * 4 }

    mutating func add(_ other: EStepTotals) {
        for k in attempts.indices {
            attempts[k] += other.attempts[k]
            successes[k] += other.successes[k]
        }
        for q in nodeTotals.indices { nodeTotals[q] += other.nodeTotals[q] }
        logLikelihood += other.logLikelihood
    }

    /// Turns the failure counts accumulated in `attempts` into attempt counts (failures + successes).
    mutating func finishAttempts() {
        for k in attempts.indices { attempts[k] += successes[k] }
    }

    /// Expected attempts at item `i`'s nodes.
    func attempts(item i: Int, nodeCount: Int) -> ArraySlice<Double> { attempts[(i * stride)..<(i * stride + nodeCount)] }
    /// Expected successes at item `i`'s nodes.
    func successes(item i: Int, nodeCount: Int) -> ArraySlice<Double> { successes[(i * stride)..<(i * stride + nodeCount)] }

    /// log P and log(1 − P) for every item at every node, laid out so that row `2·item + correct` is the term a
    /// response adds to the log-likelihood: the inner loop is then a contiguous vector add. Padding entries are 0.
    static func logTable(items: [ItemParameters], nodes: [Double], stride: Int) -> [Double] {
        var table = [Double](repeating: 0, count: 2 * items.count * stride)
        table.withUnsafeMutableBufferPointer { t in
            for (i, item) in items.enumerated() {
                for q in nodes.indices {
                    let p = min(max(item.probability(nodes[q]), 1e-300), 1 - 1e-16)
                    t[(2 * i) * stride + q] = mlog1p(-p)
                    t[(2 * i + 1) * stride + q] = mlog(p)
                }
            }
        }
        return table
    }

    /// `dst[0..<4·blocks] += src[0..<4·blocks]`, four lanes at a time.
    @inline(__always) static func addRow(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, blocks: Int) {
        var off = 0
        for _ in 0..<blocks {
            let v = dst.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self) + src.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self)
            dst.storeBytes(of: v, toByteOffset: off, as: SIMD4<Double>.self)
            off &+= 32
        }
    }

    /// The E-step for people in `persons`: the hot loop of calibration. `logWeights` is padded to the stride with −∞.
    /// On return `attempts` holds failures only; call `finishAttempts()` after adding the partial sums.
    static func accumulate(data: ResponseData, table: [Double], logWeights: [Double], persons: Range<Int>) -> EStepTotals {
        let rowLength = logWeights.count
        let blocks = rowLength / 4
        var out = EStepTotals(itemCount: data.itemCount, stride: rowLength)
        var post = [Double](repeating: 0, count: rowLength)
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
                                            let postRaw = UnsafeMutableRawPointer(post.baseAddress!)
                                            let tableRaw = UnsafeRawPointer(table.baseAddress!)
                                            let nRaw = UnsafeMutableRawPointer(n.baseAddress!)
                                            let rRaw = UnsafeMutableRawPointer(r.baseAddress!)
                                            let rowBytes = rowLength * 8
                                            for p in persons {
                                                let lo = rowStart[p]
                                                let hi = rowStart[p + 1]
                                                if lo == hi { continue }
                                                for q in 0..<rowLength { post[q] = logW[q] }
                                                for k in lo..<hi {
                                                    let row = 2 * Int(items[k]) + Int(correct[k])
                                                    addRow(postRaw, tableRaw + row * rowBytes, blocks: blocks)
                                                }
                                                var m = -Double.infinity
                                                for q in 0..<rowLength where post[q] > m { m = post[q] }
                                                var s = 0.0
                                                for q in 0..<rowLength {
                                                    let e = mexp(post[q] - m)
                                                    post[q] = e
                                                    s += e
                                                }
                                                ll += m + mlog(s)
                                                let inv = 1 / s
                                                for q in 0..<rowLength {
                                                    post[q] *= inv
                                                    nodeTotals[q] += post[q]
                                                }
                                                // Each response adds its posterior to exactly one of the failure or
                                                // success rows; attempts = failures + successes is formed once per
                                                // cycle in `finishAttempts`.
                                                for k in lo..<hi {
                                                    let offset = Int(items[k]) * rowBytes
                                                    addRow((correct[k] != 0 ? rRaw : nRaw) + offset, postRaw, blocks: blocks)
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
