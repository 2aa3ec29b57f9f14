/// Which table rows each person's responses touch in the E-step, worked out once per calibration.
///
/// The E-step adds, for every person, one row of log-probabilities per response (the likelihood at every node) and
/// later adds the person's posterior to one row of expected counts per response. The table and the count arrays share
/// one layout, four rows per item: `4i + 0` log(1 − P) / failures of partial responders, `4i + 1` log P / their
/// successes, `4i + 2` log P − log(1 − P) / successes of complete responders coded by their right answers, `4i + 3`
/// log(1 − P) − log P / failures of complete responders coded by their wrong answers.
///
/// A person who answered every item (a dense matrix) needs only their right answers, or only their wrong ones,
/// whichever are fewer: the likelihood is a per-cycle base row (every item wrong, or every item right) plus the
/// differences, and the counts of the other kind follow from the person totals. On a dense 200-item test that is
/// about a third of the row additions of the direct sum. Precomputing the row numbers also keeps the hot loop free of
/// branches on the answer.
struct EStepPlan: Sendable {
    enum Kind: UInt8, Sendable {
        /// Answered some items: each response adds its own log(1 − P) or log P row.
        case partial = 0
        /// Answered every item; rows are its right answers on top of the all-wrong base.
        case completeByRight = 1
        /// Answered every item; rows are its wrong answers on top of the all-right base.
        case completeByWrong = 2
    }

    /// Row numbers, person by person.
    let rows: [Int32]
    /// Person `p`'s rows are `rows[start[p]..<start[p + 1]]`.
    let start: [Int]
    /// How each person's rows are coded.
    let kind: [Kind]
    /// Whether any person answered every item (the base rows are then needed).
    let hasComplete: Bool

    init(data: ResponseData) {
        var rows: [Int32] = []
        rows.reserveCapacity(data.responseCount)
        var start = [0]
        start.reserveCapacity(data.personCount + 1)
        var kind: [Kind] = []
        kind.reserveCapacity(data.personCount)
        var hasComplete = false
        for p in 0..<data.personCount {
            let lo = data.rowStart[p]
            let hi = data.rowStart[p + 1]
            if hi - lo == data.itemCount && data.itemCount > 0 {
                hasComplete = true
                var right = 0
                for k in lo..<hi { right += Int(data.correct[k]) }
                let byRight = 2 * right <= hi - lo
                kind.append(byRight ? .completeByRight : .completeByWrong)
                for k in lo..<hi where (data.correct[k] != 0) == byRight {
                    rows.append(4 * data.items[k] + (byRight ? 2 : 3))
                }
            } else {
                kind.append(.partial)
                for k in lo..<hi { rows.append(4 * data.items[k] + Int32(data.correct[k])) }
            }
            start.append(rows.count)
        }
        self.rows = rows
        self.start = start
        self.kind = kind
        self.hasComplete = hasComplete
    }
}
