import Foundation
import HearthCore

/// One record read from an input file, before the script sees it.
public struct InputRow {
    /// The record's number in the file: for CSV the header is row 1, so the first record is row 2
    /// (as a spreadsheet numbers it); for JSON Lines the line number.
    public var number: Int
    /// The fields in header order (CSV), or nil for JSON Lines.
    public var fields: [String]
    /// The whole record as a JSON object (JSON Lines), or nil for CSV.
    public var object: JSONValue?
    /// What is wrong with the record itself (ragged, bad encoding, truncated), when something is.
    public var problems: [ImportProblem]
}

/// One CSV record as bytes, valid only inside ``CSVRowSource/withNextRecord(_:)``.
public struct CSVRecord {
    /// The record's number (the header is row 1).
    public var number: Int
    /// The fields in file order, unquoted and unescaped (empty for a field that is not UTF-8).
    public var fields: [UnsafeRawBufferPointer]
    /// The record as it stands in the file, without its line ending.
    public var raw: UnsafeRawBufferPointer
    /// What is wrong with the record itself (ragged, bad encoding, truncated), when something is.
    public var problems: [ImportProblem]
}

/// Where an import reads its records from, one at a time, never holding the whole input.
public protocol RowSource: AnyObject {
    /// The file as the user named it.
    var path: String { get }
    /// The column names (CSV), empty for JSON Lines.
    var header: [String] { get }
    /// Bytes consumed so far, for progress.
    var bytesRead: Int { get }
    /// The file's size in bytes.
    var totalBytes: Int { get }
    /// The next record, or nil at the end of the input.
    /// - Throws: ``ImportError/unreadable(path:reason:)`` when the file cannot be read.
    func next() throws -> InputRow?
    /// The last record exactly as it stands in the file (valid until the next call to `next()`).
    var currentRaw: String { get }
}

/// Reads a file in large chunks into a sliding window; records are found in the window.
final class ChunkedFile {
    let fd: Int32
    var buffer: [UInt8]
    /// Valid bytes are `buffer[start..<end]`.
    var start = 0
    var end = 0
    var eof = false
    var consumed = 0
    let chunk: Int
    let totalBytes: Int

    init(path: String, chunk: Int = 1 << 20) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        fstat(fd, &info)
        totalBytes = Int(info.st_size)
        self.chunk = chunk
        buffer = [UInt8](repeating: 0, count: chunk * 2)
    }

    deinit { close(fd) }

    /// Moves the unread bytes to the front and reads more; false at the end of the file.
    func fill(path: String) throws -> Bool {
        if eof { return false }
        if start > 0 {
            let n = end - start
            if n > 0 {
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, n)
                }
            }
            end = n
            start = 0
        }
        if buffer.count - end < chunk { buffer.append(contentsOf: [UInt8](repeating: 0, count: chunk)) }
        let got = buffer.withUnsafeMutableBufferPointer { p in
            read(fd, p.baseAddress! + end, p.count - end)
        }
        if got < 0 { throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        if got == 0 { eof = true; return false }
        end += got
        consumed += got
        return true
    }
}

/// Reads CSV (RFC 4180: a header row, quoted fields with `""` escapes and embedded newlines, CRLF or LF,
/// UTF-8 with or without a BOM) record by record.
///
/// Each record's fields are checked for valid UTF-8 and counted against the header, so one bad record becomes
/// a rejected row and the import goes on. See `docs/performance.md` for why this is not a CSV package.
public final class CSVRowSource: RowSource {
    /// The file as the user named it.
    public let path: String
    /// The column names from the header row.
    public private(set) var header: [String] = []
    /// Bytes consumed so far, for progress.
    public var bytesRead: Int { file.consumed - (file.end - file.start) }
    /// The file's size in bytes.
    public var totalBytes: Int { file.totalBytes }
    private let file: ChunkedFile
    private var rowNumber = 1
    private var rawRange: Range<Int> = 0..<0
    private var rawOverride: String?
    private var fieldRanges: [(Int, Int, Bool)] = []

