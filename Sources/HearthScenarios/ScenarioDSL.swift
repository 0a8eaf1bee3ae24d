import Foundation
import HearthPlugins
import LuaBridge

/// One `scenario` or `grid` as written in a scenario file, before it is run.
public struct ScenarioDefinition {
    /// Whether it is a single scenario or a decision grid (one scenario per row).
    public enum Kind: String, Sendable { case scenario, grid }

    /// Single scenario or grid.
    public var kind: Kind
    /// The name, with the names of enclosing `describe` blocks: `consent › refused hand-off`.
    public var name: String
    /// The file the `scenario` call is in, as shown in reports.
    public var file: String
    /// The line of the `scenario` call.
    public var line: Int?
    /// The fields of the table after the name.
    public var spec: [String: LuaValue]
    /// Problems with the definition itself (unknown fields, wrong types), reported as errors.
    public var problems: [String]

    /// The tags, as given.
    public var tags: [String] { (spec["tags"]?.arrayValue ?? spec["tags"].map { [$0] } ?? []).compactMap(\.stringValue) }
    /// The policy section the scenario checks, as given.
    public var source: String? { spec["source"]?.stringValue }
}

/// A scenario file after it has run: its definitions, or the error that stopped it.
final class ScenarioFile {
    /// The path as shown in reports.
    let path: String
    /// The file's runtime, kept for grid functions and matchers that call back into Lua.
    var runtime: LuaRuntime?
    var definitions: [ScenarioDefinition] = []
    /// The error that stopped the file, with its location when known.
    var loadError: (location: String?, message: String)?
    /// Scenarios whose name was given but whose table never came (`scenario "x"` alone).
    var checkPending: () -> [ScenarioDefinition] = { [] }

    init(path: String) { self.path = path }
}

/// Runs a scenario file in its own sandbox with the DSL installed, collecting its definitions.
enum ScenarioDSL {
    static let scenarioFields = ["case", "expect", "now", "plugin", "skip", "source", "tags"]
    static let gridFields = scenarioFields + ["rows"]
    /// Fields a `describe` group may give every scenario in it.
    static let describeFields = ["now", "plugin", "skip", "source", "tags"]

    /// Loads and runs `url`, shown as `display`; never throws: problems end up in the file's `loadError`.
    static func load(url: URL, display: String, limits: LuaLimits, print: @escaping (String) -> Void) -> ScenarioFile {
        let file = ScenarioFile(path: display)
        // `require` looks in the file's own folder, then in the folder above it (the suites' shared helpers,
        // e.g. scripts/scenarios/support.lua); nothing outside that.
        let folder = (display as NSString).deletingLastPathComponent
        let parent = (folder as NSString).deletingLastPathComponent
        let runtime: LuaRuntime
        do {
            runtime = try LuaRuntime(limits: limits, root: url.deletingLastPathComponent().deletingLastPathComponent(),
                                     chunkPrefix: parent.isEmpty ? "" : parent + "/")
            runtime.moduleFolders = [url.deletingLastPathComponent().lastPathComponent + "/", ""]
        } catch {
            file.loadError = (display, "could not start a Lua runtime: \(error)")
            return file
        }
        runtime.printHandler = { print("\(display): \($0)") }
        file.runtime = runtime
        do {
            try install(in: runtime, file: file)
        } catch {
            file.loadError = (display, "could not install the scenario functions: \(error)")
            return file
        }
        let source: String
        do { source = try String(contentsOf: url, encoding: .utf8) } catch {
            file.loadError = (display, "cannot read the file: \(error.localizedDescription)")
            return file
        }
        do {
            _ = try runtime.run(source, chunkName: display)
        } catch {
            let chunk = error.chunk.map { fullChunk($0, display: display) }
            let location = chunk.map { c in error.line.map { "\(c):\($0)" } ?? c } ?? display
            var message = error.kind == .syntax ? "syntax error: \(error.message)" : error.message
            if !message.contains("use a local"), message.contains("read-only") || message.contains("global") && message.contains("assign") {
                message += " (scenario files may not set globals: use local variables)"
            }
            file.loadError = (location, message)
        }
        return file
    }

