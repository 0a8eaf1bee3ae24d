import Foundation

/// An instant with the UTC offset it was written with, read and written as ISO 8601 (`2025-03-04T10:00:00+00:00`).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64
    /// The offset from UTC, in seconds, the time was written with (or is shown with).
    public var offsetSeconds: Int32

    /// Creates a timestamp from milliseconds since the epoch and an offset to show it with.
    public init(milliseconds: Int64, offsetSeconds: Int32 = 0) {
        self.milliseconds = milliseconds
        self.offsetSeconds = offsetSeconds
    }

    /// Creates a timestamp from seconds since the epoch, shown in UK local time.
    public init(epochSeconds: Int64) {
        self.milliseconds = epochSeconds * 1000
        self.offsetSeconds = LondonTime.offset(atEpochSeconds: epochSeconds)
    }

    /// Creates a timestamp from a Foundation date, shown in UK local time.
    public init(_ date: Date) {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        self.milliseconds = ms
        self.offsetSeconds = LondonTime.offset(atEpochSeconds: Self.floorDiv(ms, 1000))
    }

    /// Whole seconds since the epoch.
    public var epochSeconds: Int64 { Self.floorDiv(milliseconds, 1000) }

    /// The Foundation date for this instant.
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The same instant shown with the UK (Europe/London) offset in force at that moment.
    public var inLondon: Timestamp {
        Timestamp(milliseconds: milliseconds, offsetSeconds: LondonTime.offset(atEpochSeconds: epochSeconds))
    }

    /// The instant `seconds` later, shown in UK local time.
    public func adding(seconds: Int64) -> Timestamp {
        let ms = milliseconds + seconds * 1000
        return Timestamp(milliseconds: ms, offsetSeconds: LondonTime.offset(atEpochSeconds: Self.floorDiv(ms, 1000)))
    }

    /// The local calendar date in UK time.
    public var londonDate: LocalDate {
        let local = epochSeconds + Int64(LondonTime.offset(atEpochSeconds: epochSeconds))
        return LocalDate(dayNumber: Int(Self.floorDiv(local, 86_400)))
    }

    /// Seconds since local midnight in UK time.
    public var londonSecondOfDay: Int {
        let local = epochSeconds + Int64(LondonTime.offset(atEpochSeconds: epochSeconds))
        return Int(local - Self.floorDiv(local, 86_400) * 86_400)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The same instant, whatever offset each is shown with.
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds == rhs.milliseconds }

    /// Hashes the instant only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(milliseconds) }

    /// ISO 8601 with the offset, e.g. `2025-08-26T16:30:00+01:00`; milliseconds only when not zero.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.longestISO) { buffer in
            writeISO(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// The most bytes ``writeISO(into:)`` writes (a five-digit year, milliseconds and an offset).
    public static let longestISO = 30

    /// Writes ``description``'s bytes to `out` (at least ``longestISO`` bytes) and returns how many it wrote.
    public func writeISO(into out: UnsafeMutableRawBufferPointer) -> Int {
        let localMs = milliseconds + Int64(offsetSeconds) * 1000
        let localSeconds = Self.floorDiv(localMs, 1000)
        let ms = Int(localMs - localSeconds * 1000)
        let day = Self.floorDiv(localSeconds, 86_400)
        let sod = Int(localSeconds - day * 86_400)
        var n = 0
        @inline(__always) func put(_ byte: UInt8) { out[n] = byte; n += 1 }
        @inline(__always) func two(_ v: Int) { put(UInt8(48 + v / 10)); put(UInt8(48 + v % 10)) }
        for byte in LocalDate(dayNumber: Int(day)).description.utf8 { put(byte) }
        put(UInt8(ascii: "T"))
        two(sod / 3600)
        put(UInt8(ascii: ":"))
        two((sod / 60) % 60)
        put(UInt8(ascii: ":"))
        two(sod % 60)
        if ms != 0 {
            put(UInt8(ascii: "."))
            put(UInt8(48 + ms / 100))
            two(ms % 100)
        }
        let off = Int(offsetSeconds)
        put(off < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        two(abs(off) / 3600 % 100)
        put(UInt8(ascii: ":"))
        two((abs(off) / 60) % 60)
        return n
    }

    @inline(__always) static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Parses ISO 8601 date-time text that states its offset (`Z` or `±HH:MM`); returns nil otherwise.
    public static func parse(_ text: String) -> Timestamp? {
        if let parsed: Timestamp? = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return parsed }
        return Array(text.utf8).withUnsafeBufferPointer { parse(utf8: $0) }
    }

    static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        // YYYY-MM-DDTHH:MM:SS minimum, then optional .fraction, then offset.
        guard b.count >= 20 else { return nil }
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
        else { return nil }
        guard let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var ms = 0
        if i < b.count, b[i] == 46 || b[i] == 44 {
            i += 1
            var n = 0
            var scale = 100
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                ms += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
                n += 1
            }
            guard n > 0 else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            guard let oh = digits(i + 1, 2) else { return nil }
            var j = i + 3
            var om = 0
            if j < b.count, b[j] == 58 { j += 1 }
            guard let m = digits(j, 2) else { return nil }
            om = m
            j += 2
            guard oh <= 18, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i = j
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let local = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(milliseconds: (local - Int64(offset)) * 1000 + Int64(ms), offsetSeconds: Int32(offset))
    }
}

