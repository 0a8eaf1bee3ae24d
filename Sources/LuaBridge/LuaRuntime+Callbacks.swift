import CLua
import CLuaShim

/// The arguments of a call from Lua into Swift, and the place to put its results.
///
/// Valid only during the callback. `L` is the state of the calling coroutine, which may not be the main one.
public struct LuaCallFrame {
    let L: OpaquePointer
    unowned(unsafe) let runtime: LuaRuntime
    /// How many arguments Lua passed.
    public let count: Int

    init(L: OpaquePointer, runtime: LuaRuntime) {
        self.L = L
        self.runtime = runtime
        self.count = Int(lua_gettop(L))
    }

    /// Argument `i` (from 1) as a value; `.nil` past the last argument.
    public func value(_ i: Int) throws(LuaError) -> LuaValue {
        guard i <= count else { return .nil }
        return try runtime.value(at: Int32(i), L)
    }

    /// All arguments as values.
    public func values() throws(LuaError) -> [LuaValue] {
        var result: [LuaValue] = []
        for i in 0..<count { result.append(try runtime.value(at: Int32(i + 1), L)) }
        return result
    }

    /// Argument `i` as a string, or an error in Lua's words ("bad argument #1 to 'f' (string expected, got nil)").
    public func string(_ i: Int, function: String) throws(LuaError) -> String {
        guard i <= count, lua_type(L, Int32(i)) == LUA_TSTRING, let s = runtime.string(at: Int32(i)) else {
            throw LuaError(kind: .runtime, message: "bad argument #\(i) to '\(function)' (string expected, got \(typeName(i)))")
        }
        return s
    }

    /// Argument `i` as an integer, or an error in Lua's words.
    public func integer(_ i: Int, function: String) throws(LuaError) -> Int {
        var isNumber: Int32 = 0
        let n = i <= count ? lua_tointegerx(L, Int32(i), &isNumber) : 0
        guard isNumber != 0, lua_type(L, Int32(i)) == LUA_TNUMBER else {
            throw LuaError(kind: .runtime, message: "bad argument #\(i) to '\(function)' (integer expected, got \(typeName(i)))")
        }
        return Int(n)
    }

    /// Lua's type name of argument `i`.
    public func typeName(_ i: Int) -> String {
        guard i <= count else { return "no value" }
        return String(cString: lua_typename(L, lua_type(L, Int32(i))))
    }

    /// Argument `i` as `print` would show it, without calling metamethods.
    func display(_ i: Int) -> String {
        let idx = Int32(i)
        switch lua_type(L, idx) {
        case LUA_TSTRING: return runtime.string(at: idx, L) ?? ""
        case LUA_TNUMBER:
            if lua_isinteger(L, idx) != 0 { return String(lua_tointegerx(L, idx, nil)) }
            return String(lua_tonumberx(L, idx, nil))
        case LUA_TBOOLEAN: return lua_toboolean(L, idx) != 0 ? "true" : "false"
        case LUA_TNIL: return "nil"
        default: return typeName(i)
        }
    }

    /// The line of the Lua code that made this call, or nil.
    public var callerLine: Int? {
        let line = hearth_callerline(L)
        return line > 0 ? Int(line) : nil
    }

    /// The chunk and line of the Lua code that made this call (`chunk:line`), or nil.
    public var callerLocation: String? {
        hearth_where(L, 1)
        defer { lua_settop(L, -2) }
        guard var s = runtime.string(at: -1, L), !s.isEmpty else { return nil }
        if s.hasSuffix(": ") { s.removeLast(2) }
        return s
    }

    /// Pushes one result; return the number pushed from the callback.
    public func push(_ value: LuaValue) { runtime.push(value, L) }
}

final class CallbackBox {
    let function: (LuaCallFrame) throws -> Int32
    unowned(unsafe) let runtime: LuaRuntime
    init(function: @escaping (LuaCallFrame) throws -> Int32, runtime: LuaRuntime) {
        self.function = function
        self.runtime = runtime
    }
}