    /// Opens a CSV file and reads its header row.
    /// - Throws: ``ImportError`` when the file cannot be read, is empty, or its header is not valid.
    public init(path: String) throws {
        self.path = path
        file = try ChunkedFile(path: path)
        _ = try file.fill(path: path)
        if file.end - file.start >= 3, file.buffer[0] == 0xEF, file.buffer[1] == 0xBB, file.buffer[2] == 0xBF {
            file.start = 3
        }
        guard let first = try scanRecord() else {
            throw ImportError.badHeader(path: path, reason: "the file is empty; expected a header row")
        }
        var names: [String] = []
        for (i, field) in first.enumerated() {
            guard let name = field else {
                throw ImportError.badHeader(path: path, reason: "column \(i + 1) of the header is not valid UTF-8 (is the file in another encoding? save it as UTF-8)")
            }
            names.append(name.trimmingCharacters(in: .whitespaces))
        }
        if let bad = first.firstIndex(where: { $0 == nil }) { _ = bad }
        header = names
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw ImportError.badHeader(path: path, reason: "column '\(name)' appears twice in the header")
        }
    }

    /// The last record as it stands in the file (valid until the next call to `next()`).
    public var currentRaw: String {
        if let rawOverride { return rawOverride }
        return file.buffer.withUnsafeBufferPointer { p in
            var r = rawRange
            // Drop the line ending.
            while r.upperBound > r.lowerBound, p[r.upperBound - 1] == 0x0A || p[r.upperBound - 1] == 0x0D {
                r = r.lowerBound..<(r.upperBound - 1)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
    }

    /// The next record, or nil at the end of the input.
    public func next() throws -> InputRow? {
        rawOverride = nil
        var truncated = false
        guard let fields = try scanRecord(truncated: &truncated) else { return nil }
        rowNumber += 1
        var problems: [ImportProblem] = []
        var strings: [String] = []
        strings.reserveCapacity(fields.count)
        for (i, field) in fields.enumerated() {
            if let field {
                strings.append(field)
            } else {
                let column = i < header.count ? header[i] : "column \(i + 1)"
                problems.append(ImportProblem(field: column, message: "is not valid UTF-8 (is the file in another encoding? save it as UTF-8)"))
                strings.append("")
            }
        }
        if truncated {
            problems.append(ImportProblem(field: "row", message: "the file ends inside a quoted field (is it truncated?)"))
        } else if strings.count != header.count {
            problems.append(ImportProblem(
                field: "row", message: "has \(strings.count) field\(strings.count == 1 ? "" : "s"), the header has \(header.count)"))
        }
        return InputRow(number: rowNumber, fields: strings, object: nil, problems: problems)
    }

    /// Reads the next record without making strings and hands it to `body`; nil at the end of the input.
    ///
    /// The fastest way through a large file: the record's fields are byte buffers into the read window, valid only
    /// during `body`. The problems are the same as ``next()`` finds (not UTF-8, ragged, truncated).
    public func withNextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        rawOverride = nil
        var truncated = false
        guard try locateRecord(truncated: &truncated) else { return nil }
        rowNumber += 1
        var problems: [ImportProblem] = []
        // Unescaped copies of quoted fields that held `""` go to `scratch`, sized up front so it never moves.
        let needed = rawRange.count
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: max(needed, 2 * scratch.count)) }
        // The loop works on locals: the class's own properties, touched inside these closures, would have every
        // access checked for exclusivity at run time (1.3 % of an import's instructions).
        var fields = fieldBytes
        fieldBytes = []
        defer { fieldBytes = fields }
        fields.removeAll(keepingCapacity: true)
        let ranges = fieldRanges
        let header = header
        let rawRange = rawRange
        let number = rowNumber
        return try file.buffer.withUnsafeBufferPointer { p in
            try scratch.withUnsafeMutableBufferPointer { spare in
                var used = 0
                for (i, (start, end, escaped)) in ranges.enumerated() {
                    var bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[start..<end])
                    if escaped {
                        let from = used
                        used = Self.unescape(UnsafeBufferPointer(rebasing: p[start..<end]), into: spare, at: used)
                        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(spare)[from..<used])
                    }
                    if !UTF8Bytes.areValid(bytes) {
                        let column = i < header.count ? header[i] : "column \(i + 1)"
                        problems.append(ImportProblem(field: column, message: "is not valid UTF-8 (is the file in another encoding? save it as UTF-8)"))
                        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
                    }
                    fields.append(bytes)
                }
                if truncated {
                    problems.append(ImportProblem(field: "row", message: "the file ends inside a quoted field (is it truncated?)"))
                } else if fields.count != header.count {
                    problems.append(ImportProblem(
                        field: "row", message: "has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.count)"))
                }
                var raw = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[rawRange])
                while let last = raw.last, last == 0x0A || last == 0x0D { raw = UnsafeRawBufferPointer(rebasing: raw.dropLast()) }
                return try body(CSVRecord(number: number, fields: fields, raw: raw, problems: problems))
            }
        }
    }

    private var scratch: [UInt8] = []
    private var fieldBytes: [UnsafeRawBufferPointer] = []

    /// The fields of a record as it stood in the file (for the rejects file), read by the same scanner as the file:
    /// invalid UTF-8 is shown with replacement characters.
    public static func fields(ofRecord raw: [UInt8]) -> [String] {
        raw.withUnsafeBufferPointer { p in
            var ranges: [(Int, Int, Bool)] = []
            _ = scanRecord(p, start: 0, end: p.count, atEOF: true, fields: &ranges)
            return ranges.map { (start, end, escaped) in
                let bytes = UnsafeBufferPointer(rebasing: p[start..<end])
                return escaped ? String(decoding: unescaped(bytes), as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    private func scanRecord() throws -> [String?]? {
        var truncated = false
        return try scanRecord(truncated: &truncated)
    }

    /// Finds the next complete record in the window (refilling it as needed) and decodes its fields.
    private func scanRecord(truncated: inout Bool) throws -> [String?]? {
        guard try locateRecord(truncated: &truncated) else { return nil }
        return decodeFields()
    }

    /// Finds the next complete record in the window (refilling it as needed): sets `rawRange` and `fieldRanges`.
    private func locateRecord(truncated: inout Bool) throws -> Bool {
        while true {
            // Skip blank lines between records.
            while file.start < file.end, file.buffer[file.start] == 0x0A || file.buffer[file.start] == 0x0D {
                file.start += 1
            }
            if file.start >= file.end {
                if try !file.fill(path: path) { return false }
                continue
            }
            if let stop = findRecordEnd(atEOF: file.eof) {
                let begin = file.start
                rawRange = begin..<stop.end
                file.start = stop.end
                truncated = stop.truncated
                return true
            }
            if try !file.fill(path: path) {
                // End of file: whatever is left is the last record (maybe truncated inside quotes).
                if let stop = findRecordEnd(atEOF: true) {
                    rawRange = file.start..<stop.end
                    file.start = stop.end
                    truncated = stop.truncated
                    return true
                }
                return false
            }
        }
    }

    /// Scans from `file.start` for the end of one record; records field boundaries in `fieldRanges`.
    private func findRecordEnd(atEOF: Bool) -> (end: Int, truncated: Bool)? {
        fieldRanges.removeAll(keepingCapacity: true)
        return file.buffer.withUnsafeBufferPointer { p in
            Self.scanRecord(p, start: file.start, end: file.end, atEOF: atEOF, fields: &fieldRanges)
        }
    }

    /// Finds the end of the record starting at `start` in `p[..<end]` and the bounds of its fields (start, end,
    /// whether it holds `""` escapes); nil when the record may go on past `end` and `atEOF` is false.
    static func scanRecord(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, atEOF: Bool,
                           fields: inout [(Int, Int, Bool)]) -> (end: Int, truncated: Bool)? {
        var i = start
        var fieldStart = i
        while true {
            if i < end, p[i] == 0x22 {
                // Quoted field.
                var j = i + 1
                var escaped = false
                var closed = false
                while j < end {
                    if p[j] == 0x22 {
                        if j + 1 < end, p[j + 1] == 0x22 { escaped = true; j += 2; continue }
                        if j + 1 >= end, !atEOF { return nil }
                        closed = true
                        break
                    }
                    j += 1
                }
                if !closed {
                    if !atEOF { return nil }
                    fields.append((i + 1, end, escaped))
                    return (end, true)
                }
                fields.append((i + 1, j, escaped))
                i = j + 1
                // Anything between the closing quote and the separator is kept out; move on to it.
                while i < end, p[i] != 0x2C, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
            } else {
                while i < end, p[i] != 0x2C, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
                fields.append((fieldStart, i, false))
            }
            if i >= end {
                if !atEOF { return nil }
                return (end, false)
            }
            if p[i] == 0x2C {
                i += 1
                fieldStart = i
                if i >= end {
                    if !atEOF { return nil }
                    fields.append((i, i, false))
                    return (end, false)
                }
                continue
            }
            // Line end: CRLF, LF or CR.
            if p[i] == 0x0D {
                if i + 1 >= end, !atEOF { return nil }
                if i + 1 < end, p[i + 1] == 0x0A { return (i + 2, false) }
            }
            return (i + 1, false)
        }
    }

    private func decodeFields() -> [String?] {
        file.buffer.withUnsafeBufferPointer { p in
            fieldRanges.map { (s, e, escaped) -> String? in
                let bytes = UnsafeBufferPointer(rebasing: p[s..<e])
                if !escaped { return Self.string(bytes) }
                return Self.unescaped(bytes).withUnsafeBufferPointer { Self.string($0) }
            }
        }
    }

    /// A quoted field's contents with each `""` made one `"`.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            count = unescape(bytes, into: out, at: 0)
        }
    }

    /// Writes a quoted field's contents into `out` from `at`, each `""` made one `"`; returns where it stopped.
    @inline(__always)
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var used = at
        var k = 0
        while k < bytes.count {
            out[used] = bytes[k]
            used += 1
            k += (bytes[k] == 0x22 && k + 1 < bytes.count && bytes[k + 1] == 0x22) ? 2 : 1
        }
        return used
    }

    /// The bytes as a string when they are valid UTF-8; ASCII (most fields) skips the validation.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Reads JSON Lines: one JSON object per line; blank lines are ignored.
public final class JSONLRowSource: RowSource {
    /// The file as the user named it.
    public let path: String
    /// Empty: JSON Lines has no header.
    public let header: [String] = []
    /// Bytes consumed so far, for progress.
    public var bytesRead: Int { file.consumed - (file.end - file.start) }
    /// The file's size in bytes.
    public var totalBytes: Int { file.totalBytes }
    private let file: ChunkedFile
    private var lineNumber = 0
    private var raw = ""

    /// Opens a JSON Lines file.
    /// - Throws: ``ImportError/unreadable(path:reason:)``.
    public init(path: String) throws {
        self.path = path
        file = try ChunkedFile(path: path)
    }

    /// The last record as it stands in the file (valid until the next call to `next()`).
    public var currentRaw: String { raw }

    /// The next record, or nil at the end of the input.
    public func next() throws -> InputRow? {
        while true {
            var newline: Int?
            file.buffer.withUnsafeBufferPointer { p in
                var i = file.start
                while i < file.end { if p[i] == 0x0A { newline = i; break }; i += 1 }
            }
            let lineEnd: Int
            if let newline {
                lineEnd = newline
            } else if try file.fill(path: path) {
                continue
            } else if file.start < file.end {
                lineEnd = file.end
            } else {
                return nil
            }
            lineNumber += 1
            let bytes = Array(file.buffer[file.start..<lineEnd])
            file.start = min(lineEnd + 1, file.end)
            if newline == nil { file.start = file.end }
            let trimmed = bytes.last == 0x0D ? Array(bytes.dropLast()) : bytes
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let text = String(validating: trimmed, as: UTF8.self) else {
                raw = String(decoding: trimmed, as: UTF8.self)
                return InputRow(number: lineNumber, fields: [], object: nil, problems: [
                    ImportProblem(field: "line", message: "is not valid UTF-8 (is the file in another encoding? save it as UTF-8)")])
            }
            raw = text
            do {
                let value = try JSONValue.parse(Data(trimmed))
                guard case .object = value else {
                    return InputRow(number: lineNumber, fields: [], object: nil, problems: [
                        ImportProblem(field: "line", message: "is not a JSON object")])
                }
                return InputRow(number: lineNumber, fields: [], object: value, problems: [])
            } catch {
                let message = newline == nil ? "is not valid JSON (is the file truncated?)" : "is not valid JSON"
                return InputRow(number: lineNumber, fields: [], object: nil, problems: [
                    ImportProblem(field: "line", message: message)])
            }
        }
    }
}
