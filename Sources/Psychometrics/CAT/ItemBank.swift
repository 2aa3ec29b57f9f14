/// A calibrated item bank prepared for adaptive testing: parameters, content domains, and a table of item
/// information on a fine θ grid so that choosing the next item is a contiguous scan, not a thousand `exp` calls.
///
/// ```swift
/// let bank = ItemBank(items: calibrated.items, domains: itemDomainIndices)
/// ```
public struct ItemBank: Sendable {
    /// Item parameters, indexed by bank position.
    public let items: [ItemParameters]
    /// Content domain (0-based) of each item.
    public let domains: [Int]
    /// Number of domains (max domain index + 1).
    public let domainCount: Int
    let gridLow: Double
    let gridStep: Double
    let gridCount: Int
    /// Information of item `i` at grid point `g` is `infoTable[g * items.count + i]`: one grid row per θ value so a
    /// scan at fixed θ reads memory in order.
    let infoTable: [Double]
    let domainSizes: [Int]

    /// Prepares `items` (with `domains`, all 0 when omitted), tabulating information every `gridStep` over `gridRange`.
    public init(items: [ItemParameters], domains: [Int]? = nil, gridRange: ClosedRange<Double> = -5...5, gridStep: Double = 0.02) {
        let domains = domains ?? [Int](repeating: 0, count: items.count)
        precondition(domains.count == items.count && domains.allSatisfy { $0 >= 0 })
        self.items = items
        self.domains = domains
        self.domainCount = (domains.max() ?? 0) + 1
        var sizes = [Int](repeating: 0, count: (domains.max() ?? 0) + 1)
        for d in domains { sizes[d] += 1 }
        self.domainSizes = sizes
        self.gridLow = gridRange.lowerBound
        self.gridStep = gridStep
        let count = Int(((gridRange.upperBound - gridRange.lowerBound) / gridStep).rounded()) + 1
        self.gridCount = count
        var table = [Double](repeating: 0, count: count * items.count)
        for g in 0..<count {
            let theta = gridRange.lowerBound + Double(g) * gridStep
            for (i, item) in items.enumerated() { table[g * items.count + i] = item.information(theta) }
        }
        self.infoTable = table
    }

    /// Number of items.
    public var count: Int { items.count }

    /// Interpolated information of item `i` at `theta` (from the table; exact at grid points).
    public func information(item i: Int, theta: Double) -> Double {
        let (g, t) = gridPosition(theta)
        return infoTable[g * items.count + i] * (1 - t) + infoTable[(g + 1) * items.count + i] * t
    }

    /// Lower grid row and interpolation weight for `theta`, clamped to the table.
    @inline(__always) func gridPosition(_ theta: Double) -> (Int, Double) {
        let x = min(max((theta - gridLow) / gridStep, 0), Double(gridCount - 1) - 1e-9)
        let g = Int(x)
        return (g, x - Double(g))
    }
}
