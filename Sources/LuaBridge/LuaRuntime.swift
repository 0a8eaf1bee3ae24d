import CLua
import CLuaShim
import Foundation
import Logging

/// A Lua function held by a runtime through a registry reference; released when the last Swift reference goes.
public final class LuaFunction {
    let ref: Int32
    weak var runtime: LuaRuntime?
    /// Where the function was defined, `chunk:line`, when Lua knows it.
    public let definedAt: String?

    init(ref: Int32, runtime: LuaRuntime, definedAt: String?) {
        self.ref = ref
        self.runtime = runtime
        self.definedAt = definedAt
    }

    deinit {
        if let runtime, let L = runtime.L { luaL_unref(L, hearth_registryindex(), ref) }
    }
}

/// One sandboxed Lua 5.4 state with limits on every call.
///
/// A runtime is not `Sendable`: it stays on the thread or actor that made it. Give each plugin, scenario
/// file or import script its own runtime so that none can touch another's globals.
public final class LuaRuntime {
    /// The state; `nil` only after `close()`.
    var L: OpaquePointer?
    let control: UnsafeMutablePointer<hearth_control>
    /// The limits applied to each call.
    public var limits: LuaLimits { didSet { applyLimits() } }
    /// The folder `require` resolves modules in; `nil` disables `require`.
    public let root: URL?
    /// What chunk names start with, e.g. `plugins/eastleigh/`, so that errors name the file as the author knows it.
    public let chunkPrefix: String
    /// Folders inside `root` that `require` searches, in order (`""` is `root` itself).
    public var moduleFolders: [String] = [""]
    /// The clock Lua code sees through `clock.now()`.
    public var clock: @Sendable () -> Date
    /// Where `print` goes.
    public var printHandler: (String) -> Void
    var callbacks: [CallbackBox] = []
    /// Swift strings for table keys, by the Lua string's address (see ``LuaKeyCache``).
    @usableFromInline let keyCache: LuaKeyCache
    var modules: [String: ModuleState] = [:]
    var depth = 0
    /// Every chunk name loaded, to restore names Lua shortens in messages.
    var chunkNames: Set<String> = []
    /// Calls from Lua back into Swift that may nest, at most (each nesting is a C level on the stack).
    static let maxNesting = 40

    enum ModuleState { case loading, loaded(Int32) }

