import Foundation
import HearthCore

/// The parsing helpers import scripts reach as `hearth.date`, `hearth.postcode` … (see `docs/import.md`).
///
/// Each returns the normalised value, or nil and a reason an integrator can act on.
public enum ImportHelpers {
    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// A date in a common UK form (`31/01/2024`, `31-01-2024`, `31.1.24`, `31 Jan 2024`, `2024-01-31`) as `YYYY-MM-DD`.
    ///
    /// Two-digit years are 20yy up to `pivotYear`'s last two digits, 19yy above; days come before months.
    public static func date(_ text: String, pivotYear: Int = 2069) -> (String?, String?) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return (nil, "is empty") }
        if let d = LocalDate.parse(String(t.prefix(10))), t.count == 10 || t.count > 10 && "T ".contains(t[t.index(t.startIndex, offsetBy: 10)]) {
            return (d.description, nil)
        }
        let parts = t.split(whereSeparator: { "/-. ".contains($0) }).map(String.init)
        guard parts.count == 3 else { return (nil, "'\(text)' is not a date (expected DD/MM/YYYY)") }
        guard let day = Int(parts[0]) else { return (nil, "'\(text)' is not a date (expected DD/MM/YYYY)") }
        let month: Int
        if let m = Int(parts[1]) { month = m } else if let m = months[parts[1].lowercased()] { month = m } else {
            return (nil, "'\(text)' has an unknown month '\(parts[1])'")
        }
        guard var year = Int(parts[2]), parts[2].count == 2 || parts[2].count == 4 else {
            return (nil, "'\(text)' has no valid year")
        }
        if parts[2].count == 2 { year += year <= pivotYear % 100 ? 2000 : 1900 }
        guard let d = LocalDate(year: year, month: month, day: day) else {
            return (nil, "'\(text)' is not a real date")
        }
        return (d.description, nil)
    }

    /// A UK date and time (`31/01/2024 14:30`, seconds optional), taken as UK local time, as ISO 8601 with its offset.
    public static func datetime(_ text: String) -> (String?, String?) {
        if let fast = fastDatetime(text) { return (fast, nil) }
        let t = text.trimmingCharacters(in: .whitespaces)
        if let ts = Timestamp.parse(t) { return (ts.description, nil) }
        let pieces = t.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var datePart = t
        var timePart = "00:00"
        if pieces.count >= 2, pieces.last!.contains(":") {
            timePart = pieces.last!
            datePart = pieces.dropLast().joined(separator: " ")
        } else if let tIndex = t.firstIndex(of: "T") {
            datePart = String(t[..<tIndex])
            timePart = String(t[t.index(after: tIndex)...])
        }
        let (day, problem) = date(datePart)
        guard let day else { return (nil, problem) }
        let hms = timePart.split(separator: ":").map { Int($0) }
        guard hms.count >= 2, hms.count <= 3, !hms.contains(where: { $0 == nil }),
              hms[0]! < 24, hms[1]! < 60, (hms.count == 2 || hms[2]! < 60) else {
            return (nil, "'\(text)' has no valid time (expected HH:MM)")
        }
        let second = hms.count == 3 ? hms[2]! : 0
        let local = String(format: "%@T%02d:%02d:%02dZ", day, hms[0]!, hms[1]!, second)
        guard let asUTC = Timestamp.parse(local) else { return (nil, "'\(text)' is not a date and time") }
        // Local wall time to an instant: try the offset London has at that moment.
        let guess = asUTC.adding(seconds: -Int64(asUTC.inLondon.offsetSeconds))
        let offset = guess.inLondon.offsetSeconds
        let instant = Timestamp(milliseconds: asUTC.milliseconds - Int64(offset) * 1000, offsetSeconds: offset)
        return (instant.description, nil)
    }

    /// `DD/MM/YYYY HH:MM` (the commonest export form) without any string splitting; nil for anything else.
    static func fastDatetime(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { fastDatetime(bytes: UnsafeRawBufferPointer($0))?.description }
    }

    /// The instant a `DD/MM/YYYY HH:MM` UK local time names, read from its bytes; nil for anything else.
    static func fastDatetime(bytes b: UnsafeRawBufferPointer) -> Timestamp? {
        guard b.count == 16, b[2] == 47, b[5] == 47, b[10] == 32, b[13] == 58 else { return nil }
        func num(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let day = num(0, 2), let month = num(3, 2), let year = num(6, 4), let hour = num(11, 2),
              let minute = num(14, 2), hour < 24, minute < 60,
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        // Local wall time to an instant: the offset London has at the wall time read as UTC, then at the instant
        // that offset gives (which differs only around a clock change).
        let wall = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60)
        let guess = LondonTime.offset(atEpochSeconds: wall)
        let offset = LondonTime.offset(atEpochSeconds: wall - Int64(guess))
        return Timestamp(milliseconds: (wall - Int64(offset)) * 1000, offsetSeconds: offset)
    }

    /// A UK postcode, upper-cased with one space before the inward code (`so509yn` → `SO50 9YN`).
    public static func postcode(_ text: String) -> (String?, String?) {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        if compact.isEmpty { return (nil, "is empty") }
        let chars = Array(compact)
        guard chars.count >= 5, chars.count <= 7, chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (nil, "'\(text)' is not a UK postcode")
        }
        let inward = chars.suffix(3)
        let outward = chars.prefix(chars.count - 3)
        guard inward.first!.isNumber, inward.dropFirst().allSatisfy(\.isLetter),
              outward.first!.isLetter, outward.contains(where: \.isNumber) else {
            return (nil, "'\(text)' is not a UK postcode")
        }
        let letters = outward.prefix(while: \.isLetter)
        guard letters.count <= 2, outward.dropFirst(letters.count).first?.isNumber == true else {
            return (nil, "'\(text)' is not a UK postcode")
        }
        return (String(outward) + " " + String(inward), nil)
    }

    /// A UK phone number in international form (`07700 900123` → `+447700900123`).
    public static func phone(_ text: String) -> (String?, String?) {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return (nil, "is empty") }
        t = t.filter { !" ()-.".contains($0) }
        if t.hasPrefix("+44") { t = "0" + t.dropFirst(3) } else if t.hasPrefix("0044") { t = "0" + t.dropFirst(4) } else if t.hasPrefix("44"), t.count == 12 { t = "0" + t.dropFirst(2) }
        if t.hasPrefix("0(0)") { t = "0" + t.dropFirst(4) }
        guard t.allSatisfy({ $0.isASCII && $0.isNumber }), t.hasPrefix("0"), t.count == 11 || t.count == 10 else {
            return (nil, "'\(text)' is not a UK phone number")
        }
        return ("+44" + t.dropFirst(), nil)
    }

    /// A yes/no answer: true, false, or nil when blank or not known; an unrecognised answer gives a reason.
    public static func yesno(_ text: String) -> (Bool?, String?) {
        switch text {
        case "Y", "y", "Yes", "yes", "YES": return (true, nil)
        case "N", "n", "No", "no", "NO": return (false, nil)
        case "": return (nil, nil)
        default: break
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "y", "yes", "true", "t", "1", "x", "✓", "ticked": return (true, nil)
        case "n", "no", "false", "f", "0", "unticked": return (false, nil)
        case "", "unknown", "not known", "n/k", "nk", "?", "dk", "don't know", "not asked", "n/a": return (nil, nil)
        default: return (nil, "'\(text)' is not a yes/no answer")
        }
    }

    /// A DASH count (the number of "yes" answers, 0–24), accepting `15` or `15/24`.
    public static func dashCount(_ text: String) -> (Int?, String?) {
        if let n = Int(text), (0...24).contains(n) { return (n, nil) }
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return (nil, nil) }
        if t.hasSuffix("/24") { t = String(t.dropLast(3)).trimmingCharacters(in: .whitespaces) }
        guard let n = Int(t) else { return (nil, "'\(text)' is not a DASH count (a number from 0 to 24)") }
        guard (0...24).contains(n) else { return (nil, "\(n) is not a DASH count (it must be from 0 to 24)") }
        return (n, nil)
    }
}
