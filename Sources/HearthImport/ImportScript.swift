import Foundation
import CLuaShim
import HearthCore
import LuaBridge

/// An import script, loaded into its own sandboxed runtime with the `hearth` helper table.
///
/// A script returns `{ map = function(row, ctx) … end }` and optionally `setup(ctx)`, `finish(ctx)`,
/// `source`, `plugin`, `columns` and code tables; see `docs/import.md`. Not `Sendable`: keep it on one thread.
public final class ImportScript {
    /// The script file as the user named it.
    public let path: String
    /// The script's `source` field (the system its rows come from), when it sets one.
    public private(set) var source: String?
    /// The script's `plugin` field (the plugin id cases are opened under), when it sets one.
    public private(set) var pluginID: String?
    /// The columns the script says it needs (`columns`), checked against each CSV header.
    public private(set) var columns: [String] = []
    /// Whether the script says its `map` keeps nothing from one row to the next (`parallel = true`), so that rows
    /// may be mapped on several threads, each with its own copy of the script.
    public private(set) var parallel = false
    /// The limits each call to `map` runs under.
    public let rowLimits: LuaLimits
    /// Where `print` from the script goes.
    public var printHandler: (String) -> Void

    private var runtime: LuaRuntime!
    private var map: LuaFunction!
    private var setup: LuaFunction?
    private var finish: LuaFunction?
    private var ctx: LuaValue = .table([:])
    private var driver: LuaFunction?
    private var driverHeader: [String]?
    private var driverFile = ""
    private var extraContext: [String: LuaValue] = [:]

    /// The limits a row's mapping runs under by default: 2 million instructions, 64 MiB, 2 seconds.
    public static let defaultRowLimits = LuaLimits(instructions: 2_000_000, memoryBytes: 64 << 20, timeout: 2)

    /// Loads a script.
    /// - Parameters:
    ///   - path: The script file.
    ///   - rowLimits: The limits for each call to `map`.
    ///   - context: Extra fields for `ctx` (for example `plugin`, a table describing the plugin).
    /// - Throws: ``ImportError/badScript(path:reason:)`` naming the line.
    public init(path: String, rowLimits: LuaLimits = ImportScript.defaultRowLimits,
                context: [String: LuaValue] = [:], printHandler: @escaping (String) -> Void = { print($0) }) throws {
        self.path = path
        self.rowLimits = rowLimits
        self.printHandler = printHandler
        self.extraContext = context
        try load()
    }

    private func load() throws {
        let url = URL(fileURLWithPath: path)
        guard let source = try? String(contentsOf: url, encoding: .utf8) else {
            throw ImportError.badScript(path: path, reason: "cannot read the script (no such file, or not UTF-8)")
        }
        let folder = url.deletingLastPathComponent()
        let prefix = (path as NSString).deletingLastPathComponent
        let runtime: LuaRuntime
        do {
            runtime = try LuaRuntime(
                limits: LuaLimits(), root: folder, chunkPrefix: prefix.isEmpty ? "" : prefix + "/")
            let handler = printHandler
            runtime.printHandler = { handler($0) }
            // Every row leaves a handful of small tables behind: generational collection costs about 10 % less per row.
            runtime.generationalCollector = true
            try installHelpers(runtime)
        } catch {
            throw ImportError.badScript(path: path, reason: "cannot start the Lua runtime: \(error)")
        }
        let results: [LuaValue]
        do {
            results = try runtime.run(source, chunkName: path)
        } catch {
            throw ImportError.badScript(path: path, reason: Self.strip(error.description, path: path))
        }
        guard let table = results.first?.tableValue else {
            throw ImportError.badScript(path: path, reason: "the script must return a table such as { map = function(row, ctx) … end }, found \(results.first?.found ?? "nothing")")
        }
        guard case .function(let map) = table["map"] ?? .nil else {
            throw ImportError.badScript(path: path, reason: "the table the script returns has no 'map' function")
        }
        self.runtime = runtime
        self.map = map
        if case .function(let f) = table["setup"] ?? .nil { setup = f }
        if case .function(let f) = table["finish"] ?? .nil { finish = f }
        if let s = table["source"]?.stringValue { self.source = s }
        if let p = table["plugin"]?.stringValue { self.pluginID = p }
        switch table["parallel"] ?? .nil {
        case .nil: parallel = false
        case .boolean(let b): parallel = b
        case let other:
            throw ImportError.badScript(path: path, reason: "'parallel' must be true or false, found \(other.found)")
        }
        if parallel, finish != nil {
            throw ImportError.badScript(path: path, reason: "a script that declares parallel = true cannot have 'finish': each thread maps with its own copy of the script, so no one copy has seen every row (drop parallel, or finish)")
        }
        if let cols = table["columns"] {
            guard let list = cols.arrayValue?.compactMap(\.stringValue) else {
                throw ImportError.badScript(path: path, reason: "'columns' must be a list of column names")
            }
            columns = list
        }
        var ctxFields = extraContext
        ctxFields["script"] = .string(path)
        if let codes = table["codes"] { ctxFields["codes"] = codes }
        ctx = .table(ctxFields)
        driver = nil
        driverHeader = nil
        runtime.limits = rowLimits
    }

