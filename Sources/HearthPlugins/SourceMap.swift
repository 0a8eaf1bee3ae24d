import Foundation

/// Where each field of a plugin table is written: `helplines[3].number` → `plugins/eastleigh/init.lua:57`.
///
/// Lua keeps no line numbers for table fields, so the host reads the source: it follows the table
/// constructor that `init.lua` returns, through `local` tables it names and modules it `require`s from
/// its own folder. Fields built by code map to the nearest field above them that is written out.
public struct SourceMap: Sendable {
    /// A place in a file.
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        public var chunk: String
        public var line: Int
        public var description: String { "\(chunk):\(line)" }
    }

    var entries: [String: Location] = [:]
    /// The file the table came from, for paths with no entry.
    public var chunk: String

    /// The location of `path` or of the nearest enclosing field that has one.
    public func location(of path: String) -> Location? {
        var p = path
        while true {
            if let l = entries[p] { return l }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return entries[""] }
            p = String(p[..<cut])
        }
    }

    /// Reads the table `chunk`'s source returns. `loadModule` gives the source and chunk name of a required module.
    public static func scan(source: String, chunk: String,
                            loadModule: @escaping (String) -> (source: String, chunk: String)?) -> SourceMap {
        var map = SourceMap(chunk: chunk)
        var scanner = TableScanner(tokens: LuaTokenizer.tokenize(source), chunk: chunk, loadModule: loadModule, depth: 0)
        scanner.scanChunk(into: &map.entries)
        return map
    }
}

/// A token of Lua source with its line.
package struct LuaToken {
    /// What the token is.
    package enum Kind { case name, string, number, symbol, eof }
    /// What the token is.
    package var kind: Kind
    /// Its text (a string's contents, without quotes).
    package var text: String
    /// The line it starts on.
    package var line: Int
}

/// Just enough of a Lua lexer to follow table constructors and find a function's lines: names, strings, numbers,
/// symbols, with the line each starts on; comments skipped.
package enum LuaTokenizer {
    /// The tokens of `source`, ending with an `.eof` token on the last line.
    package static func tokenize(_ source: String) -> [LuaToken] {
        let s = Array(source.utf8)
        var tokens: [LuaToken] = []
        var i = 0, line = 1
        func longBracketLevel(_ at: Int) -> Int? {
            guard at < s.count, s[at] == UInt8(ascii: "[") else { return nil }
            var j = at + 1, level = 0
            while j < s.count, s[j] == UInt8(ascii: "=") { level += 1; j += 1 }
            return j < s.count && s[j] == UInt8(ascii: "[") ? level : nil
        }
        func skipLong(_ level: Int) -> String {
            // i is at the first '[' of the opening bracket
            i += level + 2
            let start = i
            while i < s.count {
                if s[i] == UInt8(ascii: "\n") { line += 1 }
                if s[i] == UInt8(ascii: "]") {
                    var j = i + 1, l = 0
                    while j < s.count, s[j] == UInt8(ascii: "="), l < level { l += 1; j += 1 }
                    if l == level, j < s.count, s[j] == UInt8(ascii: "]") {
                        let text = String(decoding: s[start..<i], as: UTF8.self)
                        i = j + 1
                        return text
                    }
                }
                i += 1
            }
            return String(decoding: s[start..<min(i, s.count)], as: UTF8.self)
        }
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "\n") { line += 1; i += 1; continue }
            if c == 32 || c == 9 || c == 13 { i += 1; continue }
            if c == UInt8(ascii: "-"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "-") {
                i += 2
                if let level = longBracketLevel(i) { _ = skipLong(level); continue }
                while i < s.count, s[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                let startLine = line
                var j = i + 1
                var bytes: [UInt8] = []
                while j < s.count, s[j] != c {
                    if s[j] == UInt8(ascii: "\\"), j + 1 < s.count { bytes.append(s[j + 1]); j += 2; continue }
                    if s[j] == UInt8(ascii: "\n") { line += 1 }
                    bytes.append(s[j]); j += 1
                }
                tokens.append(LuaToken(kind: .string, text: String(decoding: bytes, as: UTF8.self), line: startLine))
                i = j + 1
                continue
            }
            if let level = longBracketLevel(i) {
                let startLine = line
                let text = skipLong(level)
                tokens.append(LuaToken(kind: .string, text: text, line: startLine))
                continue
            }
            if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 {
                var j = i
                while j < s.count, (s[j] >= 65 && s[j] <= 90) || (s[j] >= 97 && s[j] <= 122) || s[j] == 95 || (s[j] >= 48 && s[j] <= 57) { j += 1 }
                tokens.append(LuaToken(kind: .name, text: String(decoding: s[i..<j], as: UTF8.self), line: line))
                i = j
                continue
            }
            if c >= 48 && c <= 57 {
                var j = i
                while j < s.count, (s[j] >= 48 && s[j] <= 57) || s[j] == 46 || (s[j] >= 65 && s[j] <= 90) || (s[j] >= 97 && s[j] <= 122) { j += 1 }
                tokens.append(LuaToken(kind: .number, text: String(decoding: s[i..<j], as: UTF8.self), line: line))
                i = j
                continue
            }
            tokens.append(LuaToken(kind: .symbol, text: String(UnicodeScalar(c)), line: line))
            i += 1
        }
        tokens.append(LuaToken(kind: .eof, text: "", line: line))
        return tokens
    }
}

struct TableScanner {
    let tokens: [LuaToken]
    let chunk: String
    let loadModule: (String) -> (source: String, chunk: String)?
    let depth: Int
    var i = 0
    var locals: [String: [String: SourceMap.Location]] = [:]

