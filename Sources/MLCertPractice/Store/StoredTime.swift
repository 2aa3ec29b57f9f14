import Foundation

/// Times at the precision every learner store keeps exactly: whole milliseconds, one `Date` per millisecond.
///
/// The stores keep a time at different precisions and read it back through different arithmetic: SQLite (GRDB) writes
/// text to the millisecond (rounding to the nearest) and rebuilds the `Date` through a calendar, PostgreSQL (PostgresNIO)
/// writes microseconds since 2000 (truncating) and divides them back, and the stored JSON keeps milliseconds since 1970.
/// A `Date` with sub-millisecond digits therefore came back from a store up to a millisecond off, and even a time on a
/// whole millisecond came back from SQLite or PostgreSQL as a `Date` one or two units in the last place away from the
/// one written. A session folded in memory (`SessionStateCache`) then differed from the same session read back: its
/// time per question, its last activity, an expired exam's end.
///
/// So the practice service reads its clock through `rounded` (every start, deadline and event time it records is
/// already a whole millisecond), and `SessionEvent` passes its time through `rounded` too, so whichever store's
/// arithmetic an event time came back through, one millisecond is one `Date`.
public enum StoredTime {
    /// `date` to the nearest whole millisecond since 1970, as the `Date` the stored JSON decodes that millisecond to.
    ///
    /// To the nearest, not truncated: the rule must leave a time that is already a whole millisecond alone, and such a
    /// time times 1,000 can land a hair below its integer, which truncation would take a millisecond down (nearest
    /// is also what GRDB writes for a time with more digits). Checked over a million random times from 1970 to 2099,
    /// against copies of GRDB's and PostgresNIO's conversions: the rule is idempotent, the stored JSON returns its
    /// result unchanged, and `rounded` of what GRDB and PostgresNIO return is that same `Date`.
    ///
    /// ```swift
    /// StoredTime.rounded(Date(timeIntervalSince1970: 1_000_000.123456789)) == Date(timeIntervalSince1970: 1_000_000.123)
    /// ```
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