    private static func strip(_ message: String, path: String) -> String {
        message.hasPrefix(path + ":") ? "line " + message.dropFirst(path.count + 1).trimmingCharacters(in: .whitespaces) : message
    }

    /// Another copy of the same script in a runtime of its own, for a second thread mapping rows.
    /// - Throws: ``ImportError/badScript(path:reason:)`` when the script no longer loads.
    public func makeWorker() throws -> ImportScript {
        try ImportScript(path: path, rowLimits: rowLimits, context: extraContext, printHandler: printHandler)
    }

    /// Runs the script's `setup(ctx)`, if it has one.
    /// - Throws: ``ImportError/scriptFailed(path:phase:reason:)``.
    public func runSetup() throws {
        try runPhase(setup, "setup")
        setupRan = true
    }

    /// Whether `setup` has run, so that a script loaded again runs it again.
    private var setupRan = false

    /// Runs the script's `finish(ctx)`, if it has one, and returns what it returned (a table of counts, say).
    /// - Throws: ``ImportError/scriptFailed(path:phase:reason:)``.
    /// - Returns: What `finish` returned, or nil.
    @discardableResult
    public func runFinish() throws -> LuaValue {
        try runPhase(finish, "finish")
    }

    @discardableResult
    private func runPhase(_ function: LuaFunction?, _ phase: String) throws -> LuaValue {
        guard let function else { return .nil }
        try prepareDriver(header: driverHeader, file: driverFile)
        runtime.limits = LuaLimits(instructions: rowLimits.instructions * 50, memoryBytes: rowLimits.memoryBytes, timeout: rowLimits.timeout * 30)
        defer { runtime.limits = rowLimits }
        do {
            return try runtime.call(withContext!, [.function(function)]).first ?? .nil
        } catch {
            throw ImportError.scriptFailed(path: path, phase: phase, reason: error.description)
        }
    }

    /// What the script made of one row.
    public struct Mapped: Sendable {
        /// Where `map`'s first result is, as JSON, in the arena given to `map`: a case, `{ events = … }` or
        /// `{ signal = … }`; nil when it returned nil, something other than a table, or a table that is not data.
        /// Integral floats are integers; an empty table under a list key (`behaviours`, `events`, …) is a list.
        public var root: FlatJSON.Index?
        /// How the script's first result reads when it is neither a table nor nil ("a string", "true", …).
        public var notATable: String?
        /// What `map` returned second (the reason, when the first is nil).
        public var reason: String?
        /// The reason given to `ctx.skip`, when it was called.
        public var skipped: String?
        /// The result's `external_id` (taken out of `result`) or else the id given to `ctx.external_id`, if any.
        public var externalID: String?
        /// Problems given to `ctx.reject(field, problem)`, and a result that is not data (a function in it).
        public var problems: [ImportProblem]
    }

