/// The limits a runtime enforces on each call.
public enum LuaLimit: String, Sendable, Equatable {
    case instructions
    case memory
    case time
    case depth
}

/// An error from Lua code or from moving values between Lua and Swift.
///
/// Its description reads like a compiler's: `plugins/eastleigh/init.lua:42: message`.
public struct LuaError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, broadly.
    public enum Kind: Equatable, Sendable {
        /// The chunk does not parse.
        case syntax
        /// The code raised an error while running.
        case runtime
        /// The code ran into one of the runtime's limits.
        case limit(LuaLimit)
        /// A value could not be converted between Lua and Swift.
        case conversion
    }

    public var kind: Kind
    /// The chunk the error points into, e.g. `plugins/eastleigh/init.lua`, when known.
    public var chunk: String?
    /// The line in `chunk`, when known.
    public var line: Int?
    /// The message without its location.
    public var message: String
    /// Lua's stack traceback, when there is one.
    public var traceback: String?

    public init(kind: Kind, chunk: String? = nil, line: Int? = nil, message: String, traceback: String? = nil) {
        self.kind = kind
        self.chunk = chunk
        self.line = line
        self.message = message
        self.traceback = traceback
    }

    /// `chunk:line: message`, or as much of it as is known.
    public var description: String {
        switch (chunk, line) {
        case let (chunk?, line?): "\(chunk):\(line): \(message)"
        case let (chunk?, nil): "\(chunk): \(message)"
        default: message
        }
    }

    /// Splits a Lua error message of the form `chunk:line: text` into its parts.
    static func parse(kind: Kind, raw: String, fallbackChunk: String?) -> LuaError {
        var text = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:\n") {
            text = String(raw[..<range.lowerBound])
            traceback = String(raw[range.lowerBound...]).trimmingPrefix("\n").description
        }
        if let (chunk, line, rest) = splitLocation(text) {
            return LuaError(kind: kind, chunk: chunk, line: line, message: rest, traceback: traceback)
        }
        return LuaError(kind: kind, chunk: fallbackChunk, line: nil, message: text, traceback: traceback)
    }

    /// Finds a leading `chunk:line: ` in a message.
    static func splitLocation(_ text: String) -> (String, Int, String)? {
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\n") { return nil }
            if utf8[i] == UInt8(ascii: ":") {
                var j = i + 1
                while j < utf8.count, utf8[j] >= 48, utf8[j] <= 57 { j += 1 }
                if j > i + 1, j < utf8.count, utf8[j] == UInt8(ascii: ":") {
                    let chunk = String(decoding: utf8[0..<i], as: UTF8.self)
                    let line = Int(String(decoding: utf8[(i + 1)..<j], as: UTF8.self)) ?? 0
                    var k = j + 1
                    if k < utf8.count, utf8[k] == UInt8(ascii: " ") { k += 1 }
                    let rest = String(decoding: utf8[k...], as: UTF8.self)
                    if chunk.isEmpty { return nil }
                    return (chunk, line, rest)
                }
            }
            i += 1
        }
        return nil
    }
}

/// Limits applied to every call into a runtime.
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions a call may run, counted across every coroutine it creates (0 = no budget).
    public var instructions: Int
    /// Bytes the runtime may hold at once (0 = no cap).
    public var memoryBytes: Int
    /// Seconds of wall-clock time a call may take (0 = no deadline).
    public var timeout: Double

    public init(instructions: Int = 10_000_000, memoryBytes: Int = 64 << 20, timeout: Double = 2) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.timeout = timeout
    }

    /// The defaults: 10 million instructions, 64 MiB, 2 seconds per call.
    public static let `default` = LuaLimits()
}