    /// Makes a sandboxed runtime.
    /// - Parameters:
    ///   - limits: instruction, memory and time limits for each call.
    ///   - root: the folder `require` may load `.lua` files from (and nothing outside it).
    ///   - chunkPrefix: the path of `root` relative to the project, used in chunk names (`plugins/eastleigh/`).
    ///   - clock: the time Lua code sees; inject a fixed one in tests.
    ///   - logger: where `print` goes.
    public init(limits: LuaLimits = .default, root: URL? = nil, chunkPrefix: String = "",
                clock: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "hearth.lua")) throws(LuaError) {
        self.limits = limits
        self.root = root?.standardizedFileURL
        self.chunkPrefix = chunkPrefix
        self.clock = clock
        self.printHandler = { logger.info("\($0)") }
        control = .allocate(capacity: 1)
        control.initialize(to: hearth_control())
        control.pointee.granularity = 1000
        guard let state = hearth_newstate(control) else {
            control.deallocate()
            throw LuaError(kind: .limit(.memory), message: "could not create a Lua state")
        }
        L = state
        keyCache = LuaKeyCache(state)
        applyLimits()
        guard hearth_opensandbox(state) == LUA_OK else {
            throw LuaError(kind: .runtime, message: "could not open the sandbox libraries")
        }
        installHostGlobals()
        guard hearth_seal(state) == LUA_OK else {
            throw LuaError(kind: .runtime, message: "could not seal the sandbox")
        }
        hearth_arm(state)
    }

    deinit { close() }

    /// Closes the state; the runtime cannot be used afterwards.
    public func close() {
        if let L {
            lua_close(L)
            self.L = nil
            control.deallocate()
        }
        callbacks.removeAll()
    }

    /// Whether executed lines are recorded for `coveredLines()` (slower; for test coverage reports).
    public var recordsCoverage: Bool {
        get { control.pointee.coverage != 0 }
        set {
            control.pointee.coverage = newValue ? 1 : 0
            if let L { hearth_arm(L) }
        }
    }

    /// The lines executed so far while `recordsCoverage` was on, by chunk name.
    public func coveredLines() -> [String: Set<Int>] {
        guard let L else { return [:] }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_getfield(L, hearth_registryindex(), "hearth.coverage") == LUA_TTABLE else { return [:] }
        var out: [String: Set<Int>] = [:]
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, let chunk = string(at: -2, L), lua_type(L, -1) == LUA_TTABLE {
                var lines = Set<Int>()
                lua_pushnil(L)
                while lua_next(L, -2) != 0 {
                    if lua_type(L, -2) == LUA_TNUMBER { lines.insert(Int(lua_tointegerx(L, -2, nil))) }
                    lua_settop(L, -2)
                }
                out[chunk] = lines
            }
            lua_settop(L, -2)
        }
        return out
    }

    /// Bytes the runtime holds now.
    public var memoryInUse: Int { Int(control.pointee.mem_used) }

    func applyLimits() {
        control.pointee.mem_limit = limits.memoryBytes > 0 ? size_t(limits.memoryBytes) : 0
        control.pointee.instr_budget = Int64(limits.instructions)
        control.pointee.timeout = limits.timeout
    }

    // MARK: Loading and calling

    /// Compiles source text (never bytecode) into a function whose environment is the sandbox.
    /// - Parameters:
    ///   - source: Lua source text.
    ///   - chunkName: the name errors use for this chunk, e.g. `plugins/eastleigh/init.lua`.
    ///   - emptyEnvironment: run the chunk with no globals at all (for data-only files such as manifests).
    /// - Throws: `LuaError` of kind `.syntax` naming the chunk and line.
    public func load(_ source: String, chunkName: String, emptyEnvironment: Bool = false) throws(LuaError) -> LuaFunction {
        let L = try state()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        control.pointee.mem_suspended += 1
        defer { control.pointee.mem_suspended -= 1 }
        var bytes = Array(source.utf8)
        if bytes.first == 0x1B {
            throw LuaError(kind: .syntax, chunk: chunkName, message: "binary chunks are not allowed; load Lua source text")
        }
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                hearth_loadtext(L, chars.baseAddress, chars.count, "@" + chunkName)
            }
        }
        bytes.removeAll()
        guard status == LUA_OK else {
            let raw = string(at: -1) ?? "could not load the chunk"
            if status == LUA_ERRMEM {
                throw LuaError(kind: .limit(.memory), chunk: chunkName, message: memoryMessage)
            }
            chunkNames.insert(chunkName)
            var error = LuaError.parse(kind: .syntax, raw: raw, fallbackChunk: chunkName)
            restoreChunkName(&error)
            throw error
        }
        chunkNames.insert(chunkName)
        if emptyEnvironment { lua_createtable(L, 0, 0) } else { hearth_pushenv(L) }
        lua_setupvalue(L, -2, 1)
        return makeFunctionRef(L)
    }

    /// Loads and runs a chunk, returning what it returns.
    public func run(_ source: String, chunkName: String, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let function = try load(source, chunkName: chunkName)
        return try call(function, arguments)
    }

    /// Loads and runs a file inside `root`, named by its path relative to `root`.
    public func runFile(_ relativePath: String, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let (url, chunk) = try resolve(relativePath: relativePath)
        let source: String
        do { source = try String(contentsOf: url, encoding: .utf8) } catch {
            throw LuaError(kind: .runtime, chunk: chunk, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try run(source, chunkName: chunk, arguments: arguments)
    }

    /// Calls a Lua function with arguments and returns its results, under the runtime's limits.
    /// - Throws: `LuaError`: `.runtime` with the chunk, line and traceback; `.limit` naming the limit.
    public func call(_ function: LuaFunction, _ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        try invoke(function, pushing: { L throws(LuaError) in
            if arguments.count > 16 { lua_checkstack(L, Int32(arguments.count) + 8) }
            for argument in arguments { push(argument, L) }
            return Int32(arguments.count)
        }, read: { out throws(LuaError) in try out.values() })
    }

    /// Calls a global function by name.
    public func callGlobal(_ name: String, _ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        guard case .function(let f) = try global(name) else {
            throw LuaError(kind: .runtime, message: "no function named '\(name)'")
        }
        return try call(f, arguments)
    }

    /// Reads a global of the sandbox.
    public func global(_ name: String) throws(LuaError) -> LuaValue {
        let L = try state()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        hearth_pushenv(L)
        lua_getfield(L, -1, name)
        return try value(at: -1, L)
    }

    /// Pushes the message handler and the function; arms the limits for an outermost call.
    func begin(_ L: OpaquePointer, function: LuaFunction) throws(LuaError) {
        guard depth < Self.maxNesting else {
            throw LuaError(kind: .limit(.depth), message: "calls between Lua and the host nest more than \(Self.maxNesting) deep")
        }
        lua_pushcclosure(L, hearth_msgh, 0)
        lua_rawgeti(L, hearth_registryindex(), lua_Integer(function.ref))
        if depth == 0 {
            control.pointee.instr_used = 0
            control.pointee.limit_hit = 0
            control.pointee.deadline = limits.timeout > 0 ? hearth_now() + limits.timeout : 0
            hearth_arm(L)
        }
        depth += 1
    }

    /// The one way into Lua: arms the limits for an outermost call, lets `pushing` push the arguments (with the
    /// memory cap suspended) and say how many, runs the function, and lets `read` see the results where they lie.
    /// - Throws: `LuaError` from pushing, from the call (with chunk, line and traceback, or the limit), or from `read`.
    @inline(__always)
    func invoke<R>(
        _ function: LuaFunction, pushing: (OpaquePointer) throws(LuaError) -> Int32,
        read: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        let L = try state()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try begin(L, function: function)
        control.pointee.mem_suspended += 1
        let count: Int32
        do {
            count = try pushing(L)
        } catch {
            control.pointee.mem_suspended -= 1
            depth -= 1
            throw error
        }
        control.pointee.mem_suspended -= 1
        let status = hearth_pcall(L, count, LUA_MULTRET, top + 1)
        depth -= 1
        guard status == LUA_OK else {
            let error = describeFailure(L, status: status, function: function)
            if depth == 0 { recover(L) }
            throw error
        }
        let base = top + 2
        return try read(LuaResults(L: L, runtime: self, base: base, count: Int(lua_gettop(L) - base + 1)))
    }

    var memoryMessage: String {
        "memory limit exceeded (\(limits.memoryBytes) bytes per runtime)"
    }

    func describeFailure(_ L: OpaquePointer, status: Int32, function: LuaFunction?) -> LuaError {
        let raw = string(at: -1) ?? "error object is not a string"
        let fallback = function.flatMap { f in f.definedAt.map { String($0.prefix { $0 != ":" }) } }
        let hit = control.pointee.limit_hit
        var kind: LuaError.Kind = .runtime
        if hit == Int32(HEARTH_LIMIT_INSTRUCTIONS.rawValue) || hit == Int32(HEARTH_LIMIT_PATTERN.rawValue) {
            kind = .limit(.instructions)
        } else if hit == Int32(HEARTH_LIMIT_TIME.rawValue) {
            kind = .limit(.time)
        } else if hit == Int32(HEARTH_LIMIT_MEMORY.rawValue) || status == LUA_ERRMEM {
            kind = .limit(.memory)
        } else if raw.contains("stack overflow") || raw.contains("nest more than") {
            kind = .limit(.depth)
        }
        var error = LuaError.parse(kind: kind, raw: raw, fallbackChunk: fallback)
        restoreChunkName(&error)
        if kind == .limit(.memory), !error.message.contains("memory limit") {
            error.message = memoryMessage
        }
        if kind == .limit(.depth), error.message.contains("stack overflow") {
            error.message = "stack overflow (recursion too deep): " + error.message
        }
        return error
    }

    /// Lua shortens long chunk names in messages ("...ins/eastleigh/init.lua"); give the author the whole path back.
    func restoreChunkName(_ error: inout LuaError) {
        guard let chunk = error.chunk, chunk.hasPrefix("...") else { return }
        let tail = chunk.dropFirst(3)
        if let full = chunkNames.first(where: { $0.hasSuffix(tail) }) { error.chunk = full }
    }

    /// Whether the garbage collector runs in generational mode, which costs less when every call leaves many small,
    /// short-lived tables behind (a row mapped in an import); incremental (Lua's default) otherwise.
    public var generationalCollector = false {
        didSet {
            guard let L, generationalCollector != oldValue else { return }
            _ = generationalCollector ? hearth_gc_generational(L) : hearth_gc_incremental(L)
        }
    }

    /// After a failed outermost call: free what the failure left and clear the limit flag.
    func recover(_ L: OpaquePointer) {
        control.pointee.limit_hit = 0
        control.pointee.mem_suspended += 1
        _ = hearth_gc_collect(L)
        control.pointee.mem_suspended -= 1
    }

    func state() throws(LuaError) -> OpaquePointer {
        guard let L else { throw LuaError(kind: .runtime, message: "the Lua runtime is closed") }
        return L
    }

    /// Takes the function on top of the stack into the registry.
    @usableFromInline func makeFunctionRef(_ L: OpaquePointer) -> LuaFunction {
        var info = [CChar](repeating: 0, count: 256)
        hearth_chunkname(L, -1, &info, 256)
        var ar = lua_Debug()
        lua_pushvalue(L, -1)
        var definedAt: String?
        if lua_getinfo(L, ">S", &ar) != 0 {
            var chunk = String(decoding: info.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let source = ar.source, source.pointee == CChar(UInt8(ascii: "@")) { chunk = String(cString: source + 1) }
            definedAt = ar.linedefined > 0 ? "\(chunk):\(ar.linedefined)" : chunk
        }
        let ref = luaL_ref(L, hearth_registryindex())
        return LuaFunction(ref: ref, runtime: self, definedAt: definedAt)
    }

    // MARK: Files and modules

    /// Resolves a path inside `root`, refusing anything outside it.
    func resolve(relativePath: String) throws(LuaError) -> (URL, String) {
        guard let root else {
            throw LuaError(kind: .runtime, message: "this runtime has no folder to load files from")
        }
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw LuaError(kind: .runtime, message: "'\(relativePath)' is outside the folder this code may load from")
        }
        let url = root.appendingPathComponent(relativePath).standardizedFileURL
        guard url.path.hasPrefix(root.path + "/") else {
            throw LuaError(kind: .runtime, message: "'\(relativePath)' is outside the folder this code may load from")
        }
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.resolvingSymlinksInPath().path + "/") else {
            throw LuaError(kind: .runtime, message: "'\(relativePath)' leads outside the folder this code may load from")
        }
        return (url, chunkPrefix + relativePath)
    }

    // MARK: Host globals

    private func installHostGlobals() {
        registerGlobal("print") { [unowned self] frame in
            var parts: [String] = []
            for i in 1...max(frame.count, 1) where i <= frame.count {
                parts.append(frame.display(i))
            }
            self.printHandler(parts.joined(separator: "\t"))
            return 0
        }
        registerGlobal("require") { [unowned self] frame in
            let name = try frame.string(1, function: "require")
            return try self.require(name, frame: frame)
        }
        let clockTable: [(String, (LuaCallFrame) throws -> Int32)] = [
            ("now", { [unowned self] frame in
                frame.push(.number(self.clock().timeIntervalSince1970)); return 1
            }),
            ("iso", { [unowned self] frame in
                frame.push(.string(ISO8601DateFormatter().string(from: self.clock()))); return 1
            }),
            ("today", { [unowned self] frame in
                let f = ISO8601DateFormatter()
                f.formatOptions = [.withFullDate]
                frame.push(.string(f.string(from: self.clock()))); return 1
            }),
        ]
        registerGlobalTable("clock", functions: clockTable)
    }

    func require(_ name: String, frame: LuaCallFrame) throws -> Int32 {
        let valid = !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && part.allSatisfy(\.isASCII)
        }
        guard valid else {
            throw LuaError(kind: .runtime, message: "require: '\(name)' is not a module name (letters, digits, _ and dots only); modules come from this folder only")
        }
        switch modules[name] {
        case .loading:
            throw LuaError(kind: .runtime, message: "require: '\(name)' requires itself (a loop between modules)")
        case .loaded(let ref):
            lua_rawgeti(frame.L, hearth_registryindex(), lua_Integer(ref))
            return 1
        case nil: break
        }
        let relative = name.replacingOccurrences(of: ".", with: "/") + ".lua"
        var found: (URL, String)?
        var looked: [String] = []
        for folder in moduleFolders {
            let candidate = try resolve(relativePath: folder.isEmpty ? relative : folder + relative)
            looked.append(candidate.1)
            if FileManager.default.fileExists(atPath: candidate.0.path) { found = candidate; break }
        }
        guard let (url, chunk) = found else {
            throw LuaError(kind: .runtime, message: "require: module '\(name)' not found (looked for \(looked.joined(separator: ", "))); only .lua files in this folder can be required")
        }
        let source = try String(contentsOf: url, encoding: .utf8)
        modules[name] = .loading
        do {
            let function = try load(source, chunkName: chunk)
            let L = frame.L
            lua_rawgeti(L, hearth_registryindex(), lua_Integer(function.ref))
            let status = hearth_pcall(L, 0, 1, 0)
            if status != LUA_OK {
                modules[name] = nil
                throw LuaRethrow()
            }
            if lua_type(L, -1) == LUA_TNIL {
                lua_settop(L, -2)
                lua_pushboolean(L, 1)
            }
            lua_pushvalue(L, -1)
            modules[name] = .loaded(luaL_ref(L, hearth_registryindex()))
            return 1
        } catch let error as LuaRethrow {
            throw error
        } catch {
            modules[name] = nil
            throw error
        }
    }
}

/// Thrown inside a callback when the Lua error value is already on the stack and must travel on unchanged.
struct LuaRethrow: Error {}
