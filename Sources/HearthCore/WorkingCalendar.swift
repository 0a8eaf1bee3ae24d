/// Bank holidays in England and Wales, computed by rule plus a table of one-off changes.
public enum BankHolidays {
    /// The first and last years the table covers.
    public static let years: ClosedRange<Int> = 1995...2100

    /// The day number of 1 January of the first year covered.
    static let firstDay = LocalDate(year: years.lowerBound, month: 1, day: 1)!.dayNumber

    /// One flag per day from `firstDay`: whether it is a bank holiday.
    static let flags: [Bool] = {
        let last = LocalDate(year: years.upperBound, month: 12, day: 31)!.dayNumber
        var flags = [Bool](repeating: false, count: last - firstDay + 1)
        for year in years { for d in holidays(in: year) { flags[d.date.dayNumber - firstDay] = true } }
        return flags
    }()

    /// Whether a day number is a bank holiday; years outside the table are computed by rule.
    static func isHoliday(dayNumber: Int) -> Bool {
        let i = dayNumber - firstDay
        if i >= 0 && i < flags.count { return flags[i] }
        let date = LocalDate(dayNumber: dayNumber)
        return holidays(in: date.year).contains { $0.date == date }
    }

    /// One-off holidays and moved holidays, by year: (extra days, moved (from, to) pairs).
    static let oneOffs: [Int: (extra: [(Int, Int, String)], moved: [((Int, Int), (Int, Int))])] = [
        1995: ([], [((5, 1), (5, 8))]),                          // VE Day 50th: early May moved to 8 May
        1999: ([(12, 31, "Millennium")], []),
        2002: ([(6, 3, "Golden Jubilee")], [((5, 27), (6, 4))]),
        2011: ([(4, 29, "Royal wedding")], []),
        2012: ([(6, 5, "Diamond Jubilee")], [((5, 28), (6, 4))]),
        2020: ([], [((5, 4), (5, 8))]),                          // VE Day 75th: early May moved to Friday 8 May
        2022: ([(6, 3, "Platinum Jubilee"), (9, 19, "State funeral of Queen Elizabeth II")], [((5, 30), (6, 2))]),
        2023: ([(5, 8, "Coronation of King Charles III")], []),
    ]

    /// Easter Sunday (anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The bank holidays of one year, with names, in date order.
    public static func holidays(in year: Int) -> [(date: LocalDate, name: String)] {
        func date(_ m: Int, _ d: Int) -> LocalDate { LocalDate(year: year, month: m, day: d)! }
        func firstMonday(_ m: Int) -> LocalDate {
            var d = date(m, 1)
            while d.weekday != 1 { d = d.adding(days: 1) }
            return d
        }
        func lastMonday(_ m: Int) -> LocalDate {
            var d = date(m, LocalDate.daysInMonth(year: year, month: m))
            while d.weekday != 1 { d = d.adding(days: -1) }
            return d
        }
        var list: [(LocalDate, String)] = []
        // New Year's Day, moved to Monday when it falls at a weekend.
        var newYear = date(1, 1)
        if newYear.weekday == 6 { newYear = newYear.adding(days: 2) } else if newYear.weekday == 0 { newYear = newYear.adding(days: 1) }
        list.append((newYear, newYear == date(1, 1) ? "New Year's Day" : "New Year's Day (substitute day)"))
        let easter = easterSunday(year)
        list.append((easter.adding(days: -2), "Good Friday"))
        list.append((easter.adding(days: 1), "Easter Monday"))
        list.append((firstMonday(5), "Early May bank holiday"))
        list.append((lastMonday(5), "Spring bank holiday"))
        list.append((lastMonday(8), "Summer bank holiday"))
        // Christmas Day and Boxing Day with substitute days.
        let christmas = date(12, 25)
        switch christmas.weekday {
        case 5: // Friday: Boxing Day on Saturday moves to Monday 28
            list.append((christmas, "Christmas Day"))
            list.append((date(12, 28), "Boxing Day (substitute day)"))
        case 6: // Saturday
            list.append((date(12, 27), "Christmas Day (substitute day)"))
            list.append((date(12, 28), "Boxing Day (substitute day)"))
        case 0: // Sunday
            list.append((date(12, 26), "Boxing Day"))
            list.append((date(12, 27), "Christmas Day (substitute day)"))
        default:
            list.append((christmas, "Christmas Day"))
            list.append((date(12, 26), "Boxing Day"))
        }
        if let changes = oneOffs[year] {
            for (from, to) in changes.moved {
                if let index = list.firstIndex(where: { $0.0 == date(from.0, from.1) }) {
                    list[index].0 = date(to.0, to.1)
                }
            }
            for (m, d, name) in changes.extra { list.append((date(m, d), name)) }
        }
        return list.sorted { $0.0 < $1.0 }.map { (date: $0.0, name: $0.1) }
    }

