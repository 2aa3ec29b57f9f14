/// A point in time with microsecond resolution, counted from the Unix epoch (UTC).
///
/// FSRS only needs whole microseconds because py-fsrs, the reference implementation, uses Python `datetime`, whose
/// resolution is one microsecond; integer arithmetic makes replaying its histories exact instead of approximately
/// equal. Callers holding a Foundation `Date` convert with `FSRSTimestamp(secondsSinceEpoch: date.timeIntervalSince1970)`.
public struct FSRSTimestamp: Hashable, Comparable, Sendable, Codable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    /// One day in microseconds, the unit FSRS intervals are counted in.
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Creates a timestamp from microseconds since the Unix epoch.
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Creates a timestamp from (possibly fractional) seconds since the Unix epoch, rounded to the microsecond.
    public init(secondsSinceEpoch: Double) {
        self.microsecondsSinceEpoch = Int64((secondsSinceEpoch * 1_000_000).rounded(.toNearestOrEven))
    }

    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Double { Double(microsecondsSinceEpoch) / 1_000_000 }

    /// This timestamp moved by `duration` (which may be negative).
    public func advanced(by duration: Duration) -> FSRSTimestamp {
        FSRSTimestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + duration.fsrsMicroseconds)
    }

    /// This timestamp moved by a whole number of days.
    public func advanced(days: Int) -> FSRSTimestamp {
        FSRSTimestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + Int64(days) * Self.microsecondsPerDay)
    }

    /// Whole days from `earlier` to `self`, rounded toward minus infinity like Python's `timedelta.days`.
    public func wholeDays(since earlier: FSRSTimestamp) -> Int {
        let delta = microsecondsSinceEpoch - earlier.microsecondsSinceEpoch
        let (q, r) = delta.quotientAndRemainder(dividingBy: Self.microsecondsPerDay)
        return Int(r < 0 ? q - 1 : q)
    }

    public static func < (lhs: FSRSTimestamp, rhs: FSRSTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }
}

extension Duration {
    /// The duration in whole microseconds (sub-microsecond parts are truncated), as Python's `timedelta` holds it.
    var fsrsMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// A duration of whole microseconds.
    static func fsrsMicroseconds(_ value: Int64) -> Duration {
        .microseconds(value)
    }
}

/// Integer division rounding half to even, as Python's `timedelta` does when it is multiplied or divided by a float.
func divideRoundingHalfEven(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    precondition(denominator > 0)
    var (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    if r < 0 {
        q -= 1
        r += denominator
    }
    let twice = 2 * r
    if twice > denominator || (twice == denominator && q & 1 == 1) {
        q += 1
    }
    return q
}
