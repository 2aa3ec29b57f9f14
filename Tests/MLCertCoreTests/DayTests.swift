import MLCertCore
import Testing

@Suite("Day")
struct DayTests {
    @Test func parsesAndPrintsISODates() {
        #expect(Day("2026-03-31")?.description == "2026-03-31")
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-3-31") == nil)
        #expect(Day("31/03/2026") == nil)
    }

    @Test func ordinalArithmeticRoundTrips() throws {
        let start = try #require(Day("2026-11-22"))
        #expect(start.adding(days: 10).description == "2026-12-02")
        #expect(start.adding(days: -365).description == "2025-11-22")
        #expect(start.days(until: try #require(Day("2027-01-01"))) == 40)
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(start.weekday == 7)  // 22 November 2026 is a Sunday
    }
}