    /// The Lua side of the host: one `ctx` table for the whole import, the row driver and phase calls.
    private static let hostChunk = """
        local map, ctx = ...
        local problems, skipped, extid = {}, nil, nil
        local tostring, setmetatable, error = tostring, setmetatable, error
        ctx.reject = function(field, problem)
          problems[#problems + 1] = tostring(field)
          problems[#problems + 1] = tostring(problem or "is not valid")
          return nil
        end
        ctx.skip = function(reason) skipped = tostring(reason or "skipped by the script"); return nil end
        ctx.external_id = function(id) extid = id; return id end
        local strict = { __index = function(_, k)
          error("column '" .. tostring(k) .. "' is not in the header of " .. tostring(ctx.file), 2)
        end }
        -- A CSV row arrives built (the header's names as keys, `strict` as its metatable); a JSON Lines record
        -- arrives as its object.
        local function make_driver(file)
          ctx.file = file
          return function(rownum, row)
            if #problems > 0 then problems = {} end
            skipped, extid = nil, nil
            ctx.row = rownum
            local result, reason = map(row, ctx)
            if #problems == 0 then return result, reason, skipped, extid end
            return result, reason, skipped, extid, problems
          end
        end
        local function with_ctx(f) return f(ctx) end
        return make_driver, with_ctx, strict
        """

    private var makeDriver: LuaFunction?
    private var withContext: LuaFunction?
    private var strictRow: LuaValue = .nil
    private var rowShape: LuaRecordShape?

    /// Builds the per-file driver: the function that calls `map` with a row and collects what `ctx` was told.
    /// - Parameters:
    ///   - header: The CSV header (the keys of each row table), or nil for JSON Lines (the row arrives as a table).
    ///   - file: The input file's name, shown in errors and as `ctx.file`.
    public func prepareDriver(header: [String]?, file: String) throws {
        if driver != nil, driverHeader == header, driverFile == file { return }
        do {
            runtime.limits = LuaLimits()
            defer { runtime.limits = rowLimits }
            if makeDriver == nil {
                let results = try runtime.run(Self.hostChunk, chunkName: "=import", arguments: [.function(map), ctx])
                guard results.count == 3, case .function(let make) = results[0], case .function(let with) = results[1] else {
                    throw ImportError.badScript(path: path, reason: "could not build the row driver")
                }
                makeDriver = make
                withContext = with
                strictRow = results[2]
            }
            guard case .function(let f) = try runtime.call(makeDriver!, [.string(file)]).first ?? .nil else {
                throw ImportError.badScript(path: path, reason: "could not build the row driver")
            }
            rowShape = try header.map { try runtime.makeRecordShape(keys: $0, metatable: strictRow) }
            driver = f
            driverHeader = header
            driverFile = file
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError.badScript(path: path, reason: "could not build the row driver: \(error)")
        }
    }

    /// Hands one CSV row, as the bytes of its fields in header order, to `map` under the row limits; the result
    /// goes into `arena`.
    /// - Throws: `LuaError` when `map` raises or runs into a limit.
    public func map(row number: Int, bytes: [UnsafeRawBufferPointer], into arena: inout FlatJSON) throws(LuaError) -> Mapped {
        guard let rowShape else { throw LuaError(kind: .runtime, message: "no CSV header was given to prepareDriver") }
        return try withUnsafeMutablePointer(to: &arena) { (arena) throws(LuaError) -> Mapped in
            try runtime.call(driver!, [.integer(Int64(number))], record: rowShape, bytes: bytes) { (out) throws(LuaError) in
                try Self.mapped(out, into: arena)
            }
        }
    }

