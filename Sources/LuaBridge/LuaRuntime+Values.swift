import CLua
import CLuaShim

extension LuaRuntime {
    @usableFromInline func string(at idx: Int32, _ L: OpaquePointer? = nil) -> String? {
        guard let L = L ?? self.L else { return nil }
        var len = 0
        guard let p = hearth_tostring(L, idx, &len) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    @usableFromInline func pushString(_ s: String, _ L: OpaquePointer) {
        // Native strings are contiguous: push their bytes without copying the string.
        let pushed: Void? = s.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
        if pushed != nil { return }
        var s = s
        s.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    /// Pushes a value; the memory cap is suspended by the caller or the trampoline.
    func push(_ value: LuaValue, _ L: OpaquePointer) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s, L)
        case .array(let items):
            lua_checkstack(L, 4)
            lua_createtable(L, Int32(items.count), 0)
            for (i, item) in items.enumerated() {
                push(item, L)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .table(let fields):
            lua_checkstack(L, 4)
            lua_createtable(L, 0, Int32(fields.count))
            for (key, item) in fields {
                pushString(key, L)
                push(item, L)
                lua_rawset(L, -3)
            }
        case .function(let f):
            if f.runtime === self {
                lua_rawgeti(L, hearth_registryindex(), lua_Integer(f.ref))
            } else {
                lua_pushnil(L)
            }
        }
    }

    /// Converts the value at `idx` to Swift, reading tables raw (no metamethod runs).
    func value(at idx: Int32, _ L: OpaquePointer) throws(LuaError) -> LuaValue {
        do {
            return try build(at: idx, L, LuaValueBuilder(), depth: 0, key: .none)
        } catch {
            throw error.error
        }
    }
}
