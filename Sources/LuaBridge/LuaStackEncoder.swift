import CLua
import CLuaShim

/// Encodes an `Encodable` value straight onto a Lua stack (no intermediate `LuaValue`), which is what makes
/// handing a Swift record to a hook cheap. Each container writes into a table at a fixed stack index.
struct LuaStackEncoding: Encoder {
    let L: OpaquePointer
    unowned(unsafe) let runtime: LuaRuntime
    /// The table made for this value before encoding began; a single value replaces it.
    let table: Int32
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedStackEncoding<Key>(encoder: self, index: table))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedStackEncoding(encoder: self, index: table, count: Int64(lua_rawlen(L, table)))
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleStackEncoding(encoder: self) }

    /// Pushes exactly one value for `value` on top of the stack: a table unless the value encodes as a single value.
    /// (No dynamic casts here: they cost more than the encoding itself.)
    static func push<T: Encodable>(_ value: T, L: OpaquePointer, runtime: LuaRuntime, path: [any CodingKey]) throws {
        guard lua_checkstack(L, 8) != 0 else {
            throw LuaError(kind: .conversion, message: "a value nests too deep to hand to Lua")
        }
        lua_createtable(L, 0, 0)
        let table = lua_gettop(L)
        try value.encode(to: LuaStackEncoding(L: L, runtime: runtime, table: table))
        if lua_gettop(L) > table {
            // a single value was pushed above the table: it is the value
            lua_rotate(L, table, -1)   // bring the table to the top
            lua_settop(L, -2)          // and drop it... the single value now sits at `table`
            lua_settop(L, table)
        }
    }
}

struct KeyedStackEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: LuaStackEncoding
    let index: Int32
    var codingPath: [any CodingKey] { encoder.codingPath }
    var L: OpaquePointer { encoder.L }

    func set(_ key: Key) { lua_setfield(L, index, key.stringValue) }
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { lua_pushboolean(L, value ? 1 : 0); set(key) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.runtime.pushString(value, L); set(key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { lua_pushnumber(L, value); set(key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { lua_pushinteger(L, lua_Integer(value)); set(key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { lua_pushinteger(L, lua_Integer(value)); set(key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try LuaStackEncoding.push(value, L: L, runtime: encoder.runtime, path: [])
        set(key)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        lua_createtable(L, 0, 4)
        lua_pushvalue(L, -1)
        set(key)
        return KeyedEncodingContainer(KeyedStackEncoding<NestedKey>(
            encoder: LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L)), index: lua_gettop(L)))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        lua_createtable(L, 4, 0)
        lua_pushvalue(L, -1)
        set(key)
        return UnkeyedStackEncoding(encoder: LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L)),
                                    index: lua_gettop(L), count: 0)
    }
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        lua_createtable(L, 0, 4)
        lua_pushvalue(L, -1)
        set(key)
        return LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L))
    }
}

struct UnkeyedStackEncoding: UnkeyedEncodingContainer {
    let encoder: LuaStackEncoding
    let index: Int32
    var count64: Int64
    var codingPath: [any CodingKey] { [] }
    var count: Int { Int(count64) }
    var L: OpaquePointer { encoder.L }

    init(encoder: LuaStackEncoding, index: Int32, count: Int64) {
        self.encoder = encoder
        self.index = index
        self.count64 = count
    }

    mutating func append() {
        count64 += 1
        lua_rawseti(L, index, lua_Integer(count64))
    }
    mutating func encodeNil() throws { count64 += 1 }
    mutating func encode(_ value: String) throws { encoder.runtime.pushString(value, L); append() }
    mutating func encode(_ value: Int) throws { lua_pushinteger(L, lua_Integer(value)); append() }
    mutating func encode(_ value: Bool) throws { lua_pushboolean(L, value ? 1 : 0); append() }
    mutating func encode(_ value: Double) throws { lua_pushnumber(L, value); append() }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try LuaStackEncoding.push(value, L: L, runtime: encoder.runtime, path: [])
        append()
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        lua_createtable(L, 0, 4)
        lua_pushvalue(L, -1)
        append()
        return KeyedEncodingContainer(KeyedStackEncoding<NestedKey>(
            encoder: LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L)), index: lua_gettop(L)))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        lua_createtable(L, 4, 0)
        lua_pushvalue(L, -1)
        append()
        return UnkeyedStackEncoding(encoder: LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L)),
                                    index: lua_gettop(L), count: 0)
    }
    mutating func superEncoder() -> any Encoder {
        lua_createtable(L, 0, 4)
        lua_pushvalue(L, -1)
        append()
        return LuaStackEncoding(L: L, runtime: encoder.runtime, table: lua_gettop(L))
    }
}

struct SingleStackEncoding: SingleValueEncodingContainer {
    let encoder: LuaStackEncoding
    var codingPath: [any CodingKey] { [] }
    var L: OpaquePointer { encoder.L }
    mutating func encodeNil() throws { lua_pushnil(L) }
    mutating func encode(_ value: Bool) throws { lua_pushboolean(L, value ? 1 : 0) }
    mutating func encode(_ value: String) throws { encoder.runtime.pushString(value, L) }
    mutating func encode(_ value: Double) throws { lua_pushnumber(L, value) }
    mutating func encode(_ value: Float) throws { lua_pushnumber(L, Double(value)) }
    mutating func encode(_ value: Int) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: Int8) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: Int16) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: Int32) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: Int64) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: UInt) throws { lua_pushinteger(L, lua_Integer(truncatingIfNeeded: value)) }
    mutating func encode(_ value: UInt8) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: UInt16) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: UInt32) throws { lua_pushinteger(L, lua_Integer(value)) }
    mutating func encode(_ value: UInt64) throws { lua_pushinteger(L, lua_Integer(truncatingIfNeeded: value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try LuaStackEncoding.push(value, L: L, runtime: encoder.runtime, path: [])
    }
}

extension LuaRuntime {
    /// Calls a Lua function with Swift values encoded straight onto the Lua stack as tables.
    /// - Throws: `LuaError` as `call(_:_:)` does, or `.conversion` when a value cannot be encoded.
    public func call<each A: Encodable>(_ function: LuaFunction, encoding arguments: repeat each A) throws(LuaError) -> [LuaValue] {
        try invoke(function, pushing: { L throws(LuaError) in
            var count: Int32 = 0
            do {
                for argument in repeat each arguments {
                    try LuaStackEncoding.push(argument, L: L, runtime: self, path: [])
                    count += 1
                }
            } catch {
                if let e = error as? LuaError { throw e }
                throw LuaError(kind: .conversion, message: "\(error)")
            }
            return count
        }, read: { out throws(LuaError) in try out.values() })
    }

    /// Pushes an `Encodable` value as a Lua value and takes it into the registry as a Swift `LuaValue`.
    public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
        try LuaEncoder().encode(value)
    }
}