    /// Hands one JSON Lines record to `map` under the row limits; the result goes into `arena`.
    /// - Throws: `LuaError` when `map` raises or runs into a limit.
    public func map(row number: Int, object: LuaValue, into arena: inout FlatJSON) throws(LuaError) -> Mapped {
        try withUnsafeMutablePointer(to: &arena) { (arena) throws(LuaError) -> Mapped in
            try runtime.call(driver!, [.integer(Int64(number)), object]) { (out) throws(LuaError) in
                try Self.mapped(out, into: arena)
            }
        }
    }

    /// Reads the driver's results (result, reason, skipped, external id, problems) where they lie.
    private static func mapped(_ out: LuaResults, into arena: UnsafeMutablePointer<FlatJSON>) throws(LuaError) -> Mapped {
        var problems: [ImportProblem] = []
        if out.isTable(4), let list = try out.value(4).arrayValue {
            var i = 0
            while i + 1 < list.count {
                problems.append(ImportProblem(field: list[i].stringValue ?? "?", message: list[i + 1].stringValue ?? ""))
                i += 2
            }
        }
        func text(_ i: Int) throws(LuaError) -> String? {
            if out.isNil(i) { return nil }
            switch try out.value(i) {
            case .string(let s): return s
            case .integer(let n): return String(n)
            case .number(let d): return d.rounded() == d ? String(Int64(d)) : String(d)
            default: return nil
            }
        }
        var root: FlatJSON.Index?
        var notATable: String?
        var externalID = try text(3)
        if out.isTable(0) {
            let mark = arena.pointee.beginContainer()
            do {
                root = try out.build(0, with: MappedJSON(arena: arena.pointee.builder()))
            } catch {
                arena.pointee.abandon(since: mark)
                problems.append(ImportProblem(field: error.path.isEmpty ? "result" : error.path, message: error.reason))
            }
            // The result's own external_id belongs to the import, not to the document.
            if let root, let id = arena.pointee.removeMember("external_id" as StaticString, from: root),
               let text = RowInterpreter.text(arena.pointee.value(id)) {
                externalID = text
            }
        } else if !out.isNil(0) {
            notATable = try out.value(0).found
        }
        return Mapped(
            root: root, notATable: notATable, reason: try text(1), skipped: try text(2), externalID: externalID,
            problems: problems)
    }

    /// Whether the runtime still answers after a failed row; if not, reloads the script (what it kept from earlier
    /// rows is lost) and runs its `setup` again if it had run, so that it is as it was before the first row.
    /// - Returns: true when the script had to be reloaded.
    /// - Throws: ``ImportError`` when the script no longer loads or its `setup` fails.
    public func recoverIfNeeded() throws -> Bool {
        if (try? runtime.run("return 1", chunkName: "=probe")) != nil { return false }
        // Loading forgets the driver's header and file; the reloaded script reads the same file.
        let header = driverHeader
        let file = driverFile
        runtime.close()
        makeDriver = nil
        withContext = nil
        try load()
        try prepareDriver(header: header, file: file)
        if setupRan { try runSetup() }
        return true
    }

    /// Releases the runtime.
    public func close() { runtime?.close() }

    /// Lua front ends for the helpers: a cache of postcodes (an export repeats them); yes/no answers, DASH counts,
    /// `DD/MM/YYYY HH:MM` times, splitting and code lists answer in C (`import_helpers.c`), everything else in Swift.
    /// Every helper that can find a problem reports it to a `ctx` given after its text, from C.
    static let helperChunk = """
        local host = ...
        local type = type
        local swift_postcode = host.postcode
        local postcodes, cached = {}, 0
        local api = {}
        for name, f in pairs(host) do
          if name ~= "make_reporting" then api[name] = f end
        end
        api.postcode = host.make_reporting(function(text)
          local hit = postcodes[text]
          if hit then return hit end
          local value, problem = swift_postcode(text)
          if value and cached < 10000 and type(text) == "string" then
            postcodes[text] = value
            cached = cached + 1
          end
          return value, problem
        end)
        return api
        """

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += "\\\(scalar.value)" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    // MARK: - The hearth helper table

