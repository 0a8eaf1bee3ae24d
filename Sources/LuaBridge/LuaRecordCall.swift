import CLua
import CLuaShim

/// Field names interned once in a runtime, and the metatable each record gets: the fast way to hand Lua many
/// records of one shape, such as the rows of a CSV file.
public final class LuaRecordShape {
    let keysRef: Int32
    let metatableRef: Int32
    weak var runtime: LuaRuntime?
    /// How many fields a record has.
    public let count: Int

    init(keysRef: Int32, metatableRef: Int32, runtime: LuaRuntime, count: Int) {
        self.keysRef = keysRef
        self.metatableRef = metatableRef
        self.runtime = runtime
        self.count = count
    }

    deinit {
        guard let runtime, let L = runtime.L else { return }
        luaL_unref(L, hearth_registryindex(), keysRef)
        if metatableRef != LUA_NOREF { luaL_unref(L, hearth_registryindex(), metatableRef) }
    }
}

/// What a call returned, read where it lies on the Lua stack; valid only inside the `read` closure.
public struct LuaResults {
    @usableFromInline let L: OpaquePointer
    @usableFromInline unowned(unsafe) let runtime: LuaRuntime
    @usableFromInline let base: Int32
    /// How many values the function returned.
    public let count: Int

    init(L: OpaquePointer, runtime: LuaRuntime, base: Int32, count: Int) {
        self.L = L
        self.runtime = runtime
        self.base = base
        self.count = count
    }

    /// Result `i` (from 0) as a value; `.nil` past the last.
    public func value(_ i: Int) throws(LuaError) -> LuaValue {
        guard i < count else { return .nil }
        return try runtime.value(at: base + Int32(i), L)
    }

    /// All the results as values.
    public func values() throws(LuaError) -> [LuaValue] {
        var values: [LuaValue] = []
        values.reserveCapacity(count)
        for i in 0..<count { values.append(try runtime.value(at: base + Int32(i), L)) }
        return values
    }

    /// Whether result `i` (from 0) is nil or missing.
    public func isNil(_ i: Int) -> Bool {
        i >= count || lua_type(L, base + Int32(i)) <= LUA_TNIL
    }

    /// Whether result `i` (from 0) is a table.
    public func isTable(_ i: Int) -> Bool {
        i < count && lua_type(L, base + Int32(i)) == LUA_TTABLE
    }

    /// Result `i` (from 0) built into the caller's own tree, reading tables raw.
    /// - Throws: ``LuaTreeError`` naming the path of the first value that cannot be built.
    @inlinable
    public func build<B: LuaTreeBuilder>(_ i: Int, with builder: B) throws(LuaTreeError) -> B.Node {
        guard i < count else { return builder.null() }
        return try runtime.build(at: base + Int32(i), L, builder, depth: 0, key: .none)
    }
}

extension LuaRuntime {
    /// Interns `keys` for records handed to Lua with ``call(_:_:record:fields:read:)``; `metatable`, when a table
    /// (such as one whose `__index` reports unknown columns), is set on every record.
    public func makeRecordShape(keys: [String], metatable: LuaValue = .nil) throws(LuaError) -> LuaRecordShape {
        let L = try state()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        control.pointee.mem_suspended += 1
        defer { control.pointee.mem_suspended -= 1 }
        lua_checkstack(L, 4)
        lua_createtable(L, Int32(keys.count), 0)
        for (i, key) in keys.enumerated() {
            pushString(key, L)
            lua_rawseti(L, -2, lua_Integer(i + 1))
        }
        let keysRef = luaL_ref(L, hearth_registryindex())
        var metatableRef = LUA_NOREF
        if case .table = metatable {
            push(metatable, L)
            metatableRef = luaL_ref(L, hearth_registryindex())
        }
        return LuaRecordShape(keysRef: keysRef, metatableRef: metatableRef, runtime: self, count: keys.count)
    }

    /// Calls a Lua function with `arguments` and then one record (a table of `fields` under the shape's keys;
    /// fields past the shape's count are left out, missing ones are nil), and reads the results in place.
    ///
    /// Nothing passes through `LuaValue` unless `read` asks for it: this is the path for calling a function once
    /// per row of a large input.
    /// - Throws: `LuaError` from the call (see ``call(_:_:)``) or from `read`.
    public func call<R>(
        _ function: LuaFunction, _ arguments: [LuaValue], record shape: LuaRecordShape, fields: [String],
        read: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        try call(function, arguments, record: shape, count: fields.count, push: { i, L in self.pushString(fields[i], L) }, read: read)
    }

    /// Calls a Lua function with `arguments` and then one record whose fields are byte buffers (text as it lies in
    /// a read buffer: no Swift strings are made), and reads the results in place.
    /// - Throws: `LuaError` from the call (see ``call(_:_:)``) or from `read`.
    public func call<R>(
        _ function: LuaFunction, _ arguments: [LuaValue], record shape: LuaRecordShape, bytes: [UnsafeRawBufferPointer],
        read: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        try call(function, arguments, record: shape, count: bytes.count, push: { i, L in
            let field = bytes[i]
            if let base = field.baseAddress, field.count > 0 {
                _ = lua_pushlstring(L, base.assumingMemoryBound(to: CChar.self), field.count)
            } else {
                lua_pushstring(L, "")
            }
        }, read: read)
    }

    private func call<R>(
        _ function: LuaFunction, _ arguments: [LuaValue], record shape: LuaRecordShape, count: Int,
        push field: (Int, OpaquePointer) -> Void, read: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        try invoke(function, pushing: { L throws(LuaError) in
            lua_checkstack(L, Int32(arguments.count) + 8)
            for argument in arguments { push(argument, L) }
            let n = min(shape.count, count)
            lua_createtable(L, 0, Int32(n))
            let record = lua_gettop(L)
            lua_rawgeti(L, hearth_registryindex(), lua_Integer(shape.keysRef))
            let keys = record + 1
            for i in 0..<n {
                lua_rawgeti(L, keys, lua_Integer(i + 1))
                field(i, L)
                lua_rawset(L, record)
            }
            lua_settop(L, record)
            if shape.metatableRef != LUA_NOREF {
                lua_rawgeti(L, hearth_registryindex(), lua_Integer(shape.metatableRef))
                lua_setmetatable(L, record)
            }
            return Int32(arguments.count) + 1
        }, read: read)
    }

    /// Calls a Lua function and reads the results in place (see ``call(_:_:record:fields:read:)``).
    public func call<R>(
        _ function: LuaFunction, _ arguments: [LuaValue], read: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        try invoke(function, pushing: { L throws(LuaError) in
            if arguments.count > 16 { lua_checkstack(L, Int32(arguments.count) + 8) }
            for argument in arguments { push(argument, L) }
            return Int32(arguments.count)
        }, read: read)
    }
}