extension Timestamp: Codable {
    /// Decodes ISO 8601 text with an offset.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected ISO 8601 with an offset, found \"\(text)\"")
        }
        self = value
    }

    /// Encodes as ISO 8601 text with the offset.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A calendar date with no time or zone, read and written as `YYYY-MM-DD`.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// Creates a date from days since 1970-01-01.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a date from its parts; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= LocalDate.daysInMonth(year: year, month: month) else { return nil }
        self.dayNumber = LocalDate.days(fromCivil: year, month, day)
    }

    /// Year, month and day.
    public var parts: (year: Int, month: Int, day: Int) { LocalDate.civil(fromDays: dayNumber) }
    /// The year.
    public var year: Int { parts.year }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }

    /// The date `n` days later (or earlier when negative).
    public func adding(days n: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + n) }

    /// The same day of the month `n` months later, clamped to the month's last day.
    public func adding(months n: Int) -> LocalDate {
        let (y, m, d) = parts
        let total = y * 12 + (m - 1) + n
        let ny = total / 12, nm = total % 12 + 1
        return LocalDate(dayNumber: LocalDate.days(fromCivil: ny, nm, min(d, LocalDate.daysInMonth(year: ny, month: nm))))
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = parts
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func digit(_ n: Int) -> UInt8 { UInt8(48 + n % 10) }
            buffer[0] = digit(y / 1000); buffer[1] = digit(y / 100); buffer[2] = digit(y / 10); buffer[3] = digit(y)
            buffer[4] = 45
            buffer[5] = digit(m / 10); buffer[6] = digit(m)
            buffer[7] = 45
            buffer[8] = digit(d / 10); buffer[9] = digit(d)
            return 10
        }
    }

    /// Parses `YYYY-MM-DD`; nil otherwise.
    public static func parse(_ text: String) -> LocalDate? {
        if let parsed: LocalDate? = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return parsed }
        return Array(text.utf8).withUnsafeBufferPointer { parse(utf8: $0) }
    }

    static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> LocalDate? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension LocalDate: Codable {
    /// Decodes `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = LocalDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD, found \"\(text)\"")
        }
        self = value
    }

    /// Encodes as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// UK local time (Europe/London): the offset in force at any instant, precomputed once from the time zone database.
public enum LondonTime {
    /// Transition instants (epoch seconds) and the offset that applies from each one on.
    private static let transitions: (instants: [Int64], offsets: [Int32]) = {
        var instants: [Int64] = []
        var offsets: [Int32] = []
        let start = Date(timeIntervalSince1970: 0)             // 1970
        let end = Date(timeIntervalSince1970: 4_102_444_800)   // 2100
        if let zone = TimeZone(identifier: "Europe/London") {
            instants.append(Int64.min)
            offsets.append(Int32(zone.secondsFromGMT(for: start)))
            var cursor = start
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
                instants.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(Int32(zone.secondsFromGMT(for: next.addingTimeInterval(1))))
                cursor = next
            }
        }
        if instants.count < 10 {
            // No time zone database: the rule in force since 1996 (last Sunday of March and of October, 01:00 UTC).
            instants = [Int64.min]
            offsets = [0]
            for year in 1996...2100 {
                for (month, offset) in [(3, Int32(3600)), (10, Int32(0))] {
                    var last = LocalDate(year: year, month: month, day: 31)!
                    while last.weekday != 0 { last = last.adding(days: -1) }
                    instants.append(Int64(last.dayNumber) * 86_400 + 3600)
                    offsets.append(offset)
                }
            }
        }
        return (instants, offsets)
    }()

    /// The instants (epoch seconds, in order) from which each UK offset from UTC (seconds) applies: the table
    /// ``offset(atEpochSeconds:)`` reads, for code outside Swift that must answer as it does.
    public static var table: (instants: [Int64], offsets: [Int32]) { transitions }

    /// The UK offset from UTC, in seconds, at an instant.
    public static func offset(atEpochSeconds t: Int64) -> Int32 {
        let instants = transitions.instants
        var lo = 0, hi = instants.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if instants[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return transitions.offsets[lo]
    }

    /// The instant for a UK wall-clock time. In the spring gap the time is moved forward by the gap;
    /// in the autumn overlap the first (summer time) occurrence is taken.
    public static func instant(date: LocalDate, secondOfDay: Int) -> Timestamp {
        let wall = Int64(date.dayNumber) * 86_400 + Int64(secondOfDay)
        // Try the larger offset first so the earlier occurrence wins in an overlap.
        let candidates: [Int32] = [3600, 0]
        for off in candidates {
            let utc = wall - Int64(off)
            if offset(atEpochSeconds: utc) == off {
                return Timestamp(milliseconds: utc * 1000, offsetSeconds: off)
            }
        }
        // In the gap neither offset fits: read it as standard time, which lands just after the gap.
        return Timestamp(epochSeconds: wall)
    }
}
