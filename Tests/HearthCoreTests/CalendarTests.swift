import Testing
@testable import HearthCore

private func ts(_ s: String) -> Timestamp { Timestamp.parse(s)! }
private func date(_ s: String) -> LocalDate { LocalDate.parse(s)! }

@Suite("Working-day calendar")
struct CalendarTests {
    @Test("Easter Sunday by the anonymous Gregorian algorithm", arguments: [
        (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2038, "2038-04-25"),
    ])
    func easter(year: Int, expected: String) {
        #expect(BankHolidays.easterSunday(year).description == expected)
    }

    @Test("2025 has the eight usual bank holidays")
    func holidays2025() {
        let days = BankHolidays.holidays(in: 2025).map(\.date.description)
        #expect(days == ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"])
    }

    @Test("Moved and one-off holidays: 2011, 2012, 2020, 2022, 2023")
    func oneOffs() {
        #expect(BankHolidays.contains(date("2011-04-29")))
        #expect(BankHolidays.contains(date("2012-06-04")) && BankHolidays.contains(date("2012-06-05")))
        #expect(!BankHolidays.contains(date("2012-05-28")))
        #expect(BankHolidays.contains(date("2020-05-08")) && !BankHolidays.contains(date("2020-05-04")))
        #expect(BankHolidays.contains(date("2022-06-02")) && BankHolidays.contains(date("2022-06-03")))
        #expect(!BankHolidays.contains(date("2022-05-30")))
        #expect(BankHolidays.contains(date("2022-09-19")))
        #expect(BankHolidays.contains(date("2023-05-08")) && BankHolidays.contains(date("2023-05-01")))
    }

    @Test("Substitute days for New Year, Christmas and Boxing Day at weekends")
    func substitutes() {
        // 2022: New Year on Saturday → Monday 3 January; Christmas on Sunday → Boxing Day Monday 26, substitute Tuesday 27.
        #expect(BankHolidays.contains(date("2022-01-03")))
        #expect(BankHolidays.contains(date("2022-12-26")) && BankHolidays.contains(date("2022-12-27")))
        // 2021: Christmas on Saturday → Monday 27 and Tuesday 28.
        #expect(BankHolidays.contains(date("2021-12-27")) && BankHolidays.contains(date("2021-12-28")))
        // 2023: New Year on Sunday → Monday 2 January.
        #expect(BankHolidays.contains(date("2023-01-02")))
        // 2026: Boxing Day on Saturday → Monday 28.
        #expect(BankHolidays.contains(date("2026-12-28")) && !BankHolidays.contains(date("2026-12-26")))
    }

    @Test("A report at 16:30 on the Friday before the August bank holiday")
    func augustBankHoliday() {
        // Given a report on Friday 22 August 2025 at 16:30 BST, with Monday 25 August a bank holiday
        let report = ts("2025-08-22T16:30:00+01:00")
        let calendar = WorkingCalendar()
        // When the deadlines are worked out
        let oneWorkingDay = calendar.due(from: report, within: .workingDays(1))
        let twentyFourHours = calendar.due(from: report, within: .hours(24))
        // Then one working day skips the weekend and the bank holiday, and 24 hours does not
        #expect(oneWorkingDay.description == "2025-08-26T16:30:00+01:00")
        #expect(twentyFourHours.description == "2025-08-23T16:30:00+01:00")
    }

    @Test("The night the clocks go back: 24 hours is 24 elapsed hours; working days keep the wall-clock time")
    func clocksGoBack() {
        let calendar = WorkingCalendar()
        // Given a report at noon on Saturday 25 October 2025 (BST); clocks go back at 02:00 BST on Sunday 26
        #expect(calendar.due(from: ts("2025-10-25T12:00:00+01:00"), within: .hours(24)).description == "2025-10-26T11:00:00+00:00")
        // Given a report at 16:30 on Friday 24 October, one working day later is Monday 16:30 GMT
        #expect(calendar.due(from: ts("2025-10-24T16:30:00+01:00"), within: .workingDays(1)).description == "2025-10-27T16:30:00+00:00")
        // Given a report at the first 01:30 that night, one hour later is the second 01:30
        #expect(calendar.due(from: ts("2025-10-26T01:30:00+01:00"), within: .hours(1)).description == "2025-10-26T01:30:00+00:00")
        // Calendar days keep the wall-clock time across the change
        #expect(calendar.due(from: ts("2025-10-25T12:00:00+01:00"), within: .days(2)).description == "2025-10-27T12:00:00+00:00")
    }