    /// Installs `cases`, `is`, `scenario`, `grid`, `describe` and `hearth` in the runtime.
    static func install(in runtime: LuaRuntime, file: ScenarioFile) throws {
        let prelude = try runtime.run(ScenarioPrelude.source, chunkName: ScenarioPrelude.chunkName).first ?? .nil
        try runtime.setGlobal("cases", prelude["cases"])
        try runtime.setGlobal("is", prelude["is"])
        try runtime.setGlobal("hearth", .table(["api": .integer(Int64(PluginLoader.supportedAPIs.last ?? 1)),
                                                "host_version": .string(PluginLoader.hostVersion)]))
        var prefixes: [String] = []
        var defaults: [[String: LuaValue]] = []
        var pending: [Int: (name: String, location: String?)] = [:]
        var nextID = 0

        func record(_ kind: ScenarioDefinition.Kind, _ name: String, _ location: String?, _ value: LuaValue) {
            let (chunk, line) = split(location)
            var definition = ScenarioDefinition(kind: kind, name: (prefixes + [name]).joined(separator: " › "),
                                                file: chunk ?? file.path, line: line, spec: [:], problems: [])
            guard case .table(let spec) = value else {
                let found = value.arrayValue?.isEmpty == true ? [:] : nil
                if found == nil {
                    definition.problems.append("\(kind.rawValue) \"\(name)\": expected a table of fields after the name, found \(value.found)")
                }
                definition.problems.append(contentsOf: checkFields([:], kind: kind))
                file.definitions.append(definition)
                return
            }
            var merged: [String: LuaValue] = [:]
            var tags: [LuaValue] = []
            for group in defaults + [spec] {
                for (key, value) in group where key != "tags" { merged[key] = value }
                if let t = group["tags"] { tags += t.arrayValue ?? [t] }
            }
            if !tags.isEmpty { merged["tags"] = .array(tags) }
            definition.spec = merged
            definition.problems = checkFields(merged, kind: kind)
            file.definitions.append(definition)
        }

        func definer(_ kind: ScenarioDefinition.Kind) throws -> LuaFunction {
            try runtime.makeRawFunction { frame in
                var location = frame.callerLocation
                if let where_ = location, let line = frame.callerLine {
                    location = "\(fullChunk(split(where_).0 ?? file.path, display: file.path)):\(line)"
                }
                guard frame.count >= 1, case .string(let name) = try frame.value(1), !name.isEmpty else {
                    throw LuaError(kind: .runtime, message: "\(kind.rawValue): expected a name first, e.g. \(kind.rawValue) \"what must happen\" { … }")
                }
                if frame.count >= 2 {
                    record(kind, name, location, try frame.value(2))
                    return 0
                }
                let id = nextID
                nextID += 1
                pending[id] = (name, location)
                let body = try runtime.makeRawFunction { inner in
                    pending[id] = nil
                    record(kind, name, location, try inner.value(1))
                    return 0
                }
                frame.push(.function(body))
                return 1
            }
        }

        let describe = try runtime.makeRawFunction { frame in
            guard case .string(let name) = try frame.value(1) else {
                throw LuaError(kind: .runtime, message: "describe: expected a name and a function, e.g. describe(\"consent\", function() … end)")
            }
            guard case .function(let body) = try frame.value(frame.count) , frame.count >= 2 else {
                throw LuaError(kind: .runtime, message: "describe \"\(name)\": expected a function after the name, e.g. describe(\"\(name)\", function() … end)")
            }
            var shared: [String: LuaValue] = [:]
            if frame.count >= 3 {
                guard case .table(let options) = try frame.value(2) else {
                    throw LuaError(kind: .runtime, message: "describe \"\(name)\": the fields shared by its scenarios must be a table, e.g. describe(\"\(name)\", { plugin = \"eastleigh\", tags = { \"consent\" } }, function() … end)")
                }
                for key in options.keys.sorted() where !describeFields.contains(key) {
                    throw LuaError(kind: .runtime, message: "describe \"\(name)\": '\(key)' cannot be shared by a group; the fields a group may give its scenarios are \(describeFields.joined(separator: ", "))" + didYouMean(key, describeFields))
                }
                shared = options
            }
            prefixes.append(name)
            defaults.append(shared)
            defer { prefixes.removeLast(); defaults.removeLast() }
            _ = try runtime.call(body)
            return 0
        }
        try runtime.setGlobal("scenario", .function(try definer(.scenario)))
        try runtime.setGlobal("grid", .function(try definer(.grid)))
        try runtime.setGlobal("describe", .function(describe))
        file.checkPending = {
            pending.sorted { $0.key < $1.key }.map { _, p in
                ScenarioDefinition(kind: .scenario, name: p.name, file: split(p.location).0 ?? file.path, line: split(p.location).1,
                                   spec: [:], problems: ["scenario \"\(p.name)\" has no table of fields: write scenario \"\(p.name)\" { plugin = …, case = …, expect = … }"])
            }
        }
    }

