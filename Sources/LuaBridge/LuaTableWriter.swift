import CLua
import CLuaShim

/// A value that writes itself into a Lua table field by field: the fast way to hand a Swift record to Lua
/// (no Codable, no intermediate `LuaValue`). Use it for values passed on every call, such as a case to a hook.
public protocol LuaTableConvertible {
    /// Writes the value's fields into `table`.
    func write(to table: LuaTableWriter)
    /// How many fields the table will get, so Lua sizes it once instead of growing it.
    var luaFieldCount: Int32 { get }
}

extension LuaTableConvertible {
    public var luaFieldCount: Int32 { 8 }
}

/// Writes fields into a Lua table on the stack. Keys are static strings; `nil` values are left out.
public struct LuaTableWriter {
    @usableFromInline let L: OpaquePointer
    @usableFromInline unowned(unsafe) let runtime: LuaRuntime
    @usableFromInline let index: Int32

    @usableFromInline init(L: OpaquePointer, runtime: LuaRuntime, index: Int32) {
        self.L = L
        self.runtime = runtime
        self.index = index
    }

    @inlinable @inline(__always) func setKey(_ key: StaticString) {
        key.withUTF8Buffer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { lua_setfield(L, index, $0) }
        }
    }

    /// Sets a string field.
    @inlinable public func set(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        runtime.pushString(value, L)
        setKey(key)
    }
    /// Sets an integer field.
    @inlinable public func set(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        lua_pushinteger(L, lua_Integer(value))
        setKey(key)
    }
    /// Sets a boolean field.
    @inlinable public func set(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        lua_pushboolean(L, value ? 1 : 0)
        setKey(key)
    }
    /// Sets a number field.
    @inlinable public func set(_ key: StaticString, _ value: Double?) {
        guard let value else { return }
        lua_pushnumber(L, value)
        setKey(key)
    }
    /// Sets a field to a nested table written by `body`.
    @inlinable public func table(_ key: StaticString, fields: Int32 = 6, _ body: (LuaTableWriter) -> Void) {
        lua_createtable(L, 0, fields)
        body(LuaTableWriter(L: L, runtime: runtime, index: lua_gettop(L)))
        setKey(key)
    }
    /// Sets a field to a nested table written by a convertible value, or leaves it out when `nil`.
    @inlinable public func set<T: LuaTableConvertible>(_ key: StaticString, _ value: T?) {
        guard let value else { return }
        table(key) { value.write(to: $0) }
    }
    /// Sets a field to a list of strings.
    @inlinable public func strings(_ key: StaticString, _ values: [String]) {
        lua_createtable(L, Int32(values.count), 0)
        for (i, v) in values.enumerated() {
            runtime.pushString(v, L)
            lua_rawseti(L, -2, lua_Integer(i + 1))
        }
        setKey(key)
    }
    /// Sets a field to a list of strings made from `items` (no intermediate array).
    @inlinable public func strings<S: Collection>(_ key: StaticString, _ items: S, _ transform: (S.Element) -> String) {
        lua_createtable(L, Int32(items.count), 0)
        var i: lua_Integer = 0
        for item in items {
            runtime.pushString(transform(item), L)
            i += 1
            lua_rawseti(L, -2, i)
        }
        setKey(key)
    }

    /// Sets a field to a list of tables, each written by `body`.
    @inlinable public func list<S: Collection>(_ key: StaticString, _ items: S, _ body: (LuaTableWriter, S.Element) -> Void) {
        lua_createtable(L, Int32(items.count), 0)
        let list = lua_gettop(L)
        var i: lua_Integer = 0
        for item in items {
            lua_createtable(L, 0, 4)
            body(LuaTableWriter(L: L, runtime: runtime, index: lua_gettop(L)), item)
            i += 1
            lua_rawseti(L, list, i)
        }
        setKey(key)
    }
    /// Sets a field named at run time (a table key that is data, such as a question number).
    @inlinable public func set(field key: String, _ value: String) {
        runtime.pushString(key, L)
        runtime.pushString(value, L)
        lua_rawset(L, index)
    }

    /// Sets a field to a table with string keys and string values.
    @inlinable public func map(_ key: StaticString, _ values: [String: String]) {
        lua_createtable(L, 0, Int32(values.count))
        for (k, v) in values {
            runtime.pushString(k, L)
            runtime.pushString(v, L)
            lua_rawset(L, -3)
        }
        setKey(key)
    }
}

extension LuaRuntime {
    /// Calls a Lua function with values that write themselves as tables (the fast path for hooks).
    public func call(_ function: LuaFunction, tables arguments: [any LuaTableConvertible]) throws(LuaError) -> [LuaValue] {
        try invoke(function, pushing: { L throws(LuaError) in
            lua_checkstack(L, Int32(arguments.count) + 8)
            for argument in arguments {
                lua_createtable(L, 0, argument.luaFieldCount)
                argument.write(to: LuaTableWriter(L: L, runtime: self, index: lua_gettop(L)))
            }
            return Int32(arguments.count)
        }, read: { out throws(LuaError) in try out.values() })
    }
}
