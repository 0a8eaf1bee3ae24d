import ArgumentParser
import Foundation
import HearthCore
import HearthStore

/// `--db FILE`: the case store every store command reads and writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The case store, an SQLite file ('case open' creates it when missing).")
    var db: String = "./hearth.sqlite"

    /// Opens (and if needed creates) the store.
    /// - Throws: `CommandFailure` naming the file and what is wrong with it.
    func open() throws -> SQLiteCaseStore {
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("--db \(db): the folder \(folder) does not exist; create it or name another file")
        }
        do {
            return try SQLiteCaseStore.open(db)
        } catch {
            throw CommandFailure("--db \(db): \(error)")
        }
    }

    /// Opens an existing store for reading; a missing file is an error rather than a new empty store.
    /// - Throws: `CommandFailure` when the file does not exist or cannot be opened.
    func openExisting() throws -> SQLiteCaseStore {
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandFailure("--db \(db): no such case store (open a case with 'hearth case open' to create one)")
        }
        return try open()
    }
}

/// Who is recording: `--by`, else the login name, else "unknown".
func recorder(_ by: String?) -> String {
    if let by, !by.trimmingCharacters(in: .whitespaces).isEmpty { return by }
    let env = ProcessInfo.processInfo.environment
    return env["USER"] ?? env["LOGNAME"] ?? "unknown"
}

/// Parses `--as-of`: a date (`2025-03-10`, taken as the start of that day in UK local time) or a date-time with offset.
func parseAsOf(_ text: String?) throws -> Date {
    guard let text else { return Date() }
    if let t = Timestamp.parse(text) { return t.date }
    if let day = LocalDate.parse(text) { return LondonTime.instant(date: day, secondOfDay: 0).date }
    throw CommandFailure("--as-of: expected a date (2025-03-10) or a date-time with offset (2025-03-10T09:00:00Z), found \"\(text)\"")
}

extension Date {
    /// The instant as ISO 8601 in UK local time with its offset, for listings.
    var isoText: String { Timestamp(self).description }
}