    /// Problems with the fields of a definition: unknown names and missing required ones.
    static func checkFields(_ spec: [String: LuaValue], kind: ScenarioDefinition.Kind) -> [String] {
        let allowed = kind == .grid ? gridFields : scenarioFields
        var problems: [String] = []
        for key in spec.keys.sorted() where !allowed.contains(key) {
            problems.append("unknown field '\(key)' in the \(kind.rawValue); the fields are \(allowed.sorted().joined(separator: ", "))"
                            + didYouMean(key, allowed))
        }
        for key in ["case", "expect"] where spec[key] == nil {
            problems.append("missing field '\(key)': every \(kind.rawValue) needs \(key) = …")
        }
        if kind == .grid {
            if spec["rows"] == nil {
                problems.append("missing field 'rows': a grid needs rows = { { … }, { … } }")
            } else if spec["rows"]?.arrayValue == nil {
                problems.append("rows: expected a list of rows (tables), found \(spec["rows"]!.found)")
            }
        }
        if let tags = spec["tags"], tags.stringValue == nil, tags.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            problems.append("tags: expected a list of words, e.g. tags = { \"risk\" }, found \(tags.found)")
        }
        if let skip = spec["skip"], skip.stringValue == nil, skip.boolValue == nil {
            problems.append("skip: expected the reason as text, e.g. skip = \"waiting for the new policy\", found \(skip.found)")
        }
        return problems
    }

    /// Lua shortens long chunk names to `...end/of/path.lua`; this gives back the file's own name when it is that file.
    static func fullChunk(_ chunk: String, display: String) -> String {
        guard chunk.hasPrefix("...") else { return chunk }
        return display.hasSuffix(chunk.dropFirst(3)) ? display : chunk
    }

    /// Splits `chunk:line`.
    static func split(_ location: String?) -> (String?, Int?) {
        guard let location, let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...]) else {
            return (location, nil)
        }
        return (String(location[..<colon]), line)
    }
}

/// " (did you mean x?)" when a name is close to one of the names that exist, else "".
func didYouMean(_ name: String, _ names: [String]) -> String {
    guard let best = closest(name, names) else { return "" }
    return " (did you mean \(best)?)"
}

/// The name closest to `name` by edit distance, if it is close enough to be a likely typo.
func closest(_ name: String, _ names: [String]) -> String? {
    let a = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in names {
        let b = Array(candidate.lowercased())
        var previous = Array(0...b.count)
        var beforePrevious = previous
        for i in 1...max(a.count, 1) where i <= a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        let distance = previous[b.count]
        let limit = max(1, min(3, max(a.count, b.count) / 3))
        if distance <= limit, best == nil || distance < best!.1 { best = (candidate, distance) }
    }
    return best?.0
}