    /// London's offsets handed to the C `hearth.datetime` once per process, in memory that is never freed.
    private static let londonOffsetsForC: Void = {
        let (instants, offsets) = LondonTime.table
        let i = UnsafeMutablePointer<CLongLong>.allocate(capacity: instants.count)
        let o = UnsafeMutablePointer<CInt>.allocate(capacity: offsets.count)
        for k in instants.indices {
            i[k] = CLongLong(instants[k])
            o[k] = CInt(offsets[k])
        }
        hearth_set_london_offsets(i, o, CInt(min(instants.count, offsets.count)))
    }()

    private func installHelpers(_ runtime: LuaRuntime) throws {
        _ = Self.londonOffsetsForC
        /// A helper of one text argument.
        func helper(_ name: String, _ body: @escaping (String) -> (LuaValue, String?)) throws -> (String, LuaValue) {
            let f = try runtime.makeRawFunction { frame in
                let value = try frame.value(1)
                let text: String
                switch value {
                case .nil: frame.push(.nil); return 1
                case .string(let s): text = s
                case .integer(let i): text = String(i)
                case .number(let d): text = String(d)
                default: throw LuaError(kind: .runtime, message: "bad argument #1 to 'hearth.\(name)' (string expected, got \(value.typeName))")
                }
                let (result, problem) = body(text)
                frame.push(result)
                if let problem { frame.push(.string(problem)); return 2 }
                return 1
            }
            return (name, .function(f))
        }
        /// A helper whose commonest answers come from C, with the Swift helper for everything else.
        func inC(_ name: String, _ function: @convention(c) (OpaquePointer?) -> Int32, swift: (String, LuaValue)) throws -> (String, LuaValue) {
            (name, .function(try runtime.makeFunction(c: function, upvalues: [swift.1])))
        }
        /// A Swift helper that, like those in C, reports its problem to a ctx given after its text.
        func reporting(_ swift: (String, LuaValue)) throws -> (String, LuaValue) { try inC(swift.0, hearth_reporting, swift: swift) }
        let fields: [(String, LuaValue)] = [
            try reporting(try helper("date") { let (d, p) = ImportHelpers.date($0); return (d.map(LuaValue.string) ?? .nil, p) }),
            try inC("datetime", hearth_datetime, swift: try helper("datetime") { let (d, p) = ImportHelpers.datetime($0); return (d.map(LuaValue.string) ?? .nil, p) }),
            try helper("postcode") { let (d, p) = ImportHelpers.postcode($0); return (d.map(LuaValue.string) ?? .nil, p) },
            try reporting(try helper("phone") { let (d, p) = ImportHelpers.phone($0); return (d.map(LuaValue.string) ?? .nil, p) }),
            try inC("yesno", hearth_yesno, swift: try helper("yesno") { let (d, p) = ImportHelpers.yesno($0); return (d.map(LuaValue.boolean) ?? .nil, p) }),
            try inC("dash_count", hearth_dash_count, swift: try helper("dash_count") { let (d, p) = ImportHelpers.dashCount($0); return (d.map { .integer(Int64($0)) } ?? .nil, p) }),
            try helper("trim") { (.string($0.trimmingCharacters(in: .whitespacesAndNewlines)), nil) },
            ("split", .function(try runtime.makeFunction(c: hearth_split))),
            ("codes", .function(try runtime.makeFunction(c: hearth_codes))),
            ("make_reporting", .function(try runtime.makeFunction(c: hearth_make_reporting))),
            ("api", .integer(1)),
        ]
        // The commonest answers are looked up in Lua, so most rows never cross into Swift for them.
        let wrapped = try runtime.run(Self.helperChunk, chunkName: "=hearth", arguments: [.table(Dictionary(uniqueKeysWithValues: fields))])
        try runtime.setGlobal("hearth", wrapped.first ?? .nil)
    }
}
