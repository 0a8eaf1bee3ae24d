import Foundation

/// Where an import reports how far it has got.
public protocol ImportProgress: AnyObject {
    /// Called often (every few hundred rows); cheap implementations throttle themselves.
    func update(rows: Int, bytes: Int, totalBytes: Int)
    /// Called once at the end.
    func finish(rows: Int)
}

/// Reports nothing (`--quiet`).
public final class SilentProgress: ImportProgress {
    /// Creates a silent reporter.
    public init() {}
    /// Reports rows and bytes read so far.
    public func update(rows: Int, bytes: Int, totalBytes: Int) {}
    /// Ends the report.
    public func finish(rows: Int) {}
}

/// A progress bar with rows/s and an ETA (from the bytes read) on a terminal; plain lines every few seconds elsewhere.
public final class StreamProgress: ImportProgress {
    private let interactive: Bool
    private let interval: Double
    private let start = Date()
    private var last = Date.distantPast
    private let label: String
    private let write: (String) -> Void

    /// Creates a reporter writing to standard error.
    /// - Parameters:
    ///   - interactive: draw a bar (a terminal) or print a line every `interval` seconds.
    ///   - label: what is being imported, e.g. the file name.
    public init(interactive: Bool = isatty(STDERR_FILENO) != 0, interval: Double? = nil, label: String,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.interactive = interactive
        self.interval = interval ?? (interactive ? 0.1 : 5)
        self.label = label
        self.write = write
    }

    /// Reports rows and bytes read so far.
    public func update(rows: Int, bytes: Int, totalBytes: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) >= interval else { return }
        last = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(rows) / elapsed
        let fraction = totalBytes > 0 ? min(Double(bytes) / Double(totalBytes), 1) : 0
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write(String(format: "\r%@ [%@] %3d%%  %d rows  %.0f rows/s  ETA %@ ", label, bar, Int(fraction * 100), rows, rate, Self.clock(eta)))
        } else {
            write(String(format: "%@: %d rows, %d%% of the input, %.0f rows/s, about %@ left\n", label, rows, Int(fraction * 100), rate, Self.clock(eta)))
        }
    }

    /// Ends the report.
    public func finish(rows: Int) {
        if interactive { write("\r\u{1B}[K") }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