    init(tokens: [LuaToken], chunk: String, loadModule: @escaping (String) -> (source: String, chunk: String)?, depth: Int) {
        self.tokens = tokens
        self.chunk = chunk
        self.loadModule = loadModule
        self.depth = depth
    }

    var current: LuaToken { tokens[min(i, tokens.count - 1)] }
    func peek(_ n: Int) -> LuaToken { tokens[min(i + n, tokens.count - 1)] }

    /// Top level: `local NAME = {…}` tables are remembered; `return {…}` (or `return NAME`) is the result.
    mutating func scanChunk(into entries: inout [String: SourceMap.Location]) {
        var blockDepth = 0
        while current.kind != .eof {
            let t = current
            if t.kind == .name {
                switch t.text {
                case "function", "if", "do", "repeat": blockDepth += 1; i += 1; continue
                case "end", "until": blockDepth -= 1; i += 1; continue
                case "local" where blockDepth == 0:
                    if peek(1).kind == .name, peek(2).text == "=", peek(3).text == "{" {
                        let name = peek(1).text
                        i += 3
                        var sub: [String: SourceMap.Location] = [:]
                        scanTable(prefix: "", into: &sub)
                        locals[name] = sub
                        continue
                    }
                case "return" where blockDepth == 0:
                    i += 1
                    scanValue(prefix: "", into: &entries, line: t.line)
                    return
                default: break
                }
            }
            i += 1
        }
    }

    /// At `{`: records each field's line under `prefix` and descends into nested tables.
    mutating func scanTable(prefix: String, into entries: inout [String: SourceMap.Location]) {
        guard current.text == "{" else { return }
        entries[prefix] = entries[prefix] ?? SourceMap.Location(chunk: chunk, line: current.line)
        i += 1
        var position = 0
        while current.kind != .eof, current.text != "}" {
            var key: String
            let line = current.line
            if current.kind == .name, peek(1).text == "=", peek(2).text != "=" {
                key = join(prefix, current.text)
                i += 2
            } else if current.text == "[", peek(1).kind == .string, peek(2).text == "]", peek(3).text == "=" {
                key = join(prefix, peek(1).text)
                i += 4
            } else if current.text == "[" {
                // computed key: skip to its closing bracket and the '='
                skipBalanced(open: "[", close: "]")
                if current.text == "=" { i += 1 }
                position += 1
                key = "\(prefix)[\(position)]"
            } else {
                position += 1
                key = "\(prefix)[\(position)]"
            }
            entries[key] = SourceMap.Location(chunk: chunk, line: line)
            scanValue(prefix: key, into: &entries, line: line)
            if current.text == "," || current.text == ";" { i += 1 }
        }
        if current.text == "}" { i += 1 }
    }

    /// Reads one expression; tables are scanned, names of local tables and `require "x"` are followed.
    mutating func scanValue(prefix: String, into entries: inout [String: SourceMap.Location], line: Int) {
        if current.text == "{" {
            scanTable(prefix: prefix, into: &entries)
            skipRestOfExpression()
            return
        }
        if current.kind == .name, current.text == "require", depth < 8 {
            var j = 1
            if peek(1).text == "(" { j = 2 }
            if peek(j).kind == .string, let module = loadModule(peek(j).text) {
                var nested = TableScanner(tokens: LuaTokenizer.tokenize(module.source), chunk: module.chunk,
                                          loadModule: loadModule, depth: depth + 1)
                var sub: [String: SourceMap.Location] = [:]
                nested.scanChunk(into: &sub)
                graft(sub, under: prefix, into: &entries)
            }
        } else if current.kind == .name, let sub = locals[current.text],
                  [",", ";", "}"].contains(peek(1).text) || peek(1).kind == .eof {
            graft(sub, under: prefix, into: &entries)
        }
        skipRestOfExpression()
    }

    func graft(_ sub: [String: SourceMap.Location], under prefix: String, into entries: inout [String: SourceMap.Location]) {
        for (path, location) in sub {
            let full = path.isEmpty ? prefix : (path.hasPrefix("[") ? prefix + path : join(prefix, path))
            if path.isEmpty, entries[prefix] != nil { continue }
            entries[full] = location
        }
    }

    /// Skips to the `,`, `;` or `}` that ends the current field, balancing brackets and blocks.
    mutating func skipRestOfExpression() {
        var blocks = 0
        while current.kind != .eof {
            let t = current
            if blocks == 0, t.kind == .symbol, [",", ";", "}"].contains(t.text) { return }
            if t.kind == .symbol {
                if t.text == "{" { skipBalanced(open: "{", close: "}"); continue }
                if t.text == "(" { skipBalanced(open: "(", close: ")"); continue }
                if t.text == "[" { skipBalanced(open: "[", close: "]"); continue }
            }
            if t.kind == .name {
                switch t.text {
                case "function", "if", "do", "repeat": blocks += 1
                case "end", "until": blocks -= 1
                default: break
                }
            }
            i += 1
        }
    }

    mutating func skipBalanced(open: String, close: String) {
        var level = 0
        var blocks = 0
        while current.kind != .eof {
            let t = current
            if t.kind == .symbol, t.text == open { level += 1 }
            if t.kind == .symbol, t.text == close { level -= 1; if level == 0 && blocks == 0 { i += 1; return } }
            if t.kind == .name {
                switch t.text {
                case "function", "if", "do", "repeat": blocks += 1
                case "end", "until": blocks -= 1
                default: break
                }
            }
            i += 1
        }
    }

    func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
}
