import CSV
import Foundation

/// Reads a CSV file through the CSV.swift package, for the benchmark that compares it with ``CSVRowSource``
/// (see `docs/performance.md`: the package is used for writing rejects, not for reading large inputs).
public enum CSVPackageBaseline {
    /// Counts the records after the header, reading every field through CSV.swift's `CSVReader`.
    /// - Throws: the package's error when the file cannot be parsed.
    public static func countRecords(path: String) throws -> (records: Int, fields: Int) {
        guard let stream = InputStream(fileAtPath: path) else {
            throw ImportError.unreadable(path: path, reason: "cannot open the file")
        }
        let reader = try CSVReader(stream: stream, hasHeaderRow: true)
        var records = 0
        var fields = 0
        while let row = reader.next() {
            records += 1
            fields += row.count
        }
        // The package reports the end of the stream as `cannotReadFile`; anything else is a real failure.
        if let error = reader.error, !"\(error)".contains("cannotReadFile") { throw error }
        return (records, fields)
    }

    /// Counts the records after the header through ``CSVRowSource``.
    /// - Throws: ``ImportError`` when the file cannot be read.
    public static func countRecordsWithRowSource(path: String) throws -> (records: Int, fields: Int) {
        let source = try CSVRowSource(path: path)
        var records = 0
        var fields = 0
        while let row = try source.next() {
            records += 1
            fields += row.fields.count
        }
        return (records, fields)
    }
}