/// Runs a Swift callback; never raises. -1: message on top, add the caller's location; -2: value on top, raise as is.
private let trampoline: hearth_swift_fn = { L, context in
    guard let L, let context else { return 0 }
    let box = Unmanaged<CallbackBox>.fromOpaque(context).takeUnretainedValue()
    do {
        return try box.function(LuaCallFrame(L: L, runtime: box.runtime))
    } catch is LuaRethrow {
        return -2
    } catch let error as LuaError {
        if error.kind != .runtime || error.chunk != nil {
            box.runtime.pushString(error.description, L)
            return -2
        }
        box.runtime.pushString(error.message, L)
        return -1
    } catch {
        box.runtime.pushString("\(error)", L)
        return -1
    }
}

extension LuaRuntime {
    func pushCallback(_ function: @escaping (LuaCallFrame) throws -> Int32, _ L: OpaquePointer) {
        let box = CallbackBox(function: function, runtime: self)
        callbacks.append(box)
        hearth_pushswiftfunction(L, trampoline, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Registers a Swift function as a global, before the sandbox is sealed.
    func registerGlobal(_ name: String, _ function: @escaping (LuaCallFrame) throws -> Int32) {
        guard let L else { return }
        control.pointee.mem_suspended += 1
        pushCallback(function, L)
        hearth_setsandboxglobal(L, name)
        control.pointee.mem_suspended -= 1
    }

    func registerGlobalTable(_ name: String, functions: [(String, (LuaCallFrame) throws -> Int32)]) {
        guard let L else { return }
        control.pointee.mem_suspended += 1
        lua_createtable(L, 0, Int32(functions.count))
        for (key, function) in functions {
            pushCallback(function, L)
            lua_setfield(L, -2, key)
        }
        hearth_makereadonly(L)
        hearth_setsandboxglobal(L, name)
        control.pointee.mem_suspended -= 1
    }

    /// Makes a Lua function of a C function (a `lua_CFunction`), with `upvalues` as its upvalues: for host functions
    /// written in C, which Lua calls without crossing into Swift. The function runs under the same limits as Lua code
    /// (its allocations count against the memory cap) and may raise Lua errors.
    public func makeFunction(
        c function: @convention(c) (OpaquePointer?) -> Int32, upvalues: [LuaValue] = []
    ) throws(LuaError) -> LuaFunction {
        let L = try state()
        control.pointee.mem_suspended += 1
        defer { control.pointee.mem_suspended -= 1 }
        lua_checkstack(L, Int32(upvalues.count) + 2)
        for value in upvalues { push(value, L) }
        lua_pushcclosure(L, function, Int32(upvalues.count))
        return makeFunctionRef(L)
    }

    /// Makes a Lua function backed by Swift. The function receives a frame to read arguments from and push
    /// results to, and returns how many results it pushed. A thrown error becomes a Lua error at the caller's line.
    public func makeRawFunction(_ function: @escaping (LuaCallFrame) throws -> Int32) throws(LuaError) -> LuaFunction {
        let L = try state()
        control.pointee.mem_suspended += 1
        defer { control.pointee.mem_suspended -= 1 }
        pushCallback(function, L)
        return makeFunctionRef(L)
    }

    /// Makes a Lua function backed by a Swift closure over values.
    public func makeFunction(_ function: @escaping ([LuaValue]) throws -> [LuaValue]) throws(LuaError) -> LuaFunction {
        try makeRawFunction { frame in
            let results = try function(try frame.values())
            for r in results { frame.push(r) }
            return Int32(results.count)
        }
    }

    /// Installs a read-only global table of functions and values (for example the `hearth` API) into the sandbox.
    ///
    /// Globals are read-only to Lua code, so the host adds them here; calling it again with the same name replaces the table.
    public func setGlobal(_ name: String, _ value: LuaValue) throws(LuaError) {
        let L = try state()
        control.pointee.mem_suspended += 1
        defer { control.pointee.mem_suspended -= 1 }
        push(value, L)
        if lua_type(L, -1) == LUA_TTABLE { hearth_makereadonly(L) }
        lua_getfield(L, hearth_registryindex(), "hearth.G")
        lua_rotate(L, -2, 1)
        lua_setfield(L, -2, name)
        lua_settop(L, -2)
    }
}
