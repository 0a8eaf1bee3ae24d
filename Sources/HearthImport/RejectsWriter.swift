import CSV
import Foundation

/// Writes rejected rows as CSV: `row`, `external_id`, `problems` (`field: message; …`), then the original columns.
///
/// With several input files a `file` column comes first. Safe to call from the reading and the writing thread.
public final class RejectsWriter: @unchecked Sendable {
    private let writer: CSVWriter
    private let lock = NSLock()
    private let withFile: Bool
    private var headerWritten = false
    private var lastHeader: [String]?
    /// Rows written so far.
    public private(set) var count = 0

    /// Creates (or replaces) the rejects file.
    /// - Throws: ``ImportError/unreadable(path:reason:)`` when the file cannot be created.
    public init(path: String, withFileColumn: Bool) throws {
        guard let stream = OutputStream(toFileAtPath: path, append: false) else {
            throw ImportError.unreadable(path: path, reason: "cannot create the rejects file")
        }
        do {
            writer = try CSVWriter(stream: stream)
        } catch {
            throw ImportError.unreadable(path: path, reason: "cannot create the rejects file: \(error)")
        }
        withFile = withFileColumn
    }

    /// Writes one rejected row; the header row is written before the first (and again when the columns change).
    public func write(file: String, header: [String], row: Int, externalID: String?, problems: [ImportProblem], original: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if !headerWritten || lastHeader != header {
            let columns = (withFile ? ["file"] : []) + ["row", "external_id", "problems"] + header
            try? writer.write(row: columns)
            headerWritten = true
            lastHeader = header
        }
        let problemText = problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        let fields = (withFile ? [file] : []) + [String(row), externalID ?? "", problemText] + original
        try? writer.write(row: fields)
        count += 1
    }

    /// Flushes and closes the file.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        writer.stream.close()
    }
}
