/// Scored responses of many people to a bank of items, stored sparsely: each person answers only some items.
///
/// Compressed sparse rows: person `p`'s responses are `items[rowStart[p]..<rowStart[p+1]]` with the matching
/// `correct` flags. Practice data is sparse by nature (every learner sees a different subset of a large bank), so
/// this is the one representation calibration, scoring and item analysis take; a dense matrix is the special case.
///
/// ```swift
/// let data = ResponseData(personCount: 3, itemCount: 2,
///                         responses: [(person: 0, item: 1, correct: true), (person: 2, item: 0, correct: false)])
/// ```
public struct ResponseData: Sendable, Hashable {
    /// Number of people (rows).
    public let personCount: Int
    /// Number of items (columns).
    public let itemCount: Int
    /// Row offsets, `personCount + 1` entries.
    public let rowStart: [Int]
    /// Item index of each response, grouped by person.
    public let items: [Int32]
    /// 1 for correct, 0 for incorrect, parallel to `items`.
    public let correct: [UInt8]

    /// Number of responses stored.
    public var responseCount: Int { items.count }

    /// Builds the sparse form from (person, item, correct) triples in any order. A repeated (person, item) pair keeps
    /// the last one given.
    public init(personCount: Int, itemCount: Int, responses: [(person: Int, item: Int, correct: Bool)]) {
        var counts = [Int](repeating: 0, count: personCount + 1)
        for r in responses {
            precondition(r.person >= 0 && r.person < personCount && r.item >= 0 && r.item < itemCount, "response out of range")
            counts[r.person + 1] += 1
        }
        for p in 0..<personCount { counts[p + 1] += counts[p] }
        var fill = counts
        var items = [Int32](repeating: 0, count: responses.count)
        var correct = [UInt8](repeating: 0, count: responses.count)
        for r in responses {
            items[fill[r.person]] = Int32(r.item)
            correct[fill[r.person]] = r.correct ? 1 : 0
            fill[r.person] += 1
        }
        // Sort each row by item and drop duplicates, keeping the last occurrence.
        var outItems = [Int32]()
        var outCorrect = [UInt8]()
        var outStart = [0]
        outItems.reserveCapacity(items.count)
        outCorrect.reserveCapacity(items.count)
        for p in 0..<personCount {
            let row = (counts[p]..<counts[p + 1]).map { (items[$0], correct[$0], $0) }.sorted { ($0.0, $0.2) < ($1.0, $1.2) }
            for (k, e) in row.enumerated() where k + 1 == row.count || row[k + 1].0 != e.0 {
                outItems.append(e.0)
                outCorrect.append(e.1)
            }
            outStart.append(outItems.count)
        }
        self.personCount = personCount
        self.itemCount = itemCount
        self.rowStart = outStart
        self.items = outItems
        self.correct = outCorrect
    }

    /// Builds from rows already grouped by person (compressed sparse rows): person `p`'s responses are
    /// `items[rowStart[p]..<rowStart[p + 1]]`, each row sorted by item without repeats. This is what a fast reader
    /// produces; it is checked, not re-sorted.
    public init(personCount: Int, itemCount: Int, rowStart: [Int], items: [Int32], correct: [UInt8]) {
        precondition(rowStart.count == personCount + 1 && rowStart.first == 0 && rowStart.last == items.count && items.count == correct.count)
        for p in 0..<personCount {
            precondition(rowStart[p] <= rowStart[p + 1], "row starts must not decrease")
            for k in rowStart[p]..<rowStart[p + 1] {
                precondition(items[k] >= 0 && Int(items[k]) < itemCount, "response out of range")
                precondition(k == rowStart[p] || items[k - 1] < items[k], "each row sorted by item, no repeats")
            }
        }
        self.personCount = personCount
        self.itemCount = itemCount
        self.rowStart = rowStart
        self.items = items
        self.correct = correct
    }

    /// Builds from a dense matrix, one row per person; `nil` marks an item the person did not answer.
    public init(dense rows: [[Bool?]]) {
        let itemCount = rows.first?.count ?? 0
        var triples: [(person: Int, item: Int, correct: Bool)] = []
        for (p, row) in rows.enumerated() {
            precondition(row.count == itemCount, "ragged dense matrix")
            for (i, u) in row.enumerated() { if let u { triples.append((p, i, u)) } }
        }
        self.init(personCount: rows.count, itemCount: itemCount, responses: triples)
    }

    /// Person `p`'s responses as (item, correct) pairs.
    public func responses(of person: Int) -> [(item: Int, correct: Bool)] {
        (rowStart[person]..<rowStart[person + 1]).map { (Int(items[$0]), correct[$0] == 1) }
    }

    /// The sub-matrix restricted to `keep` items (e.g. one domain), same people, original item indices.
    public func restricted(toItems keep: Set<Int>) -> ResponseData {
        var triples: [(person: Int, item: Int, correct: Bool)] = []
        for p in 0..<personCount {
            for k in rowStart[p]..<rowStart[p + 1] where keep.contains(Int(items[k])) {
                triples.append((p, Int(items[k]), correct[k] == 1))
            }
        }
        return ResponseData(personCount: personCount, itemCount: itemCount, responses: triples)
    }
}