    @Test("The night the clocks go forward")
    func clocksGoForward() {
        let calendar = WorkingCalendar()
        #expect(calendar.due(from: ts("2025-03-29T12:00:00+00:00"), within: .hours(24)).description == "2025-03-30T13:00:00+01:00")
        // A wall-clock time in the gap moves forward by the gap.
        #expect(LondonTime.instant(date: date("2025-03-30"), secondOfDay: 5400).description == "2025-03-30T02:30:00+01:00")
    }

    @Test("A report on a Saturday: one working day ends with Monday")
    func weekendReport() {
        let due = WorkingCalendar().due(from: ts("2025-03-08T11:00:00+00:00"), within: .workingDays(1))
        #expect(due.description == "2025-03-11T00:00:00+00:00")
    }

    @Test("The policy's own closure days are not working days")
    func closureDays() {
        // Given a council closed on Christmas Eve, and a report on Tuesday 23 December 2025 at 10:00
        let calendar = WorkingCalendar(closureDays: [date("2025-12-24")])
        // Then one working day later is Monday 29 December (24 closed, 25–26 bank holidays, 27–28 weekend)
        #expect(calendar.due(from: ts("2025-12-23T10:00:00+00:00"), within: .workingDays(1)).description == "2025-12-29T10:00:00+00:00")
        #expect(WorkingCalendar().due(from: ts("2025-12-23T10:00:00+00:00"), within: .workingDays(1)).description == "2025-12-24T10:00:00+00:00")
    }

    @Test("A policy's calendar follows its closure days")
    func policyCalendar() {
        var policy = Fixtures.crossKeys
        policy.closureDays = [date("2025-03-05")]
        #expect(!policy.calendar.isWorkingDay(date("2025-03-05")))
        #expect(policy.calendar.isWorkingDay(date("2025-03-06")))
    }

    @Test("ISO 8601 times must state their offset")
    func parsing() {
        #expect(Timestamp.parse("2025-03-04T10:00:00") == nil)
        #expect(Timestamp.parse("2025-02-30T10:00:00Z") == nil)
        #expect(Timestamp.parse("2025-03-04T10:00:00Z")?.description == "2025-03-04T10:00:00+00:00")
        #expect(Timestamp.parse("2025-07-04T10:00:00.250+01:00")?.description == "2025-07-04T10:00:00.250+01:00")
        #expect(ts("2025-07-04T09:00:00Z").inLondon.description == "2025-07-04T10:00:00+01:00")
        #expect(ts("2025-07-04T23:30:00-05:00").londonDate.description == "2025-07-05")
        // The same instant written with different offsets is the same time
        #expect(ts("2025-07-04T10:00:00+01:00") == ts("2025-07-04T09:00:00Z"))
    }

    @Test("Given instants with milliseconds, negative offsets and early years, when written, then ISO 8601 as parsed back")
    func isoText() {
        // Given timestamps across the forms the writer has to get right
        let cases = [
            "2025-07-04T10:00:00.005+01:00", "2025-07-04T10:00:00.050+01:00", "2025-07-04T10:00:00.999+01:00",
            "2025-01-04T23:59:59+00:00", "1969-12-31T23:59:59.500+00:00", "0999-03-04T05:06:07+00:00",
            "2025-03-04T10:00:00-05:30", "2025-03-04T10:00:00+14:00", "2025-03-04T00:00:00-12:45",
        ]
        for text in cases {
            // When parsed and written again
            let parsed = Timestamp.parse(text)
            // Then the text comes back byte for byte, and writeISO wrote the same bytes
            #expect(parsed?.description == text)
            if let parsed {
                let bytes = [UInt8](unsafeUninitializedCapacity: Timestamp.longestISO) { buffer, count in
                    count = parsed.writeISO(into: UnsafeMutableRawBufferPointer(buffer))
                }
                #expect(String(decoding: bytes, as: UTF8.self) == text)
            }
        }
        // And an instant made from epoch milliseconds is written in UK time
        #expect(Timestamp(milliseconds: 1_720_429_680_123).inLondon.description == "2024-07-08T10:08:00.123+01:00")
    }
}