    /// Whether a date is a bank holiday in England and Wales.
    public static func contains(_ date: LocalDate) -> Bool { isHoliday(dayNumber: date.dayNumber) }
}

/// The working-day calendar of one organisation: weekdays that are neither bank holidays nor its own closure days.
public struct WorkingCalendar: Sendable, Hashable {
    /// The organisation's own closure days (besides weekends and bank holidays).
    public let closureDays: Set<LocalDate>

    /// Creates a calendar with the organisation's closure days.
    public init(closureDays: some Sequence<LocalDate> = []) {
        self.closureDays = Set(closureDays)
    }

    /// Whether staff work on this date.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        let weekday = date.weekday
        if weekday == 0 || weekday == 6 { return false }
        if BankHolidays.isHoliday(dayNumber: date.dayNumber) { return false }
        return closureDays.isEmpty || !closureDays.contains(date)
    }

    /// The working day `n` working days after `date` (n ≥ 1), or the same date when n is 0 and it is a working day.
    public func workingDay(after date: LocalDate, count n: Int) -> LocalDate {
        var day = date
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// When a deadline falls: exact elapsed hours, calendar days at the same UK wall-clock time,
    /// or working days at the same UK wall-clock time.
    ///
    /// A start on a non-working day counts from 00:00 on the next working day, so "within one working day"
    /// of a Saturday report falls at the end of Monday (00:00 Tuesday).
    public func due(from start: Timestamp, within: Within) -> Timestamp {
        switch within {
        case .hours(let h):
            return start.adding(seconds: Int64(h) * 3600)
        case .days(let d):
            return LondonTime.instant(date: start.londonDate.adding(days: d), secondOfDay: start.londonSecondOfDay)
        case .workingDays(let n):
            var date = start.londonDate
            var secondOfDay = start.londonSecondOfDay
            if !isWorkingDay(date) {
                repeat { date = date.adding(days: 1) } while !isWorkingDay(date)
                secondOfDay = 0
            }
            return LondonTime.instant(date: workingDay(after: date, count: n), secondOfDay: secondOfDay)
        }
    }
}

/// How long a deadline allows: clock hours, calendar days or working days.
public enum Within: Sendable, Hashable {
    case hours(Int)
    case days(Int)
    case workingDays(Int)

    /// Words for a plan, e.g. "1 working day".
    public var words: String {
        switch self {
        case .hours(let n): return n == 1 ? "1 hour" : "\(n) hours"
        case .days(let n): return n == 1 ? "1 day" : "\(n) days"
        case .workingDays(let n): return n == 1 ? "1 working day" : "\(n) working days"
        }
    }
}

extension Within: Codable {
    private enum CodingKeys: String, CodingKey { case hours, days, workingDays = "working_days" }

    /// Decodes `{ hours = n }`, `{ working_days = n }` or `{ days = n }` (exactly one, n ≥ 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let given = c.allKeys
        guard given.count == 1, let key = given.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected exactly one of hours, working_days or days, found \(given.map(\.stringValue))"))
        }
        let n = try c.decode(Int.self, forKey: key)
        guard n >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a whole number 0 or more, found \(n)")
        }
        switch key {
        case .hours: self = .hours(n)
        case .days: self = .days(n)
        case .workingDays: self = .workingDays(n)
        }
    }

    /// Encodes as a one-key object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .hours(let n): try c.encode(n, forKey: .hours)
        case .days(let n): try c.encode(n, forKey: .days)
        case .workingDays(let n): try c.encode(n, forKey: .workingDays)
        }
    }
}
